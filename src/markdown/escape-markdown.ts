/**
 * Putting text into the Markdown that replies carry. What a user wrote (a paste, a name, a thread title, a
 * search) goes through `literal`, so no renderer can ever read it as a link, a mention or formatting.
 */

// CommonMark lets any ASCII punctuation be escaped with a backslash; these are the ones that can start markup.
const SPECIAL = /[\\`*_[\]<>&|~#!]/g;

/** Text shown exactly as written, whatever it contains. */
export function literal(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      .replace(SPECIAL, (c) => `\\${c}`)
      // Block markers at a line's start: list items, headings' underlines, rules; indentation would be code.
      .replace(/^[ \t]+/gm, (pad) => '\u00a0'.repeat(pad.replace(/\t/g, '    ').length))
      .replace(/^(\u00a0*)([-+=])/gm, '$1\\$2')
      .replace(/^(\u00a0*\d{1,9})([.)])/gm, '$1\\$2')
  );
}

/** Display text with `code spans` kept: everything outside backticks is made literal. */
export function literalOutsideCode(text: string): string {
  return text
    .split(/(`[^`\n]+`)/)
    .map((part, i) => (i % 2 === 1 ? part : literal(part)))
    .join('');
}

/** A code span around any text: the fence is longer than any run of backticks inside. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\n/g, ' ')}${pad}${fence}`;
}

/** A link whose label is literal; only web addresses are linked, anything else stays text. */
export function link(label: string, url: string): string {
  if (!/^https?:\/\/[^\s<>]+$/i.test(url)) return literal(label);
  return `[${literal(label)}](<${url.replace(/[<>]/g, encodeURIComponent)}>)`;
}

/** A fenced code block around any text. */
export function codeBlock(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}\n${text}\n${fence}`;
}
