/**
 * Error signatures in `Section.errors`: plain strings as written, or `/regular expression/flags` from
 * runbook front matter. The matcher compiles the latter with `compileSignature`.
 */

export function isRegexSignature(signature: string): boolean {
  return /^\/.+\/[dgimsuy]*$/s.test(signature);
}

/** The RegExp a `/…/flags` signature stands for; undefined for plain strings and invalid patterns. */
export function compileSignature(signature: string): RegExp | undefined {
  if (!isRegexSignature(signature)) return undefined;
  const end = signature.lastIndexOf('/');
  try {
    return new RegExp(signature.slice(1, end), signature.slice(end + 1));
  } catch {
    return undefined;
  }
}
