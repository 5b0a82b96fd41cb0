import { describe, expect, it } from 'vitest';
import type { MemorySample } from '../../../scripts/inspector.ts';
import { judgeMemory } from '../../../scripts/memory-verdict.ts';

/** Samples every 60 s with these heap sizes (MB). */
const samples = (heaps: readonly number[]): MemorySample[] =>
  heaps.map((heapMb, i) => ({ atS: i * 60, heapMb, rssMb: 200, externalMb: 20, maxRssMb: 500 }));

describe('the soak memory verdict', () => {
  it('passes a heap that stays level, give or take the noise between samples', () => {
    const verdict = judgeMemory(samples([62, 63, 61.5, 62.4, 61, 62.8, 61.9, 62, 61.6, 62.3, 61.8]), { boundMb: 16 });
    expect(verdict).toMatchObject({ verdict: 'pass', reasons: [], growthMb: -0.2, trendBoundMbPerMin: 1.6 });
  });

  it('fails a heap that grew more than the bound from start to end', () => {
    const verdict = judgeMemory(samples([62, 64, 66, 70, 74, 75, 76, 77, 78, 79, 80]), { boundMb: 16 });
    expect(verdict.verdict).toBe('fail');
    expect(verdict.reasons).toEqual([expect.stringContaining('grew 18 MB')]);
  });

  it('fails a heap still rising over the second half, even when it ends within the bound of the start', () => {
    const verdict = judgeMemory(samples([62, 50, 45, 42, 40, 40, 44, 48, 52, 56, 60]), { boundMb: 16 });
    expect(verdict.growthMb).toBe(-2);
    expect(verdict.verdict).toBe('fail');
    expect(verdict.reasons).toEqual([expect.stringContaining('still rising')]);
  });

  it('passes a heap that rose during an outage and came back down', () => {
    const verdict = judgeMemory(samples([62, 62, 62, 62, 62, 70, 66, 63, 62, 62, 62]), { boundMb: 16 });
    expect(verdict.verdict).toBe('pass');
  });
});
