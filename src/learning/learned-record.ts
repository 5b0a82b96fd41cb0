/**
 * What the store keeps of the channel's teaching, and which pairs of it count.
 *
 *   ksb:{learned}:paste:<id>   hash     one paste: its evidence, each person's votes on it, forgotten pairs
 *   ksb:{learned}:pastes       index    paste ids by their latest change (what a replica syncs from)
 *
 * Both expire after the retention, refreshed by each vote. One hash tag keeps them on one Redis Cluster
 * node, so a replica reads them all in one pipeline. A paste's fields:
 *
 *   evidence                      its PasteEvidence (masked and redacted when it was taken)
 *   v:c:<person>                  that person's confirmation: {"section", "atMs", "admin"?}; one per person
 *                                 and paste, the latest press wins (choosing another section moves it)
 *   v:r:<person>:<section digest> that person's "not it" for one section
 *   forgot:<c|r>:<section digest> an admin forgot the pair: {"atMs", "by"}; it no longer counts
 *
 * A pair (this paste, that section) counts once enough distinct people (or one knowledge admin) pressed for
 * it within the retention; it stops counting when the retention has passed since the press that made it.
 */
import { createHash } from 'node:crypto';
import type { LearnedKind, LearnedPair } from '../matching/learned-evidence.ts';
import type { PasteEvidence } from '../matching/paste-evidence.ts';

export const pastesKey = 'ksb:{learned}:pastes';
export const pasteKey = (id: string): string => `ksb:{learned}:paste:${id}`;

export interface LearnedVote {
  readonly kind: LearnedKind;
  readonly section: string;
  /** `platform:user`. */
  readonly person: string;
  readonly atMs: number;
  /** The person is a knowledge admin: one press is enough. */
  readonly admin?: boolean;
}

export interface PasteRecord {
  readonly id: string;
  readonly evidence: PasteEvidence;
  readonly votes: readonly LearnedVote[];
  /** `c:<section>` / `r:<section>` of pairs an admin forgot. */
  readonly forgotten: ReadonlySet<string>;
}

/** A pair as `kb learned list` and the playground show it: counting or still waiting for people. */
export interface LearnedSummary {
  readonly id: string;
  readonly paste: string;
  readonly section: string;
  readonly kind: LearnedKind;
  /** Distinct people whose presses are within the retention. */
  readonly people: number;
  readonly admin: boolean;
  /** Enough people (or an admin): the matcher uses it. */
  readonly counts: boolean;
  readonly lastAtMs: number;
  /** When it stops counting (or, while waiting, when its presses run out) unless pressed again. */
  readonly expiresAtMs: number;
  readonly evidence: PasteEvidence;
}

export function digest(text: string, length = 10): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, length);
}

/** A paste's id: the same for the same evidence, whoever pasted it and whatever names it held. */
export function pasteId(evidence: PasteEvidence): string {
  return digest(JSON.stringify([[...evidence.signatures].sort(), [...evidence.terms].sort()]), 12);
}

/** A pair's id, as `kb learned forget` takes it: `<paste>.<c|r>.<section digest>`. */
export function pairId(paste: string, kind: LearnedKind, section: string): string {
  return `${paste}.${kind === 'confirm' ? 'c' : 'r'}.${digest(section, 6)}`;
}

export function voteField(vote: Pick<LearnedVote, 'kind' | 'person' | 'section'>): string {
  return vote.kind === 'confirm' ? `v:c:${vote.person}` : `v:r:${vote.person}:${digest(vote.section, 8)}`;
}

export function forgetField(kind: LearnedKind, section: string): string {
  return `forgot:${kind === 'confirm' ? 'c' : 'r'}:${digest(section, 8)}`;
}

export function isForgotten(record: PasteRecord, kind: LearnedKind, section: string): boolean {
  return record.forgotten.has(forgetField(kind, section).slice('forgot:'.length));
}

/** A paste from its hash fields; undefined when the hash is gone or is not one of ours. */
export function readPasteRecord(id: string, fields: Readonly<Record<string, string>>): PasteRecord | undefined {
  const evidence = parse<PasteEvidence>(fields['evidence']);
  if (!evidence || !Array.isArray(evidence.terms) || !Array.isArray(evidence.signatures)) return undefined;
  const votes: LearnedVote[] = [];
  const forgotten = new Set<string>();
  for (const [field, value] of Object.entries(fields)) {
    if (field.startsWith('forgot:')) forgotten.add(field.slice('forgot:'.length));
    const kind = field.startsWith('v:c:') ? 'confirm' : field.startsWith('v:r:') ? 'reject' : undefined;
    if (!kind) continue;
    const vote = parse<{ section?: unknown; atMs?: unknown; admin?: unknown }>(value);
    if (typeof vote?.section !== 'string' || typeof vote.atMs !== 'number') continue;
    const rest = field.slice(4);
    const person = kind === 'confirm' ? rest : rest.slice(0, rest.lastIndexOf(':'));
    votes.push({
      kind,
      section: vote.section,
      person,
      atMs: vote.atMs,
      ...(vote.admin === true ? { admin: true } : {}),
    });
  }
  return {
    id,
    evidence: {
      signatures: evidence.signatures,
      concepts: Array.isArray(evidence.concepts) ? evidence.concepts : [],
      terms: evidence.terms,
      lines: Array.isArray(evidence.lines) ? evidence.lines : [],
    },
    votes,
    forgotten,
  };
}

/**
 * Every pair a paste's votes make, counting or not. A person's confirmation and "not it" for the same
 * section cancel out to the later one; presses older than the retention are not counted.
 */
export function summarize(
  record: PasteRecord,
  rule: { readonly confirmations: number; readonly retentionMs: number; readonly nowMs: number },
): LearnedSummary[] {
  const since = rule.nowMs - rule.retentionMs;
  const latest = new Map<string, LearnedVote>();
  for (const vote of record.votes) {
    if (vote.atMs <= since) continue;
    const key = `${vote.person}\u0000${vote.section}`;
    const known = latest.get(key);
    if (!known || vote.atMs > known.atMs) latest.set(key, vote);
  }
  const pairs = new Map<string, LearnedVote[]>();
  for (const vote of latest.values()) {
    const key = `${vote.kind === 'confirm' ? 'c' : 'r'}:${vote.section}`;
    pairs.set(key, [...(pairs.get(key) ?? []), vote]);
  }
  const out: LearnedSummary[] = [];
  for (const votes of pairs.values()) {
    const { kind, section } = votes[0]!;
    if (isForgotten(record, kind, section)) continue;
    const times = votes.map((v) => v.atMs).sort((a, b) => b - a);
    const admins = votes.filter((v) => v.admin).map((v) => v.atMs);
    // It counts until the retention has passed since the press that made it count.
    const madeAt = Math.max(times[rule.confirmations - 1] ?? Number.NEGATIVE_INFINITY, ...admins);
    const counts = Number.isFinite(madeAt);
    out.push({
      id: pairId(record.id, kind, section),
      paste: record.id,
      section,
      kind,
      people: votes.length,
      admin: admins.length > 0,
      counts,
      lastAtMs: times[0]!,
      expiresAtMs: (counts ? madeAt : times[0]!) + rule.retentionMs,
      evidence: record.evidence,
    });
  }
  return out;
}

/** The pairs the matcher uses. */
export function countingPairs(summaries: readonly LearnedSummary[]): LearnedPair[] {
  return summaries
    .filter((s) => s.counts)
    .map((s) => ({
      id: s.id,
      section: s.section,
      kind: s.kind,
      evidence: s.evidence,
      expiresAtMs: s.expiresAtMs,
      people: s.people,
    }));
}

function parse<T>(raw: string | undefined): T | undefined {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return undefined;
  }
}
