/**
 * Pasted errors can carry secrets (tokens in curl lines, registry passwords, docker config blobs). Anything
 * the bot keeps or shows of a paste goes through here first.
 */
const secretPatterns: readonly [RegExp, string][] = [
  [/\bxox[abposr]-[\w-]+/g, 'xox?-[redacted]'],
  [/\bxapp-[\w-]+/g, 'xapp-[redacted]'],
  [/\b(bearer|basic)\s+[\w.~+/=-]{8,}/gi, '$1 [redacted]'],
  [
    /\b(password|passwd|pwd|secret|token|api[_-]?key|apikey|auth|authorization|access[_-]?key)(["']?\s*[:=]\s*["']?)[^\s"',}]+/gi,
    '$1$2[redacted]',
  ],
  [/(--(?:password|token|docker-password|api-key|apikey)[= ])\S+/gi, '$1[redacted]'],
  [/(-p\s+)\S{6,}/g, '$1[redacted]'],
  [/\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, '[redacted-access-key]'],
  [/\beyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]+/g, '[redacted-jwt]'],
  [/"\.dockerconfigjson"\s*:\s*"[^"]*"/g, '".dockerconfigjson": "[redacted]"'],
];

export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of secretPatterns) out = out.replace(pattern, replacement);
  return out;
}

/** The first meaningful line of a paste, redacted and bounded: for the incident record. */
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
