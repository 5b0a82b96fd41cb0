import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type EvalCase, OTHER_SETS, readCases, seedNames } from '../../../scripts/labelled-cases.ts';
import type { Section } from '../../../src/knowledge/section.ts';
import { loadMatcher } from '../../../src/matching/load-matcher.ts';

describe.each(OTHER_SETS)('the cases in %s', (file) => {
  const cases = readCases(file);
  let sections: readonly Section[] = [];
  beforeAll(async () => {
    sections = (await loadMatcher('knowledge', { root: resolve('.') })).matcher.sections;
  });

  it('are well formed: unique ids, a kind, answers only for answerable cases, a provenance each', () => {
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    for (const c of cases) {
      expect(['error', 'question', 'negative']).toContain(c.kind);
      expect(c.expect.length === 0).toBe(c.kind === 'negative');
      expect(c.provenance?.trim()).toBeTruthy();
      expect(c.text.trim()).not.toBe('');
    }
  });

  it('expect the first line of a section of a shipped document', () => {
    const seedName = seedNames(resolve('.'), '../shared/seeds');
    const starts = new Set(
      sections.filter((s) => seedName(s.source) !== undefined).map((s) => `${seedName(s.source)}:${s.lines[0]}`),
    );
    const wrong = cases.flatMap((c: EvalCase) =>
      c.expect.filter((e) => !starts.has(`${e.source}:${e.line}`)).map((e) => `${c.id} ${e.source}:${e.line}`),
    );
    expect(wrong).toEqual([]);
  });

  it('share no source with the development set or another set', () => {
    // A Korean paraphrase names the thread it restates: the same source as the thread itself.
    const source = (c: EvalCase) => (c.provenance ?? '').replace(/^synthetic-ko:/, '');
    const others = ['../shared/eval/dev.jsonl', ...OTHER_SETS.filter((f) => f !== file)];
    const seen = new Set(others.flatMap((f) => readCases(f)).map(source));
    const shared = cases.filter((c) => seen.has(source(c))).map((c) => c.id);
    expect(shared).toEqual([]);
  });
});
