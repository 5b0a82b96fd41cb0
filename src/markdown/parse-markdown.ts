/**
 * The Markdown that replies and sections carry, read by marked into a small tree every renderer walks:
 * Block Kit, Adaptive Cards, the playground's HTML and the terminal. Plain CommonMark: GitHub's extensions
 * are off so a bare address or a table-like paste stays text, and raw HTML is kept as the text it is, so
 * nothing in a reply becomes markup that a renderer did not write itself.
 */
import { Lexer, type Token, type Tokens } from 'marked';
import { decodeEntities } from '../knowledge/inline.ts';

export type Inline =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'code'; readonly text: string }
  | { readonly type: 'strong'; readonly children: readonly Inline[] }
  | { readonly type: 'emphasis'; readonly children: readonly Inline[] }
  /** Only web addresses (http, https) are links; anything else is read as text. */
  | { readonly type: 'link'; readonly url: string; readonly children: readonly Inline[] }
  | { readonly type: 'break' };

export type RichBlock =
  | { readonly type: 'paragraph'; readonly inlines: readonly Inline[] }
  | { readonly type: 'heading'; readonly inlines: readonly Inline[] }
  | { readonly type: 'code'; readonly text: string }
  | {
      readonly type: 'list';
      readonly ordered: boolean;
      /** The first item's number of an ordered list. */
      readonly start: number;
      readonly items: readonly (readonly RichBlock[])[];
    }
  | { readonly type: 'quote'; readonly blocks: readonly RichBlock[] };

/** Longest text parsed: a reply part is far shorter; this bounds the work on anything pathological. */
const maxChars = 200_000;

export function parseMarkdown(markdown: string): RichBlock[] {
  const tokens = new Lexer({ gfm: false }).lex(markdown.slice(0, maxChars));
  return blocksOf(tokens);
}

/** The inline content of one line of Markdown (a title, a label, a list item). */
export function parseInline(markdown: string): Inline[] {
  return inlinesOf(new Lexer({ gfm: false }).inlineTokens(markdown.slice(0, maxChars)));
}

function blocksOf(tokens: readonly Token[]): RichBlock[] {
  const out: RichBlock[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'paragraph':
      case 'text': {
        const inlines = inlinesOf(tokensOf(token) ?? [{ type: 'text', raw: token.raw, text: str(token, 'text') }]);
        if (inlines.length > 0) out.push({ type: 'paragraph', inlines });
        break;
      }
      case 'heading':
        out.push({ type: 'heading', inlines: inlinesOf(tokensOf(token) ?? []) });
        break;
      case 'code':
        out.push({ type: 'code', text: str(token, 'text') });
        break;
      case 'list': {
        const list = token as Tokens.List;
        const start = typeof list.start === 'number' ? list.start : 1;
        out.push({
          type: 'list',
          ordered: list.ordered,
          start,
          items: list.items.map((item) => blocksOf(item.tokens)),
        });
        break;
      }
      case 'blockquote':
        out.push({ type: 'quote', blocks: blocksOf((token as Tokens.Blockquote).tokens) });
        break;
      case 'table': {
        // A chat has no tables: one line per row, cells separated by a bar.
        const table = token as Tokens.Table;
        const rows = [table.header, ...table.rows];
        const inlines: Inline[] = [];
        rows.forEach((row, i) => {
          if (i > 0) inlines.push({ type: 'break' });
          row.forEach((cell, j) => {
            if (j > 0) inlines.push({ type: 'text', text: ' | ' });
            inlines.push(...inlinesOf(cell.tokens));
          });
        });
        out.push({ type: 'paragraph', inlines });
        break;
      }
      case 'html': {
        const text = str(token, 'text') || token.raw.trim();
        if (text) out.push({ type: 'paragraph', inlines: [{ type: 'text', text }] });
        break;
      }
      default:
        // space, hr, def: nothing to show.
        break;
    }
  }
  return out;
}

function inlinesOf(tokens: readonly Token[]): Inline[] {
  const out: Inline[] = [];
  const text = (value: string) => {
    if (!value) return;
    const last = out[out.length - 1];
    if (last?.type === 'text') out[out.length - 1] = { type: 'text', text: last.text + value };
    else out.push({ type: 'text', text: value });
  };
  for (const token of tokens) {
    switch (token.type) {
      case 'text': {
        const nested = tokensOf(token);
        if (nested && nested.length > 0) for (const inline of inlinesOf(nested)) pushInline(out, inline, text);
        else text(decodeEntities(str(token, 'text')));
        break;
      }
      case 'escape':
        text(str(token, 'text'));
        break;
      case 'codespan':
        out.push({ type: 'code', text: decodeEntities(str(token, 'text')) });
        break;
      case 'strong':
        out.push({ type: 'strong', children: inlinesOf(tokensOf(token) ?? []) });
        break;
      case 'em':
        out.push({ type: 'emphasis', children: inlinesOf(tokensOf(token) ?? []) });
        break;
      case 'del':
        for (const inline of inlinesOf(tokensOf(token) ?? [])) pushInline(out, inline, text);
        break;
      case 'link': {
        const children = inlinesOf(tokensOf(token) ?? []);
        const url = str(token, 'href');
        if (/^https?:\/\//i.test(url)) out.push({ type: 'link', url, children });
        else for (const inline of children) pushInline(out, inline, text);
        break;
      }
      case 'image':
        text(str(token, 'text'));
        break;
      case 'br':
        out.push({ type: 'break' });
        break;
      case 'html':
        text(token.raw);
        break;
      default:
        text(token.raw);
    }
  }
  return out;
}

// marked's Generic token hides each kind's fields behind an index signature: read them checked.
function str(token: Token, key: string): string {
  const value = (token as unknown as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : '';
}

function tokensOf(token: Token): Token[] | undefined {
  const value = (token as unknown as Record<string, unknown>)['tokens'];
  return Array.isArray(value) ? (value as Token[]) : undefined;
}

function pushInline(out: Inline[], inline: Inline, text: (value: string) => void): void {
  if (inline.type === 'text') text(inline.text);
  else out.push(inline);
}

/** The plain text of inline content: for headers, fallbacks and notifications; `urls` adds each link's address. */
export function plainText(inlines: readonly Inline[], options: { readonly urls?: boolean } = {}): string {
  return inlines
    .map((i) => {
      switch (i.type) {
        case 'text':
        case 'code':
          return i.text;
        case 'break':
          return '\n';
        case 'link': {
          const label = plainText(i.children, options);
          return options.urls && label !== i.url ? `${label} (${i.url})` : label;
        }
        default:
          return plainText(i.children, options);
      }
    })
    .join('');
}

/** Markdown as the plain text a notification or a terminal shows: markers gone, lists one item a line. */
export function toPlainText(markdown: string): string {
  return plainBlocks(parseMarkdown(markdown), '');
}

function plainBlocks(blocks: readonly RichBlock[], indent: string): string {
  return blocks.map((block) => plainBlock(block, indent)).join('\n');
}

function plainBlock(block: RichBlock, indent: string): string {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return indent + plainText(block.inlines, { urls: true }).replace(/\n/g, `\n${indent}`);
    case 'code':
      return indent + block.text.replace(/\n/g, `\n${indent}`);
    case 'quote':
      return plainBlocks(block.blocks, indent);
    case 'list':
      return block.items
        .map((item, i) => {
          const marker = block.ordered ? `${block.start + i}. ` : '- ';
          const body = plainBlocks(item, `${indent}${' '.repeat(marker.length)}`);
          return `${indent}${marker}${body.slice(indent.length + marker.length)}`;
        })
        .join('\n');
  }
}
