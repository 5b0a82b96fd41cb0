import type { V1Pod } from '@kubernetes/client-node';

const sensitiveName = /pass|secret|token|key|auth|credential|cert|cookie|session|signature|private/i;

/**
 * The literal values in a pod that must never be shown (handed to `redactSecrets` as `known`): env values
 * of every container whose name looks secret or whose value looks like a token, and annotation values
 * under secret-looking keys.
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
