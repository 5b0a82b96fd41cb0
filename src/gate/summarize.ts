import { looksLikeError } from '../matching/normalize-query.ts';
import { redactSecrets } from '../redact.ts';

/**
 * The line of a paste that says what went wrong, redacted and bounded: for the incident record. The first
 * error-looking line, not the command that was run (`$ kubectl get pods -n shop`); else the first line.
 * Redacted before it is cut, so a token cut in half cannot slip past the patterns.
 */
export function summarize(text: string, maxLength = 200): string {
  const head = text.length > 10_000 ? text.slice(0, 10_000) : text;
  const lines = head
    .split('\n')
    .map((l) => l.replace(/`{3}\w*/g, '').trim())
    .filter((l) => l.length > 0);
  const line = lines.find((l) => !/^[$#>]\s/.test(l) && looksLikeError(l)) ?? lines[0] ?? '';
  const redacted = redactSecrets(line);
  return redacted.length > maxLength ? `${redacted.slice(0, maxLength - 1)}…` : redacted;
}
