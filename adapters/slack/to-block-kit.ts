/**
 * Reply → Block Kit, within Slack's limits: 3000 characters per section text, 150 per header, 50 blocks
 * per message, 75 per button label, 2000 per button value. Long text is split at line breaks (code
 * fences closed and reopened across the cut); the body that does not fit is dropped from the end with a
 * note pointing to the source. Markdown becomes mrkdwn in ./to-mrkdwn.ts, which escapes Slack's control
 * characters (& < >) in everything shown.
 */

import { type Language, messages } from '../../src/i18n/messages.ts';
import { parseInline, plainText } from '../../src/markdown/parse-markdown.ts';
import type { ActionKind, Block, Reply } from '../../src/message.ts';
import { escapeText, fence, inlinesToMrkdwn, toMrkdwn } from './to-mrkdwn.ts';

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
  const rendered = reply.blocks.map((block) => ({ block, out: render(block, t) }));
  // The body (cause, resolution, steps) gives way first: the title, source and buttons always fit.
  const fixed = rendered.filter((r) => !isBody(r.block)).reduce((n, r) => n + r.out.length, 0);
  const bodyRoom = slackLimits.blocks - fixed;
  const bodyTotal = rendered.filter((r) => isBody(r.block)).reduce((n, r) => n + r.out.length, 0);
  // When the body must shrink, one place is kept for the note saying what was left out.
  let room = bodyTotal > bodyRoom ? bodyRoom - 1 : bodyRoom;
  const blocks: SlackBlock[] = [];
  let cutAt: number | undefined;
  let stepsLeft = 0;
  for (const { block, out } of rendered) {
    if (!isBody(block)) {
      blocks.push(...out);
      continue;
    }
    for (const piece of out) {
      if (cutAt === undefined && room > 0) {
        blocks.push(piece);
        room--;
        continue;
      }
      cutAt ??= blocks.length;
      if (block.type === 'steps') stepsLeft += (piece['stepsShown'] as number | undefined) ?? 0;
    }
  }
  if (cutAt !== undefined) {
    blocks.splice(cutAt, 0, context(escapeText(stepsLeft > 0 ? t.moreSteps(stepsLeft) : t.restInSource)));
  }
  return {
    text: truncate(escapeText(reply.text), slackLimits.fallbackText),
    blocks: blocks.slice(0, slackLimits.blocks).map(stripInternal),
  };
}

function isBody(block: Block): boolean {
  return block.type === 'steps' || (block.type === 'paragraph' && block.label !== undefined) || block.type === 'code';
}

function render(block: Block, t: ReturnType<typeof messages>): SlackBlock[] {
  switch (block.type) {
    case 'heading':
      return [
        {
          type: 'header',
          text: { type: 'plain_text', text: truncate(plainOf(block.text), slackLimits.headerText), emoji: true },
        },
      ];
    case 'paragraph':
      return sections(withLabel(block.label, toMrkdwn(block.text)));
    case 'code':
      return sections(fence(block.text));
    case 'steps':
      return renderSteps(block);
    case 'list':
      return sections(withLabel(block.label, block.items.map((item) => `• ${toMrkdwn(item)}`).join('\n')));
    case 'candidates':
      return renderCandidates(block, t);
    case 'fields': {
      const fields = block.fields.map((f) => ({
        type: 'mrkdwn',
        text: truncate(`*${escapeText(f.label)}*\n${toMrkdwn(f.value)}`, slackLimits.fieldText),
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
      const link = block.url ? `<${slackUrl(block.url)}|${title.replaceAll('|', '¦')}>` : `*${title}*`;
      return [context(`📄 ${escapeText(t.source)}: ${link} · ${where}`)];
    }
    case 'context':
      return [context(toMrkdwn(block.text))];
    case 'actions': {
      if (block.actions.length === 0) return [];
      return [
        {
          type: 'actions',
          block_id: truncate(`ksb-actions-${block.replyId}`, 255),
          elements: block.actions.map((kind) => button(kind, block.replyId, actionLabel(kind, t))),
        },
      ];
    }
    case 'divider':
      return [{ type: 'divider' }];
  }
}

function actionLabel(kind: ActionKind, t: ReturnType<typeof messages>): string {
  const labels: Record<ActionKind, string> = {
    resolve: t.actionResolve,
    dismiss: t.actionDismiss,
    more: t.actionMore,
    show: t.actionShow,
  };
  return labels[kind];
}

function button(kind: ActionKind, replyId: string, label: string, actionId = `${actionIdPrefix}${kind}`): SlackBlock {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: truncate(label, slackLimits.buttonText), emoji: true },
    value: replyId.slice(0, slackLimits.buttonValue),
    ...(kind === 'resolve' ? { style: 'primary' } : {}),
  };
}

/** Each candidate a section: its title linking to the section, where it is, and its "show" button beside it. */
function renderCandidates(block: Extract<Block, { type: 'candidates' }>, t: ReturnType<typeof messages>): SlackBlock[] {
  const out: SlackBlock[] = block.label ? [section(`*${escapeText(block.label)}*`)] : [];
  block.candidates.forEach((c, i) => {
    const title = inlinesToMrkdwn(parseInline(c.title)).replaceAll('\n', ' ');
    const linked = c.url ? `<${slackUrl(c.url)}|${escapeText(plainOf(c.title)).replaceAll('|', '¦')}>` : title;
    const text = truncate(
      `*${linked}*\n${escapeText(c.documentTitle)} · \`${escapeText(c.where)}\``,
      slackLimits.sectionText,
    );
    out.push({
      ...section(text),
      // Action ids are unique within a message: the candidate's place makes them so.
      ...(c.replyId ? { accessory: button('show', c.replyId, t.actionShow, `${actionIdPrefix}show:${i}`) } : {}),
    });
  });
  return out;
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
    const parts = [`*${i + 1}.* ${toMrkdwn(step.text)}`];
    if (step.commands.length > 0) parts.push(fence(step.commands.join('\n')));
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

function slackUrl(url: string): string {
  return url.replace(/[<>|\s]/g, encodeURIComponent);
}

function plainOf(markdown: string): string {
  return plainText(parseInline(markdown)).replace(/\s+/g, ' ').trim();
}

export { escapeText };

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
