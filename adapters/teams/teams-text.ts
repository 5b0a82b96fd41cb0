/**
 * Teams delivers message text with light HTML (`<at>` mentions, `<p>`, `<br>`, `<pre>` for pasted code,
 * entities such as `&lt;`). The core wants the text a person pasted: tags out, line breaks kept,
 * entities decoded, and bounded.
 */

import { type BoundedText, boundText } from '../../src/text-bound.ts';

/** Longest text handed to the core; Teams itself caps a message at about 28 KB. */
export const maxTextChars = 32_000;
/** Longest activity text read at all: cut before any parsing. */
export const maxRawChars = maxTextChars * 2;

// Only the tags Teams writes: `<pod_name>` and `<namespace>` in a pasted command are text, not HTML.
const htmlTag =
  /<\/?(?:a|at|b|blockquote|br|code|del|div|em|font|h[1-6]|hr|i|img|ins|li|ol|p|pre|s|span|strike|strong|sub|sup|table|tbody|td|th|thead|tr|u|ul)(?:\s[^<>]*)?\/?>/gi;

const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return named[body.toLowerCase()] ?? whole;
  });
}

/** HTML-ish Teams text to plain text. Plain text passes through unchanged apart from entity decoding. */
export function toPlainText(text: string): string {
  return readTeamsText(text).text;
}

/**
 * `toPlainText`, saying whether the text was cut: first to `maxRawChars` before any tag or entity is read
 * (markup takes room, so the raw bound is twice the plain one), then to `maxTextChars`.
 */
export function readTeamsText(text: string): BoundedText {
  const raw = boundText(text, maxRawChars);
  const withBreaks = raw.text
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|pre|li|h[1-6]|tr)>/gi, '\n')
    .replace(htmlTag, '');
  const plain = decodeEntities(withBreaks)
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const bounded = boundText(plain, maxTextChars);
  return { text: bounded.text, cut: raw.cut || bounded.cut };
}
