/**
 * The neutral Reply as an Adaptive Card (schema 1.5, which Teams renders for bots) inside a message
 * activity. Teams refuses messages above about 28 KB, so the card is measured and, when too big, shortened
 * step by step: long texts and code cut at a line or word boundary, then the later steps folded into a
 * "more steps in the source" line. The title, the source link and the buttons are always kept.
 */
import { type Language, messages } from '../../src/i18n/messages.ts';
import type { ActionKind, Block, Reply, Step } from '../../src/message.ts';
import type { CardActionData } from './from-activity.ts';
import type { OutgoingActivity } from './teams-activity.ts';

export const adaptiveCardContentType = 'application/vnd.microsoft.card.adaptive';

/** Bytes of card JSON we allow; the rest of the 28 KB goes to the activity envelope Teams adds. */
export const maxCardBytes = 24_000;

export type CardElement = Record<string, unknown>;

export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly $schema: string;
  readonly version: string;
  readonly fallbackText: string;
  readonly body: readonly CardElement[];
  readonly actions?: readonly CardElement[];
  readonly msteams: { readonly width: 'Full' };
}

export interface CardLabels {
  readonly actions: Readonly<Record<ActionKind, string>>;
  readonly moreSteps: (count: number) => string;
  readonly shortened: string;
  readonly source: string;
}

const shortened: Record<Language, string> = {
  ko: 'Teams 메시지 크기에 맞춰 줄였습니다. 전체 내용은 출처 문서에 있습니다.',
  en: 'Shortened to fit a Teams message; the full text is in the source document.',
};

/** The card's own words, in the bot's language (Korean by default, like the core). */
export function cardLabels(language: Language = 'ko'): CardLabels {
  const t = messages(language);
  return {
    actions: { resolve: t.actionResolve, dismiss: t.actionDismiss, more: t.actionMore },
    moreSteps: t.moreSteps,
    shortened: shortened[language],
    source: t.source,
  };
}

export interface CardOptions {
  readonly language?: Language;
  /** Budget for the card JSON in bytes; default `maxCardBytes`. */
  readonly maxBytes?: number;
}

/** How much of each part is kept; `Infinity` everywhere is the untrimmed card. */
interface Limits {
  readonly textChars: number;
  readonly codeLines: number;
  readonly codeChars: number;
  readonly steps: number;
  readonly commandsPerStep: number;
  readonly listItems: number;
}

const ladder: readonly Limits[] = [
  {
    textChars: Infinity,
    codeLines: Infinity,
    codeChars: Infinity,
    steps: Infinity,
    commandsPerStep: Infinity,
    listItems: Infinity,
  },
  { textChars: 2000, codeLines: 40, codeChars: 3000, steps: 15, commandsPerStep: 6, listItems: 20 },
  { textChars: 1200, codeLines: 25, codeChars: 1800, steps: 12, commandsPerStep: 5, listItems: 15 },
  { textChars: 700, codeLines: 15, codeChars: 1000, steps: 10, commandsPerStep: 4, listItems: 10 },
  { textChars: 400, codeLines: 8, codeChars: 600, steps: 8, commandsPerStep: 3, listItems: 8 },
  { textChars: 250, codeLines: 5, codeChars: 350, steps: 6, commandsPerStep: 2, listItems: 5 },
  { textChars: 150, codeLines: 3, codeChars: 200, steps: 4, commandsPerStep: 1, listItems: 3 },
];

/** Cuts `text` to at most `max` characters at a line, sentence or word boundary, marking the cut with "…". */
export function truncateClean(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '…';
  let cut = text.slice(0, max - 1);
  const boundary = Math.max(
    cut.lastIndexOf('\n'),
    cut.lastIndexOf('. '),
    cut.lastIndexOf('다. '),
    cut.lastIndexOf(' '),
  );
  const cleanAlready = /\s/.test(text[max - 1] ?? '');
  if (!cleanAlready && boundary >= max * 0.6) cut = cut.slice(0, boundary + (cut[boundary] === '.' ? 1 : 0));
  // Never leave half of a surrogate pair.
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

function truncateLines(text: string, maxLines: number, maxChars: number): string {
  const lines = text.split('\n');
  const kept =
    lines.length > maxLines ? [...lines.slice(0, maxLines), `… (${lines.length - maxLines} more lines)`] : lines;
  return truncateClean(kept.join('\n'), maxChars);
}

function textBlock(text: string, extra: CardElement = {}): CardElement {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

function codeBlock(text: string, limits: Limits): CardElement {
  return {
    type: 'Container',
    style: 'emphasis',
    items: [
      textBlock(truncateLines(text, limits.codeLines, limits.codeChars), { fontType: 'Monospace', size: 'Small' }),
    ],
  };
}

function stepElements(steps: readonly Step[], limits: Limits, labels: CardLabels): CardElement[] {
  const shown = steps.slice(0, limits.steps);
  const elements = shown.map((step, i) => {
    const commands = step.commands.slice(0, limits.commandsPerStep);
    const items: CardElement[] = [textBlock(`${i + 1}. ${truncateClean(step.text, limits.textChars)}`)];
    if (commands.length > 0) items.push(codeBlock(commands.join('\n'), limits));
    const container: CardElement = { type: 'Container', spacing: 'Small', items };
    return container;
  });
  if (steps.length > shown.length) {
    elements.push(textBlock(labels.moreSteps(steps.length - shown.length), { isSubtle: true, spacing: 'Small' }));
  }
  return elements;
}

function sourceElement(block: Extract<Block, { type: 'source' }>, labels: CardLabels): CardElement {
  const where = `${block.path} L${block.lines[0]}–${block.lines[1]}`;
  const title = block.url ? `[${escapeLinkText(block.title)}](${block.url})` : block.title;
  return textBlock(`${labels.source}: ${title} (${where})`, { size: 'Small', isSubtle: !block.url, spacing: 'Medium' });
}

function escapeLinkText(text: string): string {
  return text.replace(/[[\]]/g, (c) => `\\${c}`);
}

function actionElements(replyId: string, kinds: readonly ActionKind[], labels: CardLabels): CardElement[] {
  return kinds.map((kind) => {
    const data: CardActionData = { ksb: 'action', kind, replyId };
    return {
      type: 'Action.Submit',
      title: labels.actions[kind],
      data,
      ...(kind === 'resolve' ? { style: 'positive' } : {}),
    };
  });
}

function renderBody(reply: Reply, limits: Limits, labels: CardLabels): { body: CardElement[]; actions: CardElement[] } {
  const body: CardElement[] = [];
  const actions: CardElement[] = [];
  let separate = false;
  const push = (element: CardElement) => {
    body.push(separate ? { ...element, separator: true, spacing: 'Medium' } : element);
    separate = false;
  };
  for (const block of reply.blocks) {
    switch (block.type) {
      case 'heading':
        push(textBlock(truncateClean(block.text, 300), { size: 'Large', weight: 'Bolder' }));
        break;
      case 'paragraph':
        if (block.label) push(textBlock(block.label, { weight: 'Bolder', spacing: 'Medium' }));
        push(textBlock(truncateClean(block.text, limits.textChars), block.label ? { spacing: 'Small' } : {}));
        break;
      case 'code':
        push(codeBlock(block.text, limits));
        break;
      case 'steps':
        if (block.label) push(textBlock(block.label, { weight: 'Bolder', spacing: 'Medium' }));
        for (const element of stepElements(block.steps, limits, labels)) push(element);
        break;
      case 'fields':
        push({
          type: 'FactSet',
          facts: block.fields.map((f) => ({ title: f.label, value: truncateClean(f.value, limits.textChars) })),
        });
        break;
      case 'list': {
        if (block.label) push(textBlock(block.label, { weight: 'Bolder', spacing: 'Medium' }));
        const items = block.items
          .slice(0, limits.listItems)
          .map((item) => `- ${truncateClean(item, limits.textChars)}`);
        if (block.items.length > items.length) items.push(`- … (${block.items.length - items.length} more)`);
        push(textBlock(items.join('\n'), { spacing: 'Small' }));
        break;
      }
      case 'source':
        push(sourceElement(block, labels));
        break;
      case 'context':
        push(textBlock(truncateClean(block.text, limits.textChars), { size: 'Small', isSubtle: true }));
        break;
      case 'actions':
        actions.push(...actionElements(block.replyId, block.actions, labels));
        break;
      case 'divider':
        separate = true;
        break;
    }
  }
  return { body, actions };
}

function card(reply: Reply, limits: Limits, labels: CardLabels, note?: string): AdaptiveCard {
  const { body, actions } = renderBody(reply, limits, labels);
  if (note) body.push(textBlock(note, { size: 'Small', isSubtle: true, spacing: 'Medium' }));
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    fallbackText: truncateClean(reply.text, Math.min(1000, limits.textChars)),
    body: body.length > 0 ? body : [textBlock(truncateClean(reply.text, limits.textChars))],
    ...(actions.length > 0 ? { actions } : {}),
    msteams: { width: 'Full' },
  };
}

export function cardBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/** The keep-only-what-matters card, for replies no limit on the ladder brings under the budget. */
function minimalCard(reply: Reply, labels: CardLabels): AdaptiveCard {
  const kept = reply.blocks.filter((b) => b.type === 'heading' || b.type === 'source' || b.type === 'actions');
  return card({ ...reply, blocks: kept }, ladder[ladder.length - 1]!, labels, labels.shortened);
}

/** Renders a Reply as an Adaptive Card no bigger than `maxBytes` of JSON. */
export function toAdaptiveCard(reply: Reply, options: CardOptions = {}): AdaptiveCard {
  const labels = cardLabels(options.language);
  const maxBytes = options.maxBytes ?? maxCardBytes;
  for (const [i, limits] of ladder.entries()) {
    const rendered = card(reply, limits, labels, i === 0 ? undefined : labels.shortened);
    if (cardBytes(rendered) <= maxBytes) return rendered;
  }
  return minimalCard(reply, labels);
}

/** The message activity carrying the card; `summary` is what notifications and the chat list show. */
export function toTeamsActivity(reply: Reply, options: CardOptions = {}): OutgoingActivity {
  const firstLine = reply.text.split('\n', 1)[0] ?? '';
  return {
    type: 'message',
    summary: truncateClean(firstLine, 200),
    attachments: [{ contentType: adaptiveCardContentType, content: toAdaptiveCard(reply, options) }],
  };
}
