/**
 * What a splitter knows about the file it splits, and the helpers every splitter shares to turn parsed
 * parts into `Section`s: display text, ids, links.
 */
import type { MdBlock } from './blocks.ts';
import { cleanInline, type InlineContext } from './inline.ts';
import type { Link, Section } from './section.ts';

export type DocumentFormat = 'kramdown' | 'markdown' | 'plain-page' | 'faq' | 'markdown-faq' | 'runbook';
export const DOCUMENT_FORMATS: readonly DocumentFormat[] = [
  'kramdown',
  'markdown',
  'plain-page',
  'faq',
  'markdown-faq',
  'runbook',
];

export interface DocumentContext {
  /** Path from the project root: the `source` of every section. */
  readonly source: string;
  /** Path inside knowledge/ without its extension: the first half of every section id. */
  readonly idBase: string;
  /** From the manifest; a splitter may find a better one in the file when this is absent. */
  readonly documentTitle?: string;
  readonly language: string;
  readonly url?: string;
  readonly vendor?: string;
  readonly product?: string;
  readonly tags: readonly string[];
  readonly inline: InlineContext;
  /** Records something the splitter could not place or had to guess. */
  readonly problem: (line: number | undefined, message: string, severity?: 'error' | 'warning') => void;
}

export type Splitter = (lines: readonly string[], doc: DocumentContext) => Section[];

/**
 * A URL- and id-safe form of a title; Hangul and other letters are kept. Cut at a word boundary to at most
 * `maxLength` characters: ids are typed in `kb show` and read in logs, and a FAQ question's first words
 * already tell it from its neighbours (the id maker numbers the rare collision).
 */
export function slug(text: string, maxLength = 40): string {
  const s = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[`'"“”‘’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  if (s.length <= maxLength) return s || 'section';
  const cut = s.slice(0, maxLength + 1);
  const boundary = cut.lastIndexOf('-');
  return (boundary > 0 ? cut.slice(0, boundary) : cut.slice(0, maxLength)).replace(/-+$/, '');
}

/**
 * Hands out ids unique within one document: `idBase#key`. On a collision the `longer` key is tried (the
 * title's slug cut later, where two titles differ only after the cut), then a numeric suffix.
 */
export function idMaker(idBase: string): (key: string, longer?: string) => string {
  const used = new Set<string>();
  const next = new Map<string, number>();
  return (key, longer) => {
    const base = `${idBase}#${key}`;
    const alternative = longer && longer !== key ? `${idBase}#${longer}` : undefined;
    if (!used.has(base) || !alternative || used.has(alternative)) {
      let id = base;
      let n = next.get(base) ?? 2;
      while (used.has(id)) id = `${base}-${n++}`;
      next.set(base, n);
      used.add(id);
      return id;
    }
    used.add(alternative);
    return alternative;
  };
}

/** The id key of a section known by its title: its slug, and a longer one for when two titles share the start. */
export function titleKeys(title: string): [key: string, longer: string] {
  return [slug(title), slug(title, 80)];
}

/** Collects the links of everything cleaned through it, de-duplicated by address. */
export class LinkCollector {
  readonly links: Link[] = [];
  readonly #seen = new Set<string>();
  readonly #ctx: InlineContext;
  constructor(ctx: InlineContext) {
    this.#ctx = ctx;
  }
  // Blocks are rendered more than once (their part and the whole text): clean each raw text once.
  readonly #cache = new Map<string, string>();
  readonly clean = (raw: string): string => {
    const cached = this.#cache.get(raw);
    if (cached !== undefined) return cached;
    const result = cleanInline(raw, this.#ctx);
    this.#cache.set(raw, result.text);
    for (const link of result.links) {
      if (this.#seen.has(link.url)) continue;
      this.#seen.add(link.url);
      this.links.push(link);
    }
    return result.text;
  };
}

/** Display text of blocks: paragraphs, list items with their markers, code fenced. */
export function renderBlocks(blocks: readonly MdBlock[], clean: (raw: string) => string): string {
  const out: string[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
      case 'para': {
        const text = clean(block.text);
        if (text) out.push(text);
        break;
      }
      case 'item': {
        const text = clean(block.text);
        if (text) out.push(`${' '.repeat(Math.min(block.indent, 8))}${block.ordered ? '1.' : '-'} ${text}`);
        break;
      }
      case 'code':
        if (block.code.trim()) out.push(`\`\`\`\n${block.code}\n\`\`\``);
        break;
      case 'attr':
        break;
    }
  }
  return out.join('\n');
}

/** The last line of a range that is not blank or layout-only (`<br />`). */
export function trimEnd(lines: readonly string[], start: number, end: number): number {
  let e = end;
  while (e > start) {
    const text = (lines[e - 1] ?? '').trim();
    if (text === '' || /^(?:<br\s*\/?>|<\/br>)+$/i.test(text)) e--;
    else break;
  }
  return e;
}

export function joinText(...parts: readonly string[]): string {
  return parts
    .map((p) => p.trim())
    .filter(Boolean)
    .join('\n\n');
}
