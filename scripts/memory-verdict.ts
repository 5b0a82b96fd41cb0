/**
 * The soak's memory verdict over post-GC samples (see the header of scripts/soak.ts for why the bound).
 * Two checks: growth from the first to the last sample, and the trend over the second half, so a heap that
 * is still climbing at the end fails even when it started high (a backlog built in the first half).
 */
import type { MemorySample } from './inspector.ts';

export interface MemoryVerdict {
  readonly verdict: 'pass' | 'fail';
  readonly reasons: readonly string[];
  readonly boundMb: number;
  /** Heap after GC, last sample minus first. */
  readonly growthMb: number;
  /** Least-squares slope of the heap over the second half of the samples; undefined under three samples. */
  readonly trendMbPerMin: number | undefined;
  /** The bound spread over the run: a slope above it would cross the bound within the run's length. */
  readonly trendBoundMbPerMin: number;
}

const round = (n: number): number => Math.round(n * 100) / 100;

/** Slope in MB per minute of heap over time, least squares. */
export function slopeMbPerMin(samples: readonly MemorySample[]): number | undefined {
  if (samples.length < 3) return undefined;
  const n = samples.length;
  const meanT = samples.reduce((sum, s) => sum + s.atS, 0) / n;
  const meanH = samples.reduce((sum, s) => sum + s.heapMb, 0) / n;
  let num = 0;
  let den = 0;
  for (const s of samples) {
    num += (s.atS - meanT) * (s.heapMb - meanH);
    den += (s.atS - meanT) ** 2;
  }
  return den === 0 ? undefined : (num / den) * 60;
}

export function judgeMemory(samples: readonly MemorySample[], options: { readonly boundMb: number }): MemoryVerdict {
  const first = samples[0];
  const last = samples.at(-1);
  if (!first || !last) throw new Error('no memory samples');
  const { boundMb } = options;
  const spanMin = Math.max(1 / 60, (last.atS - first.atS) / 60);
  const growthMb = round(last.heapMb - first.heapMb);
  const midS = (first.atS + last.atS) / 2;
  const slope = slopeMbPerMin(samples.filter((s) => s.atS >= midS));
  const trendMbPerMin = slope === undefined ? undefined : round(slope);
  const trendBoundMbPerMin = round(boundMb / spanMin);
  const reasons: string[] = [];
  if (growthMb > boundMb) reasons.push(`heap after GC grew ${growthMb} MB, more than ${boundMb} MB`);
  if (trendMbPerMin !== undefined && trendMbPerMin > trendBoundMbPerMin) {
    reasons.push(`heap after GC still rising over the second half: ${trendMbPerMin} MB/min`);
  }
  return {
    verdict: reasons.length === 0 ? 'pass' : 'fail',
    reasons,
    boundMb,
    growthMb,
    trendMbPerMin,
    trendBoundMbPerMin,
  };
}
