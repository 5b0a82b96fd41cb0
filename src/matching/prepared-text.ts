/**
 * Texts as the lexicon reads them, line by line: each line's whole-word tokens (as the lexicon's token
 * codes) and its lower-cased form with whitespace runs collapsed. Words never span a line break, and a line
 * break is just whitespace to the lower-cased form, so an index build can prepare each distinct line once
 * for every field that holds it.
 */
import { stem } from './tokenize.ts';

/** One line as the lexicon reads it. */
export interface PreparedLine {
  readonly codes: readonly number[];
  /** The line lower-cased, whitespace runs made one space, without space at either end. */
  readonly core: string;
  readonly leadingSpace: boolean;
  readonly trailingSpace: boolean;
}

/** Numbers a whole-word token (lower-cased, stemmed) for the lexicon that will scan the text. */
export type TokenCoder = (token: string) => number;

/** A whole word as it stands in the text to its token's code: `code(stem(word.toLowerCase()))`. */
export type WordCoder = (word: string) => number;

/** The codes of a line's whole words ({@link WHOLE_WORD}), in order. */
export type LineCoder = (line: string) => readonly number[];

/** Where a text's paragraphs part. */
export const PARAGRAPH_BREAK = /\n\s*\n/;
const RUNS = /\s+/g;
/** Whitespace that collapsing changes: a run of two or more, or a character other than the space. */
const NOT_SINGLE_SPACE = /\s\s|[^\S ]/;
export const WHOLE_WORD = /[A-Za-z][A-Za-z0-9_]*|[0-9][A-Za-z0-9]*/g;

/** The code of a whole word for a lexicon's token coder. */
export const wordCoder =
  (code: TokenCoder): WordCoder =>
  (word) =>
    code(stem(word.toLowerCase()));

/** Codes a line's whole words one by one. */
export const lineCoder =
  (code: WordCoder): LineCoder =>
  (line) => {
    const words = line.match(WHOLE_WORD) ?? [];
    const codes: number[] = [];
    for (let i = 0; i < words.length; i++) codes.push(code(words[i]!));
    return codes;
  };

export function prepareLine(line: string, code: LineCoder): PreparedLine {
  const codes = code(line);
  const lower = line.toLowerCase();
  // Most lines hold no whitespace but single spaces: replacing would only copy them.
  const collapsed = NOT_SINGLE_SPACE.test(lower) ? lower.replace(RUNS, ' ') : lower;
  const leadingSpace = collapsed.startsWith(' ');
  const trailingSpace = collapsed.endsWith(' ');
  const core = collapsed.slice(leadingSpace ? 1 : 0, trailingSpace ? Math.max(1, collapsed.length - 1) : undefined);
  return { codes, core, leadingSpace, trailingSpace };
}

/**
 * The paragraph's lower-cased form (`paragraph.toLowerCase().replace(/\s+/g, ' ')`, then its line break) from
 * offset `from` of line `k`'s core on, at least `length` characters of it when the paragraph is that long. The
 * line breaks and the space at the lines' ends make one whitespace run each, so one space.
 */
export function paragraphTail(lines: readonly PreparedLine[], k: number, from: number, length: number): string {
  let out = lines[k]!.core.slice(from);
  let space = lines[k]!.trailingSpace;
  for (let i = k + 1; i < lines.length; i++) {
    if (out.length >= length) return out;
    const l = lines[i]!;
    space = true;
    if (l.core) {
      out += ` ${l.core}`;
      space = l.trailingSpace;
    }
  }
  return `${out}${space ? ' ' : ''}\n`;
}
