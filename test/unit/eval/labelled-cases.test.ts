import { describe, expect, it } from 'vitest';
import { FOLDS } from '../../../scripts/calibration-report.ts';
import { caseGroup, readCases } from '../../../scripts/labelled-cases.ts';
import { groupedFolds } from '../../../src/matching/calibration.ts';

describe('the folds the confidence model is checked on', () => {
  const cases = readCases('../shared/eval/dev.jsonl');
  const folds = groupedFolds(cases.map(caseGroup), FOLDS);

  it('never puts one provenance on both sides of a fold', () => {
    const foldsOf = new Map<string, Set<number>>();
    cases.forEach((c, i) => {
      if (!c.provenance || c.provenance === 'synthetic') return;
      const set = foldsOf.get(c.provenance) ?? new Set<number>();
      set.add(folds[i]!);
      foldsOf.set(c.provenance, set);
    });
    expect(foldsOf.size).toBeGreaterThan(10);
    for (const [provenance, set] of foldsOf) expect({ provenance, folds: set.size }).toEqual({ provenance, folds: 1 });
  });

  it('treats each hand-written case as its own group', () => {
    const synthetic = cases.filter((c) => c.provenance === 'synthetic');
    expect(new Set(synthetic.map(caseGroup)).size).toBe(synthetic.length);
  });

  it('uses every fold', () => {
    expect(new Set(folds).size).toBe(FOLDS);
  });
});
