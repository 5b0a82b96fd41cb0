import type { Resource } from '../incidents/incident-event.ts';

/**
 * The pod, namespace and image a paste is about, so that the same problem on the same pod or image is
 * recognised as a repeat and the incident record can say where it happened. Bounded to the paste's head.
 */
export function findResource(text: string): Resource | undefined {
  const head = text.length > 50_000 ? text.slice(0, 50_000) : text;
  const image = first(head, [
    /(?:pull(?:ing)? image|image)\s+["'`]?([a-z0-9][\w.-]*(?::\d+)?(?:\/[\w.-]+)+(?::[\w.-]+|@sha256:[a-f0-9]{64})?|[a-z0-9][\w.-]*:[\w.-]+)["'`]?/i,
    /^\s*Image:\s+(\S+)/im,
  ]);
  const qualified = /\b(?:pods?\/|Successfully assigned\s+)([a-z0-9-]+)\/([a-z0-9][a-z0-9.-]*)/i.exec(head);
  const pod =
    qualified?.[2] ??
    first(head, [
      /\bpods?\/([a-z0-9][a-z0-9.-]*[a-z0-9])/i,
      /\bpods?\s+["'`]([a-z0-9][a-z0-9.-]*[a-z0-9])["'`]/i,
      /^\s*Name:\s+([a-z0-9][a-z0-9.-]*[a-z0-9])\s*$/im,
    ]);
  const namespace =
    (qualified && /Successfully assigned/i.test(qualified[0]) ? qualified[1] : undefined) ??
    first(head, [
      /^\s*Namespace:\s+([a-z0-9-]+)/im,
      /(?:\s-n|--namespace[= ])\s*([a-z0-9-]+)/,
      /namespace\s+["'`]([a-z0-9-]+)["'`]/i,
    ]);
  if (!pod && !image && !namespace) return undefined;
  return {
    ...(namespace ? { namespace } : {}),
    ...(pod ? { pod } : {}),
    ...(image ? { image } : {}),
  };
}

function first(text: string, patterns: readonly RegExp[]): string | undefined {
  for (const pattern of patterns) {
    const found = pattern.exec(text)?.[1];
    if (found) return found;
  }
  return undefined;
}
