/**
 * A small line-oriented reader for the Markdown dialects in the corpus (kramdown, Microsoft docs,
 * runbooks). It keeps 1-based line numbers on every block, which is what section ranges are built from.
 */

export type MdBlock =
  | { readonly kind: 'heading'; readonly line: number; readonly level: number; readonly text: string }
  /** A kramdown attribute line `{: … }`: an anchor (`#id`), a marker (`tsSymptoms`) or a class (`screen`). */
  | { readonly kind: 'attr'; readonly line: number; readonly value: string }
  | {
      readonly kind: 'code';
      readonly line: number;
      endLine: number;
      readonly indent: number;
      readonly lang: string;
      code: string;
      /** The kramdown class that followed the block: `pre` (a command), `screen` (output), `codeblock`. */
      role?: string;
    }
  | {
      readonly kind: 'item';
      readonly line: number;
      endLine: number;
      readonly indent: number;
      readonly ordered: boolean;
      text: string;
    }
  | {
      readonly kind: 'para';
      readonly line: number;
      endLine: number;
      readonly indent: number;
      text: string;
      role?: string;
    };

export interface ParseOptions {
  /** Called for what the reader had to guess about, e.g. a code fence that is never closed. */
  readonly onProblem?: (line: number, message: string) => void;
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w+.#-]*)\s*$/;
const ATTR = /^\s*\{:\s*(.*?)\s*\}\s*$/;
const HEADING = /^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
const ITEM = /^(\s*)([*+-]|\d{1,3}[.)])\s+(\S.*)$/;
const CLASS_ROLES = new Set(['pre', 'screen', 'codeblock', 'tip', 'note', 'important', 'deprecated', 'shortdesc']);

function indentOf(line: string): number {
  const match = /^[ \t]*/.exec(line)?.[0] ?? '';
  return match.replace(/\t/g, '    ').length;
}

function tableRow(line: string): string {
  return line.trim().replace(/\t+/g, ' | ');
}

function dedent(line: string, by: number): string {
  let i = 0;
  while (i < by && i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return line.slice(i);
}

/** Parses `lines[from..to)` (0-based indexes) into blocks carrying 1-based line numbers. */
export function parseBlocks(
  lines: readonly string[],
  from = 0,
  to = lines.length,
  options: ParseOptions = {},
): MdBlock[] {
  const blocks: MdBlock[] = [];
  let open: Extract<MdBlock, { kind: 'para' | 'item' }> | undefined;
  let inHtmlList = false;
  const lastContent = (): MdBlock | undefined => blocks[blocks.length - 1];

  for (let i = from; i < to; i++) {
    const raw = lines[i] ?? '';
    const lineNo = i + 1;
    // Microsoft docs call-outs: "> [!TIP]" + "> text"; the marker line carries nothing to show.
    const quoted = /^\s*>\s?/.test(raw) ? raw.replace(/^\s*>\s?/, '') : undefined;
    const line = quoted ?? raw;
    if (quoted !== undefined && /^\s*\[![A-Za-z]+\]\s*$/.test(line)) continue;

    if (line.trim() === '') {
      open = undefined;
      continue;
    }

    const fence = FENCE.exec(line);
    if (fence) {
      const indent = indentOf(fence[1] ?? '');
      const marker = fence[2] ?? '```';
      const body: string[] = [];
      let j = i + 1;
      for (; j < to; j++) {
        const inner = lines[j] ?? '';
        // A fence further left than the opening one (by a list item's indent) belongs to an outer block.
        if (inner.trim().startsWith(marker[0]!.repeat(3)) && inner.trim().replace(/[`~]/g, '') === '') break;
        // A fence left open inside a list item ends with the item, as CommonMark reads it: a numbered item or
        // a `##` heading further left than the fence cannot be part of its code (output may start at the
        // margin; steps may not).
        if (indent > 0 && indentOf(inner) < indent && /^\s*(?:\d{1,3}[.)]\s|#{2,6}\s)/.test(inner)) {
          while (body.length > 0 && body[body.length - 1]!.trim() === '') body.pop();
          j--;
          break;
        }
        body.push(dedent(inner, indent));
      }
      if (j >= to) options.onProblem?.(lineNo, 'code fence is never closed');
      while (body.length > 0 && body[body.length - 1]!.trim() === '') body.pop();
      blocks.push({
        kind: 'code',
        line: lineNo,
        endLine: Math.min(j + 1, to),
        indent,
        lang: fence[3] ?? '',
        code: body.join('\n'),
      });
      open = undefined;
      i = j;
      continue;
    }

    const attr = ATTR.exec(line);
    if (attr) {
      const value = attr[1] ?? '';
      const prev = lastContent();
      if (CLASS_ROLES.has(value) && prev && (prev.kind === 'code' || prev.kind === 'para') && prev.role === undefined) {
        prev.role = value;
      }
      blocks.push({ kind: 'attr', line: lineNo, value });
      open = undefined;
      continue;
    }

    const heading = HEADING.exec(line);
    if (heading && quoted === undefined) {
      blocks.push({ kind: 'heading', line: lineNo, level: heading[1]!.length, text: heading[2] ?? '' });
      open = undefined;
      continue;
    }

    if (/<li>/i.test(line)) {
      // An HTML list written on one line per item, with <pre><code> commands inside.
      if (/<ol/i.test(line)) inHtmlList = true;
      const indent = indentOf(line);
      for (const match of line.matchAll(/<li>([\s\S]*?)(?:<\/li>|$)/gi)) {
        const segment = match[1] ?? '';
        const codes = [...segment.matchAll(/<pre[^>]*>\s*<code>([\s\S]*?)<\/code>\s*<\/pre>/gi)];
        const text = segment.replace(/<pre[^>]*>[\s\S]*?<\/pre>/gi, '').trim();
        blocks.push({ kind: 'item', line: lineNo, endLine: lineNo, indent, ordered: inHtmlList, text });
        for (const code of codes) {
          blocks.push({
            kind: 'code',
            line: lineNo,
            endLine: lineNo,
            indent: indent + 4,
            lang: '',
            code: code[1] ?? '',
            role: 'pre',
          });
        }
      }
      if (/<\/ol>/i.test(line)) inHtmlList = false;
      open = undefined;
      continue;
    }

    const item = ITEM.exec(line);
    if (item && !/^\s*[*_-]{3,}\s*$/.test(line)) {
      const block: MdBlock = {
        kind: 'item',
        line: lineNo,
        endLine: lineNo,
        indent: indentOf(item[1] ?? ''),
        ordered: /\d/.test(item[2] ?? ''),
        text: item[3] ?? '',
      };
      blocks.push(block);
      open = block;
      continue;
    }

    if (open) {
      // Table rows (tab-separated in PDF dumps) keep their line breaks.
      open.text += line.includes('\t') || open.text.includes(' | ') ? `\n${tableRow(line)}` : ` ${line.trim()}`;
      open.endLine = lineNo;
      continue;
    }
    const para: MdBlock = { kind: 'para', line: lineNo, endLine: lineNo, indent: indentOf(line), text: tableRow(line) };
    blocks.push(para);
    open = para;
  }
  return blocks;
}
