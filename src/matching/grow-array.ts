/** Typed arrays filled as an index build goes, grown by doubling. */

/** `a` when it holds `needed` items, else a copy with its capacity doubled until it does. */
export function grow<T extends Int32Array<ArrayBuffer> | Float32Array<ArrayBuffer>>(
  a: T,
  needed: number,
  make: (n: number) => T,
): T {
  if (needed <= a.length) return a;
  let n = Math.max(1, a.length * 2);
  while (n < needed) n *= 2;
  const grown = make(n);
  grown.set(a);
  return grown;
}

export const int32s = (n: number): Int32Array<ArrayBuffer> => new Int32Array(n);
