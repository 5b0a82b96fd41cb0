/**
 * The reply's Markdown as Slack mrkdwn, from the parsed tree: nested lists indented under their item,
 * code blocks on lines of their own (two never run together), `code spans`, links Slack's way. Text is
 * escaped (& < >), so nothing a document or a user wrote can become a link or a mention; only this module
 * writes Slack markup.
 */
import { type Inline, parseMarkdown, plainText, type RichBlock } from '../../src/markdown/parse-markdown.ts';

const bullets = ['•', '◦', '▪'];
// Slack keeps no leading spaces at the start of a line; no-break spaces keep a nested item indented.
const step = '\u00a0\u00a0\u00a0\u00a0';

export function escapeText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Markdown → mrkdwn. */
export function toMrkdwn(markdown: string): string {
  return blocksToMrkdwn(parseMarkdown(markdown), '', 0);
}

/** A code block: fences on their own lines; a run of three backticks inside cannot close it early. */
export function fence(code: string): string {
  return `\`\`\`\n${escapeText(code).replaceAll('```', 'ʼʼʼ')}\n\`\`\``;
}

function blocksToMrkdwn(blocks: readonly RichBlock[], indent: string, depth: number): string {
  return blocks.map((block) => blockToMrkdwn(block, indent, depth)).join('\n');
}

function blockToMrkdwn(block: RichBlock, indent: string, depth: number): string {
  switch (block.type) {
    case 'paragraph':
      return indent + inlinesToMrkdwn(block.inlines).replaceAll('\n', `\n${indent}`);
    case 'heading':
      return `${indent}*${escapeText(plainText(block.inlines)).replaceAll('\n', ' ')}*`;
    case 'code':
      return fence(block.text);
    case 'quote':
      return blocksToMrkdwn(block.blocks, indent, depth)
        .split('\n')
        .map((line) => `>${line}`)
        .join('\n');
    case 'list':
      return block.items
        .map((item, i) => {
          const marker = block.ordered ? `${block.start + i}.` : (bullets[depth % bullets.length] ?? '•');
          const [first, ...rest] = item;
          const head =
            first?.type === 'paragraph'
              ? `${indent}${marker} ${inlinesToMrkdwn(first.inlines).replaceAll('\n', `\n${indent}${step}`)}`
              : `${indent}${marker}`;
          const body = first?.type === 'paragraph' ? rest : item;
          const inner = body.length > 0 ? `\n${blocksToMrkdwn(body, indent + step, depth + 1)}` : '';
          return head + inner;
        })
        .join('\n');
  }
}

export function inlinesToMrkdwn(inlines: readonly Inline[]): string {
  return inlines.map(inlineToMrkdwn).join('');
}

function inlineToMrkdwn(inline: Inline): string {
  switch (inline.type) {
    case 'text':
      return escapeText(inline.text);
    case 'code':
      return inline.text.trim() ? `\`${escapeText(inline.text.replaceAll('`', 'ˋ').replaceAll('\n', ' '))}\`` : '';
    case 'strong':
      return wrap('*', inlinesToMrkdwn(inline.children));
    case 'emphasis':
      return wrap('_', inlinesToMrkdwn(inline.children));
    case 'link': {
      const label = escapeText(plainText(inline.children)).replaceAll('|', '¦').replaceAll('\n', ' ');
      return `<${inline.url.replace(/[<>|\s]/g, encodeURIComponent)}|${label || escapeText(inline.url)}>`;
    }
    case 'break':
      return '\n';
  }
}

/** Slack formats only when the marker touches the words: keep outer spaces outside it. */
function wrap(marker: string, text: string): string {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(text);
  const inner = match?.[2] ?? '';
  return inner ? `${match?.[1] ?? ''}${marker}${inner}${marker}${match?.[3] ?? ''}` : text;
}
