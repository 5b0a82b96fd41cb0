/**
 * Inline cleaning for display: keyword variables resolved, images dropped, links reduced to their text
 * (and collected), HTML tags and entities removed, emphasis markers dropped. Code spans keep their backticks.
 * Placeholders such as `<pod_name>` are not HTML and are kept.
 */
import { type KeywordMap, resolveKeywords } from './keywords.ts';
import type { Link } from './section.ts';

export interface InlineContext {
  readonly keywords: KeywordMap;
  /** The document's address: `#anchor` and root-relative links are resolved against it. */
  readonly pageUrl?: string;
  /** Resolve `./page.md`-style relative links too (only where the site layout is known). */
  readonly resolveRelative?: boolean;
  readonly onUnresolvedKeyword?: (key: string) => void;
}

export interface CleanInline {
  readonly text: string;
  readonly links: readonly Link[];
}

// Bounded and bracket-free parts keep these linear on hostile input (a line of thousands of "[a](").
const IMAGE = /!\[[^\]\n]{0,500}\]\(\s*[^()\s]{0,2000}(?:\s+"[^"\n]{0,300}")?\s*\)/g;
const LINK = /\[((?:\\.|[^[\]\\\n]){0,500})\]\(\s*([^()\s[\]]{0,2000})(?:\s+"[^"\n]{0,300}")?\s*\)/g;
const HTML_TAG =
  /<\/?(?:p|br|code|pre|ol|ul|li|span|div|strong|em|b|i|a|input|sup|sub|table|thead|tbody|tr|td|th|img|kbd|dl|dt|dd|hr|h[1-6])(?:\s[^<>]*)?\/?>/gi;
const ENTITIES: Record<string, string> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  rarr: '→',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? match;
  });
}

/** Removes the HTML this corpus uses for layout; `<br>` becomes a space (or a newline with `breaks`). */
export function stripHtml(text: string, breaks = ' '): string {
  return text
    .replace(/<br\s*\/?>|<\/br>/gi, breaks)
    .replace(/<code>([^<]*)<\/code>/gi, '`$1`')
    .replace(HTML_TAG, '');
}

export function absoluteUrl(url: string, ctx: Pick<InlineContext, 'pageUrl' | 'resolveRelative'>): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || !ctx.pageUrl) return url;
  try {
    if (url.startsWith('#')) return `${ctx.pageUrl.replace(/#.*$/, '')}${url}`;
    if (url.startsWith('/')) return new URL(url, ctx.pageUrl).href;
    if (ctx.resolveRelative) {
      const resolved = new URL(url, ctx.pageUrl);
      resolved.pathname = resolved.pathname.replace(/\.md$/, '');
      return resolved.href;
    }
  } catch {
    // A malformed address stays as written.
  }
  return url;
}

function stripEmphasis(text: string): string {
  return text
    .replace(/\*\*([^*]+?)\*\*/g, '$1')
    .replace(/__([^_]+?)__/g, '$1')
    .replace(/(^|[\s(])\*([^*\s][^*]*?)\*(?=$|[\s).,:;!?가-힣])/g, '$1$2')
    .replace(/(^|[\s(])_([^_\s][^_]*?)_(?=$|[\s).,:;!?가-힣])/g, '$1$2');
}

export function cleanInline(raw: string, ctx: InlineContext): CleanInline {
  const links: Link[] = [];
  let text = resolveKeywords(raw, ctx.keywords, ctx.onUnresolvedKeyword);
  text = text.replace(IMAGE, '');
  text = text.replace(LINK, (_m, label: string, url: string) => {
    const shown = label.replace(/\\(.)/g, '$1').trim();
    if (url && url !== '#') links.push({ text: stripEmphasis(shown) || url, url: absoluteUrl(url, ctx) });
    return shown;
  });
  text = decodeEntities(stripHtml(text));
  text = stripEmphasis(text)
    .replace(/\\([()[\]$_*#`])/g, '$1')
    .replace(/[ \t]+/g, ' ')
    .trim();
  return { text, links };
}
