/**
 * Timestamps arrive as `Date` from client-node (an `Invalid Date` when the source was malformed) and as
 * strings from raw JSON. Both become epoch milliseconds, or undefined when they say nothing usable.
 */
export function toMs(value: unknown): number | undefined {
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? undefined : ms;
  }
  if (typeof value === 'string' && value !== '') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/** "3d4h", "25m", "40s": the kubectl style of age. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h${m % 60 > 0 ? `${m % 60}m` : ''}`;
  const d = Math.floor(h / 24);
  return d < 365 ? `${d}d${h % 24 > 0 ? `${h % 24}h` : ''}` : `${Math.floor(d / 365)}y${d % 365}d`;
}
