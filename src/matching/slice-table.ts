/**
 * Distinct strings found as slices of larger texts, in an open-addressing table keyed by a hash the caller
 * works out while reading the characters: a slice met before is found without making its string or
 * hashing it again. Entries are numbered densely as first met.
 */

import { grow, int32s } from './grow-array.ts';

/** One step of the FNV-1a hash over UTF-16 code units. */
export const hashStep = (h: number, c: number): number => Math.imul(h ^ c, 0x01000193);
export const HASH_SEED = 0x811c9dc5 | 0;
/** A hash cut to 30 bits: a small integer, never boxed on its way into {@link SliceTable.entry}. */
export const smallHash = (h: number): number => h & 0x3fffffff;

export class SliceTable {
  private slots = new Int32Array(1 << 12); // entry + 1, 0 when free
  private hashes = new Int32Array(1 << 11);
  /** The entries' strings, by entry number. */
  readonly keys: string[] = [];

  /** The number of `text.slice(start, end)`, whose {@link smallHash} is `h`: a new one when not met before. */
  entry(text: string, start: number, end: number, h: number): number {
    const { slots, keys, hashes } = this;
    const mask = slots.length - 1;
    const length = end - start;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e = slots[s]! - 1;
      if (e < 0) break;
      if (hashes[e] !== h) continue;
      const key = keys[e]!;
      if (key.length !== length) continue;
      let j = 0;
      while (j < length && key.charCodeAt(j) === text.charCodeAt(start + j)) j++;
      if (j === length) return e;
    }
    const entry = keys.length;
    keys.push(text.slice(start, end));
    this.hashes = grow(hashes, entry + 1, int32s);
    this.hashes[entry] = h;
    if (keys.length * 2 > slots.length) this.rehash();
    else this.place(entry, h);
    return entry;
  }

  private place(entry: number, h: number): void {
    const mask = this.slots.length - 1;
    let s = h & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = entry + 1;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let e = 0; e < this.keys.length; e++) this.place(e, this.hashes[e]!);
  }
}
