/**
 * The distinct lines of texts, numbered as first met, and the paragraphs the lines make. A text is read by
 * character code: a line met before costs no substring, no split and no Map hashing, and paragraphs part
 * exactly where `text.split(PARAGRAPH_BREAK)` parts them (a run of lines of whitespace only, which the break
 * swallows, between two lines).
 */
import { HASH_SEED, hashStep, SliceTable, smallHash } from './slice-table.ts';

/** `/\s/` by UTF-16 code unit (every such character lies in the Basic Multilingual Plane). */
const SPACE = new Uint8Array(65_536);
for (const c of [0x09, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]) {
  SPACE[c] = 1;
}
SPACE.fill(1, 0x2000, 0x200b);
const NEWLINE = 0x0a;

/** Whether a UTF-16 code unit other than the line feed is whitespace to `/\s/` (for tests). */
export const isSpaceCode = (c: number): boolean => SPACE[c] === 1;

export class LineTable {
  private readonly table = new SliceTable();

  /** The lines' texts, by number. */
  get texts(): readonly string[] {
    return this.table.keys;
  }

  get size(): number {
    return this.table.keys.length;
  }

  /**
   * Puts the numbers of `text`'s lines into `out` from index 0 and returns how many there are. Without
   * `paragraphs`, the lines are `text.split('\n')`; with it, those of `text.split(PARAGRAPH_BREAK)`'s parts,
   * one after the other, and `paragraphs` gets the index in `out` at which each part starts (from index 0;
   * its length is set to the number of parts).
   */
  lines(text: string, out: number[], paragraphs?: number[]): number {
    const space = SPACE;
    const n = text.length;
    let count = 0;
    let parts = 0;
    if (paragraphs) paragraphs[parts++] = 0;
    let at = 0;
    for (;;) {
      let h = HASH_SEED;
      let end = at;
      for (; end < n; end++) {
        const c = text.charCodeAt(end);
        if (c === NEWLINE) break;
        h = hashStep(h, c);
      }
      out[count++] = this.table.entry(text, at, end, smallHash(h));
      if (end === n) break;
      at = end + 1;
      if (!paragraphs) continue;
      // A break swallows the whitespace-only lines that follow a line, each with its line feed: not the
      // text's last line, which has none.
      let swallowed = false;
      for (;;) {
        let i = at;
        while (i < n && space[text.charCodeAt(i)] === 1) i++;
        if (i === n || text.charCodeAt(i) !== NEWLINE) break;
        at = i + 1;
        swallowed = true;
      }
      if (swallowed) paragraphs[parts++] = count;
    }
    if (paragraphs) paragraphs.length = parts;
    return count;
  }
}
