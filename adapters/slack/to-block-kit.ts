/**
 * Reply → Block Kit, within Slack's limits: 3000 characters per section text, 150 per header, 50 blocks
 * per message, 75 per button label, 2000 per button value. Long text is split at line breaks (code
 * fences closed and reopened across the cut); steps that do not fit are dropped from the end with a note
 * pointing to the source. Slack's control characters (& < >) are escaped in everything shown.
 */

import { type Language, messages } from '../../src/i18n/messages.ts';
import type { ActionKind, Block, Reply } from '../../src/message.ts';

export const slackLimits = {
  sectionText: 3000,
  headerText: 150,
  contextText: 3000,
  contextElements: 10,
  blocks: 50,
  buttonText: 75,
  buttonValue: 2000,
  fieldText: 2000,
  fields: 10,
  /** Notification fallback: Slack accepts 40,000 but truncates what it shows; keep it readable. */
  fallbackText: 3000,
} as const;

export interface SlackBlock {
  readonly type: string;
  readonly [key: string]: unknown;
}

export interface BlockKitMessage {
  readonly text: string;
  readonly blocks: SlackBlock[];
}

export const actionIdPrefix = 'ksb:';

export function toBlockKit(reply: Reply, options: { readonly language?: Language } = {}): BlockKitMessage {
  const t = messages(options.language);
  const head: SlackBlock[] = [];
  const steps: SlackBlock[] = [];
  const tail: SlackBlock[] = [];
  let seenSteps = false;
  let stepCount = 0;
  for (const block of reply.blocks) {
    if (block.type === 'steps') {
      seenSteps = true;
      stepCount += block.steps.length;
      steps.push(...renderSteps(block));
    } else {
      (seenSteps ? tail : head).push(...render(block, t));
    }
  }
  // Steps give way first: the title, cause, source and buttons always fit.
  const room = slackLimits.blocks - head.length - tail.length;
  let kept = steps;
  if (steps.length > room) {
    kept = steps.slice(0, Math.max(0, room - 1));
    const shown = kept.reduce((n, b) => n + ((b['stepsShown'] as number | undefined) ?? 0), 0);
    kept.push(context(t.moreSteps(Math.max(1, stepCount - shown))));
  }
  const blocks = [...head, ...kept, ...tail].slice(0, slackLimits.blocks).map(stripInternal);
  return { text: truncate(escapeText(reply.text), slackLimits.fallbackText), blocks };
}

function render(block: Exclude<Block, { type: 'steps' }>, t: ReturnType<typeof messages>): SlackBlock[] {
  switch (block.type) {
    case 'heading':
      return [
        {
          type: 'header',
          text: { type: 'plain_text', text: truncate(block.text, slackLimits.headerText), emoji: true },
        },
      ];
    case 'paragraph':
      return sections(withLabel(block.label, mrkdwn(block.text)));
    case 'code':
      return sections(fence(escapeText(block.text)));
    case 'list':
      return sections(withLabel(block.label, block.items.map((item) => `• ${mrkdwn(item)}`).join('\n')));
    case 'fields': {
      const fields = block.fields.map((f) => ({
        type: 'mrkdwn',
        text: truncate(`*${escapeText(f.label)}*\n${mrkdwn(f.value)}`, slackLimits.fieldText),
      }));
      const out: SlackBlock[] = [];
      for (let i = 0; i < fields.length; i += slackLimits.fields) {
        out.push({ type: 'section', fields: fields.slice(i, i + slackLimits.fields) });
      }
      return out;
    }
    case 'source': {
      const where = `\`${escapeText(block.path)}\` L${block.lines[0]}–${block.lines[1]}`;
      const title = escapeText(block.title);
      const link = block.url ? `<${block.url.replace(/[<>|]/g, encodeURIComponent)}|${title}>` : `*${title}*`;
      return [context(`📄 ${t.source}: ${link} · ${where}`)];
    }
    case 'context':
      return [context(mrkdwn(block.text))];
    case 'actions': {
      const labels: Record<ActionKind, string> = {
        resolve: t.actionResolve,
        dismiss: t.actionDismiss,
        more: t.actionMore,
      };
      if (block.actions.length === 0) return [];
      return [
        {
          type: 'actions',
          block_id: truncate(`ksb-actions-${block.replyId}`, 255),
          elements: block.actions.map((kind) => ({
            type: 'button',
            action_id: `${actionIdPrefix}${kind}`,
            text: { type: 'plain_text', text: truncate(labels[kind], slackLimits.buttonText), emoji: true },
            value: block.replyId.slice(0, slackLimits.buttonValue),
            ...(kind === 'resolve' ? { style: 'primary' } : {}),
          })),
        },
      ];
    }
    case 'divider':
      return [{ type: 'divider' }];
  }
}

/** Numbered steps, commands as code; packed several to a section so long procedures use few blocks. */
function renderSteps(block: Extract<Block, { type: 'steps' }>): SlackBlock[] {
  const out: SlackBlock[] = [];
  let current = block.label ? `*${escapeText(block.label)}*` : '';
  let inCurrent = 0;
  const flush = () => {
    if (current) out.push({ ...section(current), stepsShown: inCurrent });
    current = '';
    inCurrent = 0;
  };
  block.steps.forEach((step, i) => {
    const parts = [`*${i + 1}.* ${mrkdwn(step.text)}`];
    if (step.commands.length > 0) parts.push(fence(escapeText(step.commands.join('\n'))));
    const text = parts.join('\n');
    if (current && current.length + 1 + text.length <= slackLimits.sectionText) {
      current += `\n${text}`;
      inCurrent += 1;
      return;
    }
    flush();
    const chunks = splitMrkdwn(text, slackLimits.sectionText);
    // A step longer than a section spans several; it counts as shown with its first part.
    for (const [j, chunk] of chunks.slice(0, -1).entries())
      out.push({ ...section(chunk), stepsShown: j === 0 ? 1 : 0 });
    current = chunks.at(-1) ?? '';
    inCurrent = chunks.length === 1 ? 1 : 0;
  });
  flush();
  return out;
}

function withLabel(label: string | undefined, text: string): string {
  return label ? `*${escapeText(label)}*\n${text}` : text;
}

function sections(text: string): SlackBlock[] {
  return splitMrkdwn(text, slackLimits.sectionText).map(section);
}

function section(text: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function context(text: string): SlackBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, slackLimits.contextText) }] };
}

function stripInternal(block: SlackBlock): SlackBlock {
  if (!('stepsShown' in block)) return block;
  const { stepsShown: _shown, ...rest } = block;
  return rest as SlackBlock;
}

function fence(code: string): string {
  return `\`\`\`${code.replaceAll('```', 'ʼʼʼ')}\`\`\``;
}

/** Neutral text (`code spans`, **bold**, [links](url)) as Slack mrkdwn, escaped. */
export function mrkdwn(text: string): string {
  return escapeText(text)
    .replace(/\*\*([^*\n]+)\*\*/g, '*$1*')
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/g, '<$2|$1>');
}

export function escapeText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1)}…`;
}

/**
 * Splits mrkdwn into pieces of at most `max` characters at line breaks. A cut inside a ``` block closes
 * it and reopens it in the next piece, so every piece renders on its own; lines longer than a piece are
 * cut hard.
 */
export function splitMrkdwn(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const fenceLength = 3;
  const pieces: string[] = [];
  let current = '';
  let open = false;
  const room = max - fenceLength - 1; // keep space to close a fence
  const push = () => {
    pieces.push(open ? `${current}\n\`\`\`` : current);
    current = open ? '```' : '';
  };
  for (const rawLine of text.split('\n')) {
    let line = rawLine;
    while (line.length > 0 || rawLine.length === 0) {
      const sep = current ? '\n' : '';
      const fits = room - current.length - sep.length;
      if (fits <= 0) {
        push();
        continue;
      }
      const piece = line.length <= fits ? line : line.slice(0, fits);
      current += sep + piece;
      line = line.slice(piece.length);
      if (line.length > 0) push();
      if (rawLine.length === 0) break;
    }
    const fences = rawLine.match(/```/g)?.length ?? 0;
    if (fences % 2 === 1) open = !open;
  }
  if (current && current !== '```') pieces.push(open ? `${current}\n\`\`\`` : current);
  return pieces;
}
