/**
 * The one decision about what a paste is, made the same way for every entry point (Slack, Teams, the
 * playground, the CLI): binary data is not looked up, and a paste too long to read whole is cut to its
 * head and tail with the error-looking lines of its middle kept, so a `401 Unauthorized` on line 20,000 of
 * a log still counts. What was cut is reported, so the reply can say so.
 */
import type { PasteCut } from '../i18n/messages.ts';
import { looksLikeError, MAX_LINE_CHARS } from '../matching/normalize-query.ts';

/** Characters read from a paste: under the matcher's own bound, so the matcher never cuts again unseen. */
export const maxPasteChars = 48_000;

export interface PasteReading {
  /** What is looked up: the paste, or the lines kept of it. */
  readonly text: string;
  readonly binary: boolean;
  /** Set when the paste was cut. */
  readonly cut?: PasteCut;
}

const sampleChars = 8_192;

/**
 * Share of characters no text paste has: control bytes, replacement characters (bytes that were not
 * UTF-8), C1 controls and Latin-1 symbols (bytes decoded one to a character), private use.
 */
export function binaryShare(text: string): number {
  const sample = text.length > sampleChars ? text.slice(0, sampleChars) : text;
  if (sample.length === 0) return 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (
      (c < 32 && c !== 9 && c !== 10 && c !== 13) ||
      (c >= 0x7f && c < 0x100 && c !== 0xa0 && !isLatinLetter(c)) ||
      c === 0xfffd ||
      (c >= 0xe000 && c < 0xf900)
    )
      odd++;
  }
  return odd / sample.length;
}

function isLatinLetter(c: number): boolean {
  return c >= 0xc0 && c !== 0xd7 && c !== 0xf7;
}

export function readPaste(raw: string, maxChars = maxPasteChars): PasteReading {
  const binary = binaryShare(raw) > 0.25;
  if (binary) return { text: '', binary };
  if (raw.length <= maxChars) return { text: raw, binary };

  const lines = raw.split(/\r\n?|\n/).map((l) => (l.length > MAX_LINE_CHARS ? l.slice(0, MAX_LINE_CHARS) : l));
  const budget = { head: Math.floor(maxChars * 0.4), tail: Math.floor(maxChars * 0.4) };
  let head = 0;
  for (let used = 0; head < lines.length && used + lines[head]!.length + 1 <= budget.head; head++)
    used += lines[head]!.length + 1;
  let tailStart = lines.length;
  for (let used = 0; tailStart > head && used + lines[tailStart - 1]!.length + 1 <= budget.tail; tailStart--)
    used += lines[tailStart - 1]!.length + 1;

  // From the middle: lines that read like errors, each once, as many as the rest of the budget holds.
  let room = maxChars - budget.head - budget.tail;
  const seen = new Set<string>();
  const middle: string[] = [];
  for (let i = head; i < tailStart && room > 0; i++) {
    const line = lines[i]!;
    const key = line.trim();
    if (!key || seen.has(key) || !looksLikeError(key) || key.length + 1 > room) continue;
    seen.add(key);
    middle.push(line);
    room -= line.length + 1;
  }
  const kept = [...lines.slice(0, head), ...middle, ...lines.slice(tailStart)];
  return {
    text: kept.join('\n'),
    binary,
    cut: {
      headLines: head,
      tailLines: lines.length - tailStart,
      middleLines: middle.length,
      omittedLines: lines.length - kept.length,
    },
  };
}
