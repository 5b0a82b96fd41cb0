import { beforeAll, describe, expect, it } from 'vitest';
import { createMatcher, type IndexMatcher } from '../../../src/matching/index-matcher.ts';
import {
  DEMOTE,
  LearnedEvidence,
  type LearnedPair,
  LIFT,
  type RankedCandidate,
  rerank,
} from '../../../src/matching/learned-evidence.ts';
import { type CompiledLexicon, compileLexicon, loadLexicon } from '../../../src/matching/lexicon.ts';
import type { PasteEvidence } from '../../../src/matching/paste-evidence.ts';
import { corpus } from './sections.fixture.ts';

const day = 86_400_000;
const nowMs = Date.UTC(2026, 10, 23, 9);

function pair(over: Partial<LearnedPair> & Pick<LearnedPair, 'section' | 'evidence'>): LearnedPair {
  return {
    id: `${over.kind ?? 'confirm'}:${over.section}`,
    kind: 'confirm',
    expiresAtMs: nowMs + day,
    people: 2,
    ...over,
  };
}

function candidate(section: string, rank: number, over: Partial<RankedCandidate> = {}): RankedCandidate {
  return { section, rank, fuzzy: 0, sharedSignatures: [], ...over };
}

describe('rerank', () => {
  const near = [candidate('a', 10), candidate('b', 9), candidate('c', 5)];
  const sure = (section: string, kind: 'confirm' | 'reject' = 'confirm') => ({
    section,
    kind,
    similarity: 1,
    pair: pair({ section, kind, evidence: { signatures: [], concepts: [], terms: [], lines: [] } }),
  });

  it('breaks a near-tie in favour of the confirmed section', () => {
    const ranks = rerank(near, [sure('b')]);
    expect(ranks[1]!.rank).toBeGreaterThan(ranks[0]!.rank);
    expect(ranks[1]!.reasons).toEqual(['learned 1.00 (2 people)']);
  });

  it('lifts a section by at most half again: a weak candidate stays where it is', () => {
    const ranks = rerank(near, [sure('c')]);
    expect(ranks[2]!.rank).toBeCloseTo(5 * (1 + LIFT));
    expect(ranks[2]!.rank).toBeLessThan(ranks[0]!.rank);
  });

  it('demotes a rejected section by at most half, never to nothing', () => {
    const ranks = rerank(near, [sure('a', 'reject')]);
    expect(ranks[0]!.rank).toBeCloseTo(10 * (1 - DEMOTE));
    expect(ranks[0]!.rank).toBeGreaterThan(0);
    expect(ranks[0]!.learnedQuote).toBe(0);
  });

  it('never lifts a section above one that quotes the error and it does not', () => {
    const quoted = [candidate('a', 10, { fuzzy: 0.9 }), candidate('b', 9)];
    const ranks = rerank(quoted, [sure('b')]);
    expect(ranks[1]!.rank).toBeLessThan(ranks[0]!.rank);
  });

  it('never lifts a section above one sharing a specific signature it lacks', () => {
    const signed = [candidate('a', 10, { sharedSignatures: ['x'] }), candidate('b', 9)];
    expect(rerank(signed, [sure('b')])[1]!.rank).toBeLessThan(10);
    // With the same signature shown by both, the confirmation decides.
    const both = [candidate('a', 10, { sharedSignatures: ['x'] }), candidate('b', 9, { sharedSignatures: ['x'] })];
    expect(rerank(both, [sure('b')])[1]!.rank).toBeGreaterThan(10);
  });

  it('counts a close confirmed paste as a quote only while nobody said "not it"', () => {
    expect(rerank(near, [sure('b')])[1]!.learnedQuote).toBe(1);
    expect(rerank(near, [sure('b'), sure('b', 'reject')])[1]!.learnedQuote).toBe(0);
  });
});

describe('LearnedEvidence', () => {
  const weight = () => 1;
  const specific = (id: string) => id !== 'shared-event';
  const evidence = (over: Partial<PasteEvidence> = {}): PasteEvidence => ({
    signatures: ['image-pull-unauthorized'],
    concepts: ['image', 'pull'],
    terms: ['fail', 'pull', 'image', 'unauthoriz', '401'],
    lines: [],
    ...over,
  });

  it('finds a confirmed pair for the same paste, and not after it expired', () => {
    let clock = nowMs;
    const learned = new LearnedEvidence({ now: () => clock });
    learned.put(pair({ section: 's1', evidence: evidence() }));
    expect(learned.lookup(evidence(), weight, specific)).toMatchObject([{ section: 's1', similarity: 1 }]);
    clock = nowMs + 2 * day;
    expect(learned.lookup(evidence(), weight, specific)).toEqual([]);
  });

  it('ignores a pair about another specific failure, however many words they share', () => {
    const learned = new LearnedEvidence({ now: () => nowMs });
    learned.put(pair({ section: 's1', evidence: evidence() }));
    expect(learned.lookup(evidence({ signatures: ['image-not-found'] }), weight, specific)).toEqual([]);
  });

  it('applies "not it" to every paste showing the same specific signature', () => {
    const learned = new LearnedEvidence({ now: () => nowMs });
    learned.put(pair({ section: 's1', kind: 'reject', evidence: evidence() }));
    const other = evidence({ terms: ['registry', 'credential'], concepts: [] });
    expect(learned.lookup(other, weight, specific)).toMatchObject([{ kind: 'reject', similarity: 1 }]);
  });

  it('forgets a removed pair and counts its changes', () => {
    const learned = new LearnedEvidence({ now: () => nowMs });
    const before = learned.version;
    learned.put(pair({ section: 's1', evidence: evidence() }));
    learned.remove('confirm:s1');
    expect(learned.lookup(evidence(), weight, specific)).toEqual([]);
    expect(learned.version).toBe(before + 2);
  });
});

describe('the matcher with learned evidence', () => {
  let lexicon: CompiledLexicon;
  let learned: LearnedEvidence;
  let matcher: IndexMatcher;
  // A paste about several things at once: the image pull section leads, the pending one is close behind.
  const paste =
    'pod web-7c9f8d6b5-x2k4q stuck on node ip-10-0-1-5.ec2.internal, image pull token expired 401 node memory';
  const variant =
    'pod api-5d4c3b2a1-q9w8e stuck on node ip-10-8-3-77.ec2.internal, image pull token expired 401 node memory';

  beforeAll(async () => {
    lexicon = compileLexicon(await loadLexicon('knowledge/lexicon'));
    learned = new LearnedEvidence();
    matcher = createMatcher(corpus, { lexicon, learned });
  });

  it('masks names and redacts secrets in what a paste can teach', () => {
    const { evidence } = matcher.match(`${paste}\nFailed to pull image: 401 Unauthorized password=hunter2secret`);
    expect(JSON.stringify(evidence)).not.toMatch(/hunter2|web-7c9f|10-0-1-5/);
    expect(evidence?.lines.join('\n')).toContain('password=[redacted]');
    expect(evidence?.terms).toContain('401');
  });

  it('lifts a confirmed section for a variant of the paste at once, and drops it when the pair goes', () => {
    const before = matcher.match(variant);
    expect(before.matches.map((m) => m.section.id).slice(0, 2)).toEqual(['pull-auth', 'pending']);
    const evidence = matcher.match(paste).evidence!;
    learned.put(pair({ id: 'p1', section: 'pending', evidence, expiresAtMs: Date.now() + day }));

    const after = matcher.match(variant);
    expect(after.matches[0]?.section.id).toBe('pending');
    expect(after.matches[0]?.reasons).toContain('learned 1.00 (2 people)');
    expect(after.confident).toBe(true);

    learned.remove('p1');
    expect(matcher.match(variant).matches[0]?.section.id).toBe('pull-auth');
  });

  it('brings a confirmed section in as a candidate when the index alone would not list it', () => {
    const evidence = matcher.match(paste).evidence!;
    learned.put(pair({ id: 'p2', section: 'dns-windows', evidence, expiresAtMs: Date.now() + day }));
    const ids = matcher.match(variant, { top: 50 }).matches.map((m) => m.section.id);
    learned.remove('p2');
    expect(ids).toContain('dns-windows');
    // Listed, but a weak candidate is not made the answer.
    expect(ids[0]).not.toBe('dns-windows');
  });

  it('does not let a confirmation overrule a section that quotes the error', () => {
    const quoted = 'Failed to pull image "reg.example.com/team/app:1.0": 401 Unauthorized';
    const evidence = matcher.match(quoted).evidence!;
    learned.put(pair({ id: 'p3', section: 'pull-auth-token', evidence, expiresAtMs: Date.now() + day }));
    const r = matcher.match(quoted.replace('team/app:1.0', 'shop/web:2.4'));
    learned.remove('p3');
    expect(r.matches[0]?.section.id).toBe('pull-auth');
  });
});
