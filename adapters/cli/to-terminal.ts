/**
 * A reply as a terminal shows it: the same words and structure as in chat (labels, nested lists, code
 * indented under its step, sources with their addresses), as plain text. Buttons have no place here.
 */
import { parseInline, plainText, toPlainText } from '../../src/markdown/parse-markdown.ts';
import type { Block, Reply } from '../../src/message.ts';

export function toTerminal(reply: Reply): string {
  const out: string[] = [];
  for (const block of reply.blocks) {
    const text = blockText(block);
    if (text !== undefined) out.push(text);
  }
  return `${out.join('\n\n')}\n`;
}

function indent(text: string, pad = '  '): string {
  return text
    .split('\n')
    .map((line) => (line ? pad + line : line))
    .join('\n');
}

function labelled(label: string | undefined, body: string): string {
  return label ? `${label}:\n${indent(body)}` : body;
}

function blockText(block: Block): string | undefined {
  switch (block.type) {
    case 'heading':
      return plainText(parseInline(block.text));
    case 'paragraph':
      return labelled(block.label, toPlainText(block.text));
    case 'code':
      return indent(block.text, '    ');
    case 'steps':
      return labelled(
        block.label,
        block.steps
          .map((step, i) =>
            [`${i + 1}. ${toPlainText(step.text)}`, ...step.commands.map((c) => indent(c, '     $ '))].join('\n'),
          )
          .join('\n'),
      );
    case 'list':
      return labelled(block.label, block.items.map((item) => `- ${toPlainText(item)}`).join('\n'));
    case 'candidates':
      return labelled(
        block.label,
        block.candidates
          .map((c, i) =>
            [
              `${i + 1}. ${plainText(parseInline(c.title))} (${c.documentTitle})`,
              `   ${c.where}`,
              ...(c.url ? [`   ${c.url}`] : []),
            ].join('\n'),
          )
          .join('\n'),
      );
    case 'fields':
      return block.fields.map((f) => `${f.label}: ${toPlainText(f.value)}`).join('\n');
    case 'source':
      return [
        `📄 ${block.title}`,
        `   ${block.path}:${block.lines[0]}-${block.lines[1]}`,
        ...(block.url ? [`   ${block.url}`] : []),
      ].join('\n');
    case 'context':
      return toPlainText(block.text);
    case 'actions':
    case 'divider':
      return undefined;
  }
}
