/**
 * A text prepared once for all lexicon patterns: its whole-word token sequence (as the lexicon's token codes),
 * its lower-cased form with whitespace runs collapsed, and where its paragraphs start in both (an `all:`
 * signature entry must hold within one paragraph, so that a long section does not collect its phrases from
 * unrelated places).
 *
 * Everything is derived line by line and joined: words never span a line break, and a line break is just
 * whitespace to the lower-cased form. So an index build can prepare each distinct line once and assemble
 * every field that holds it, with the same result as preparing the field whole.
 */
import { stem } from './tokenize.ts';

export interface PreparedText {
  /** Token codes of the whole words, lower-cased and stemmed, in order. */
  readonly codes: Int32Array;
  /** Paragraphs lower-cased, whitespace runs made one space, each ended by a line break. */
  readonly lower: string;
  /** Token index where each paragraph starts. */
  readonly tokenParagraphs: readonly number[];
  /** Offset in `lower` where each paragraph starts. */
  readonly charParagraphs: readonly number[];
}

/** One line's share of a PreparedText. */
export interface PreparedLine {
  readonly codes: Int32Array;
  /** The line lower-cased, whitespace runs made one space, without space at either end. */
  readonly core: string;
  readonly leadingSpace: boolean;
  readonly trailingSpace: boolean;
}

/** Numbers a whole-word token (lower-cased, stemmed) for the lexicon that will scan the text. */
export type TokenCoder = (token: string) => number;

/** A whole word as it stands in the text to its token's code: `code(stem(word.toLowerCase()))`. */
export type WordCoder = (word: string) => number;

const PARAGRAPH_BREAK = /\n\s*\n/;
const RUNS = /\s+/g;
export const WHOLE_WORD = /[A-Za-z][A-Za-z0-9_]*|[0-9][A-Za-z0-9]*/g;

/** The code of a whole word for a lexicon's token coder. */
export const wordCoder =
  (code: TokenCoder): WordCoder =>
  (word) =>
    code(stem(word.toLowerCase()));

export function prepareLine(line: string, code: WordCoder): PreparedLine {
  const words = line.match(WHOLE_WORD) ?? [];
  const codes = new Int32Array(words.length);
  for (let i = 0; i < words.length; i++) codes[i] = code(words[i]!);
  const collapsed = line.toLowerCase().replace(RUNS, ' ');
  const leadingSpace = collapsed.startsWith(' ');
  const trailingSpace = collapsed.endsWith(' ');
  const core = collapsed.slice(leadingSpace ? 1 : 0, trailingSpace ? Math.max(1, collapsed.length - 1) : undefined);
  return { codes, core, leadingSpace, trailingSpace };
}

/**
 * A paragraph's lower-cased form from its lines: the line breaks and the space at the lines' ends are one
 * whitespace run each, so one space, as `paragraph.toLowerCase().replace(/\s+/g, ' ')` gives.
 */
function joinLines(lines: readonly PreparedLine[]): string {
  let out = '';
  let space = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (i > 0 || l.leadingSpace) space = true;
    if (l.core) {
      out += space ? ` ${l.core}` : l.core;
      space = l.trailingSpace;
    }
  }
  return space ? `${out} ` : out;
}

/** Prepares a text; `line` may memoise {@link prepareLine} for texts that share lines. */
export function prepareText(text: string, line: (line: string) => PreparedLine): PreparedText {
  const tokenParagraphs: number[] = [];
  const charParagraphs: number[] = [];
  const paragraphs: PreparedLine[][] = [];
  let tokens = 0;
  let lower = '';
  for (const para of text.split(PARAGRAPH_BREAK)) {
    const lines = para.split('\n').map(line);
    paragraphs.push(lines);
    tokenParagraphs.push(tokens);
    charParagraphs.push(lower.length);
    for (const l of lines) tokens += l.codes.length;
    lower += `${joinLines(lines)}\n`;
  }
  const codes = new Int32Array(tokens);
  let at = 0;
  for (const lines of paragraphs) {
    for (const l of lines) {
      codes.set(l.codes, at);
      at += l.codes.length;
    }
  }
  return { codes, lower, tokenParagraphs, charParagraphs };
}
