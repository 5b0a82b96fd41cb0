/** Levenshtein distance, bounded work for the short names Kubernetes allows (≤ 253 chars). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/**
 * The names most like `wanted`: prefix matches first (a Deployment's pods share its name), then by edit
 * distance, only those close enough to be a plausible typo or an older pod of the same workload.
 */
export function closestNames(wanted: string, names: readonly string[], limit = 3): string[] {
  const base = wanted.replace(/-[a-z0-9]{5}$/, '').replace(/-[a-f0-9]{8,10}$/, '');
  return names
    .map((name) => {
      const shared = name.startsWith(base) || wanted.startsWith(name.replace(/-[a-z0-9]{5}$/, ''));
      return { name, score: distance(wanted, name) - (shared ? 100 : 0) };
    })
    .filter((c) => c.score < 0 || c.score <= Math.max(2, Math.floor(wanted.length / 3)))
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((c) => c.name);
}
