/**
 * The words of texts read by character code and looked up by their characters in a {@link SliceTable}, so
 * that a word met before costs no regex match, no string and no Map hashing: an index build meets about a
 * million words, a few ten thousand of them distinct. The words are those of tokenize.ts's `words` (Hangul
 * runs, `[A-Za-z][A-Za-z0-9_]*`, `[0-9][A-Za-z0-9]*`) or, without Hangul runs, prepared-text.ts's
 * `WHOLE_WORD`: the Latin words do not depend on the Hangul around them.
 */
import { HASH_SEED, hashStep, SliceTable, smallHash } from './slice-table.ts';

const OTHER = 0;
const LETTER = 1;
const DIGIT = 2;
const UNDERSCORE = 3;
const HANGUL = 4;

/** `\p{Script=Hangul}`, which holds no code point outside the Basic Multilingual Plane. */
const HANGUL_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x11ff],
  [0x302e, 0x302f],
  [0x3131, 0x318e],
  [0x3200, 0x321e],
  [0x3260, 0x327e],
  [0xa960, 0xa97c],
  [0xac00, 0xd7a3],
  [0xd7b0, 0xd7c6],
  [0xd7cb, 0xd7fb],
  [0xffa0, 0xffbe],
  [0xffc2, 0xffc7],
  [0xffca, 0xffcf],
  [0xffd2, 0xffd7],
  [0xffda, 0xffdc],
];

const KINDS = new Uint8Array(65_536);
for (const [from, to] of HANGUL_RANGES) KINDS.fill(HANGUL, from, to + 1);
KINDS.fill(LETTER, 0x41, 0x5b);
KINDS.fill(LETTER, 0x61, 0x7b);
KINDS.fill(DIGIT, 0x30, 0x3a);
KINDS[0x5f] = UNDERSCORE;

/** Whether a UTF-16 code unit is Hangul (for tests: `\p{Script=Hangul}` per code point). */
export const isHangulCode = (c: number): boolean => KINDS[c] === HANGUL;

/** Distinct words, each with a value made once, when the word is first met. */
export class WordTable<T> {
  private readonly table = new SliceTable();
  private readonly values: T[] = [];

  private readonly make: (word: string) => T;

  constructor(make: (word: string) => T) {
    this.make = make;
  }

  /**
   * Puts the values of `text`'s words into `out` from index 0, in order, and returns how many there are.
   * `hangul`: whether Hangul runs are words.
   */
  scan(text: string, hangul: boolean, out: T[]): number {
    const KIND = KINDS; // a local: V8 reads a module's binding in a hot loop far slower
    let count = 0;
    const n = text.length;
    let i = 0;
    while (i < n) {
      const kind = KIND[text.charCodeAt(i)]!;
      if (kind === OTHER || kind === UNDERSCORE || (kind === HANGUL && !hangul)) {
        i++;
        continue;
      }
      const start = i;
      let h = HASH_SEED;
      // Hangul runs go on over Hangul; a letter's word over letters, digits and underscores; a digit's over
      // letters and digits. (No read past the end: charCodeAt would give NaN there.)
      if (kind === HANGUL) {
        for (; i < n; i++) {
          const c = text.charCodeAt(i);
          if (KIND[c] !== HANGUL) break;
          h = hashStep(h, c);
        }
      } else {
        const last = kind === LETTER ? UNDERSCORE : DIGIT;
        for (; i < n; i++) {
          const c = text.charCodeAt(i);
          const k = KIND[c]!;
          if (k === OTHER || k > last) break;
          h = hashStep(h, c);
        }
      }
      const e = this.table.entry(text, start, i, smallHash(h));
      if (e === this.values.length) this.values.push(this.make(this.table.keys[e]!));
      out[count++] = this.values[e]!;
    }
    return count;
  }
}
