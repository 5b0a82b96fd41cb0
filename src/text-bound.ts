/**
 * The hard bound on what one chat message may carry into the bot. Each adapter cuts the platform's raw
 * text to its bound before it parses anything (markup, HTML, JSON fields), so no parser ever sees more
 * than that, whatever was sent. The bounds sit above what the platforms themselves allow, so a real
 * message is cut only when it was forged or when the platform's limit changed.
 */

export interface BoundedText {
  readonly text: string;
  /** True when `text` is the head of something longer. */
  readonly cut: boolean;
}

/** `text` cut to at most `maxChars` UTF-16 units, never between the two halves of a surrogate pair. */
export function boundText(text: string, maxChars: number): BoundedText {
  if (text.length <= maxChars) return { text, cut: false };
  let end = maxChars;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return { text: text.slice(0, end), cut: true };
}
