import type { V1Pod } from '@kubernetes/client-node';

export const REDACTED = '[redacted]';

/** Patterns that carry a secret wherever they appear: in logs, events, probe output or specs. */
const patterns: readonly [RegExp, string][] = [
  // Authorization headers and bearer tokens.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`],
  // JWTs (service account tokens, OIDC id tokens).
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, REDACTED],
  // Registry auth strings and docker config blobs.
  [
    /("[A-Za-z0-9_.-]*(?:auth|password|passwd|secret|token|api[_-]?key|credentials?)"\s*:\s*")[^"]*(")/gi,
    `$1${REDACTED}$2`,
  ],
  [/(\.?dockerconfigjson"?\s*[:=]\s*"?)[A-Za-z0-9+/=]{16,}/gi, `$1${REDACTED}`],
  // key=value where the key ends in a secret's name: "DB_PASSWORD=…", "client_secret=…", "GITPOD_CLI_APITOKEN=…".
  [
    /\b([A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?|auth))(\s*=\s*)("?)[^\s"',;&]{3,}/gi,
    `$1$2$3${REDACTED}`,
  ],
  // key: value reads like prose too ("oauth token: unexpected status"): only values that look generated.
  [
    /\b([A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?))(\s*:\s*)("?)(?=[^\s"',;&]*[0-9+/_=-])[^\s"',;&]{6,}/gi,
    `$1$2$3${REDACTED}`,
  ],
  // Credentials inside URLs: scheme://user:password@host.
  [/([a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:)[^\s/@]+@/gi, `$1${REDACTED}@`],
  // Well-known token shapes.
  [/\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, REDACTED],
  [/\bgh[pousr]_[A-Za-z0-9]{20,}\b/g, REDACTED],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/g, REDACTED],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g, REDACTED],
];

const sensitiveName = /pass|secret|token|key|auth|credential|cert|cookie|session|signature|private/i;

/**
 * Replaces secrets in `text`: every literal in `known` (env values and annotation values taken from the
 * pod), then the patterns above. Safe to call twice.
 */
export function redactText(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const value of known) {
    if (value.length >= 6 && out.includes(value)) out = out.split(value).join(REDACTED);
  }
  for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
  return out;
}

/**
 * The literal values in a pod that must never be shown: env values of every container whose name
 * looks secret or whose value looks like a token, and annotation values under secret-looking keys.
 * Longest first, so a value containing another is replaced whole.
 */
export function secretValuesOf(pod: V1Pod | undefined): string[] {
  const values = new Set<string>();
  const spec = pod?.spec;
  for (const c of [
    ...(spec?.initContainers ?? []),
    ...(spec?.containers ?? []),
    ...(spec?.ephemeralContainers ?? []),
  ]) {
    for (const env of c.env ?? []) {
      const value = env.value;
      if (value === undefined || value.length < 6) continue;
      if (sensitiveName.test(env.name) || looksLikeToken(value)) values.add(value);
    }
  }
  for (const [key, value] of Object.entries(pod?.metadata?.annotations ?? {})) {
    if (sensitiveName.test(key) && value.length >= 6) values.add(value);
  }
  // An id that is also part of the pod's name (Gitpod instance ids) is not a secret: keep names readable.
  const name = pod?.metadata?.name ?? '';
  return [...values].filter((v) => !name.includes(v)).sort((a, b) => b.length - a.length);
}

/** Long hex and base64 strings without spaces: the shapes API tokens take (UUIDs are ids, unless named secret). */
function looksLikeToken(value: string): boolean {
  if (/\s/.test(value) || value.length < 16 || value.startsWith('/') || /^https?:/.test(value)) return false;
  if (/^[0-9a-f]{24,}$/i.test(value)) return true;
  return /^[A-Za-z0-9+/_=-]{24,}$/.test(value) && /[0-9]/.test(value) && /[A-Za-z]/.test(value);
}
