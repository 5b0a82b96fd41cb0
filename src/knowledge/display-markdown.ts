/**
 * A part of a section as Markdown for display: the structure the document gave it kept (lead-in sentences,
 * nested lists, sub-steps under their step, code blocks under the item they belong to), its inline text
 * cleaned as everywhere else and made literal outside code spans. Example output (`screen` blocks and the
 * "출력 예:" label before them) is left out, as the steps leave it out.
 */
import { codeBlock, literalOutsideCode } from '../markdown/escape-markdown.ts';
import type { MdBlock } from './blocks.ts';

type Content = Exclude<MdBlock, { kind: 'attr' }>;

interface OpenItem {
  /** The item's indentation in the source. */
  readonly indent: number;
  /** Where its content starts in the output. */
  readonly column: number;
}

function isOutputLabel(text: string): boolean {
  return text.length <= 40 && /[:：]$/.test(text);
}

export function displayMarkdown(blocks: readonly MdBlock[], clean: (raw: string) => string): string {
  const content = blocks.filter((b): b is Content => b.kind !== 'attr');
  const out: string[] = [];
  const open: OpenItem[] = [];
  // Ordered items keep counting across a remark between them, as the steps do.
  let nextNumber = 1;

  const emit = (text: string, column: number) => {
    const pad = ' '.repeat(column);
    out.push(
      text
        .split('\n')
        .map((line) => (line ? pad + line : line))
        .join('\n'),
    );
  };

  content.forEach((block, i) => {
    const next = content[i + 1];
    switch (block.kind) {
      case 'heading': {
        open.length = 0;
        const text = clean(block.text);
        if (text) emit(`**${literalOutsideCode(text)}**`, 0);
        break;
      }
      case 'item': {
        while (open.length > 0 && open[open.length - 1]!.indent >= block.indent) open.pop();
        const column = open[open.length - 1]?.column ?? 0;
        const top = open.length === 0;
        const marker = block.ordered ? `${top ? nextNumber++ : 1}.` : '-';
        const text = literalOutsideCode(clean(block.text)) || '\u00a0';
        const [first, ...rest] = text.split('\n');
        const inner = column + marker.length + 1;
        emit(`${marker} ${first}${rest.map((l) => `\n${' '.repeat(marker.length + 1)}${l}`).join('')}`, column);
        open.push({ indent: block.indent, column: inner });
        break;
      }
      case 'code': {
        if (!block.code.trim() || block.role === 'screen') break;
        // Code right after an item belongs to it even when the document did not indent it.
        while (open.length > 1 && open[open.length - 1]!.indent >= block.indent && block.indent > 0) open.pop();
        emit(codeBlock(block.code.replace(/\s+$/, '')), open[open.length - 1]?.column ?? 0);
        break;
      }
      case 'para': {
        const text = clean(block.text);
        if (!text) break;
        // "출력 예:" introducing example output that is left out.
        if (isOutputLabel(text) && next?.kind === 'code' && next.role === 'screen') break;
        // As in CommonMark, a paragraph continues an item only when indented past the item's marker.
        while (open.length > 0 && open[open.length - 1]!.indent + 2 > block.indent) open.pop();
        emit(literalOutsideCode(text), open[open.length - 1]?.column ?? 0);
        break;
      }
    }
  });
  return out.join('\n\n');
}
