/**
 * The benchmark contract: each `bench/*.bench.ts` module default-exports a Bench. `bench/run.ts` runs them
 * in name order and prints their figures as tables, and with `--json` one JSON object on its last line,
 * `{ "<group>": { "<figure>": number } }`, merged over all modules.
 */

/** Named figures of one group, e.g. `{ p50_ms: 0.4, p99_ms: 2.1 }`. */
export type Figures = Record<string, number>;

export interface BenchContext {
  /** Project root. */
  readonly root: string;
  /** Progress and notes for the reader (stderr); results go in the returned figures. */
  log(message: string): void;
}

export interface Bench {
  /** Short name, used by `--only`. */
  readonly name: string;
  /** Groups of figures; group names must be unique across modules (they become top-level JSON keys). */
  run(ctx: BenchContext): Promise<Record<string, Figures>>;
}

/** p-th percentile (0..100) of samples, nearest rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Milliseconds a call takes, with high resolution. */
export function timed<T>(fn: () => T): { value: T; ms: number } {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { value, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}

/** Peak resident set size of the process so far, in MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Rounds figures for printing and JSON: 3 significant decimals for small values. */
export function round(n: number): number {
  if (!Number.isFinite(n)) return n;
  return n >= 100 ? Math.round(n) : Math.round(n * 1000) / 1000;
}
