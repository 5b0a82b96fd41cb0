import { redactSecrets } from '../redact.ts';

/**
 * The first meaningful line of a paste, redacted and bounded: for the incident record. Redacted before it
 * is cut, so a token cut in half cannot slip past the patterns.
 */
export function summarize(text: string, maxLength = 200): string {
  const head = text.length > 10_000 ? text.slice(0, 10_000) : text;
  const line =
    head
      .split('\n')
      .map((l) => l.replace(/`{3}\w*/g, '').trim())
      .find((l) => l.length > 0) ?? '';
  const redacted = redactSecrets(line);
  return redacted.length > maxLength ? `${redacted.slice(0, maxLength - 1)}…` : redacted;
}
