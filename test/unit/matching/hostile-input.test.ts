import { beforeAll, describe, expect, it } from 'vitest';
import { createMatcher, type IndexMatcher } from '../../../src/matching/index-matcher.ts';
import { loadLexicon } from '../../../src/matching/lexicon.ts';
import { corpus } from './sections.fixture.ts';

// Every input gets an answer (possibly empty), never an exception. Speed is measured by `npm run bench`.
let matcher: IndexMatcher;
beforeAll(async () => {
  matcher = createMatcher(corpus, { lexicon: await loadLexicon('knowledge/lexicon') });
});

describe('matcher on hostile input', () => {
  it('answers empty and blank input with no match', () => {
    for (const text of ['', '   ', '\n\n\t', '```\n```']) {
      expect(matcher.match(text)).toMatchObject({ matches: [], confident: false });
    }
  });

  it('answers a 2 MB paste', () => {
    const big = `${'I0101 00:00:00.000000 1 x.go:1] noise line with words\n'.repeat(40_000)}Warning FailedScheduling 0/3 nodes are available: 3 Insufficient memory`;
    expect(big.length).toBeGreaterThan(2_000_000);
    const r = matcher.match(big);
    expect(r.matches[0]?.section.id).toBe('pending');
  });

  it('answers binary bytes', () => {
    const bytes = Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 7919) % 256));
    const r = matcher.match(bytes.toString('latin1'));
    expect(r.confident).toBe(false);
    expect(Array.isArray(r.matches)).toBe(true);
    expect(matcher.match(bytes.toString('utf8')).confident).toBe(false);
  });

  it('answers lines built to make regular expressions backtrack', () => {
    const attacks = [
      `${'a'.repeat(50_000)}!`,
      `${'<'.repeat(20_000)}${'>'.repeat(20_000)}`,
      `${'1.'.repeat(30_000)}x`,
      `${'x-'.repeat(30_000)}`,
      `${'@:'.repeat(30_000)}$`,
      `"${'a.'.repeat(30_000)}`,
      `${'\u001b['.repeat(20_000)}m`,
      `<${'a|'.repeat(20_000)}`,
      `${'aaaa-bbbbbbbbb-'.repeat(5_000)}`,
      `${'ab.'.repeat(20_000)}io/${'c/'.repeat(5_000)}:tag`,
      `${' '.repeat(100_000)}error`,
      `${'팟이 '.repeat(30_000)}`,
    ];
    for (const text of attacks) {
      const r = matcher.match(text);
      expect(typeof r.confident).toBe('boolean');
    }
  });

  it('answers lone surrogates and odd unicode', () => {
    const r = matcher.match('\uD800\uDFFF\uDC00 pod \u202E ImagePullBackOff \uFEFF 401 Unauthorized');
    expect(r.matches[0]?.section.id).toBe('pull-auth');
  });
});
