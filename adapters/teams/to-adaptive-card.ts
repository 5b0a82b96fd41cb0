/**
 * The neutral Reply as an Adaptive Card (schema 1.5, which Teams renders for bots) inside a message
 * activity. Teams refuses messages above about 28 KB, so the card is measured and, when too big, shortened
 * step by step: long texts and code cut at a line or word boundary, then the later steps folded into a
 * "more steps in the source" line. The title, the source link and the buttons are always kept.
 */
import { type Language, messages } from '../../src/i18n/messages.ts';
import { type Inline, parseInline, parseMarkdown, type RichBlock } from '../../src/markdown/parse-markdown.ts';
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
    actions: { resolve: t.actionResolve, dismiss: t.actionDismiss, more: t.actionMore, show: t.actionShow },
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

type Run = Record<string, unknown>;

/**
 * Text as a RichTextBlock of TextRuns: Teams reads no Markdown in a TextRun, so what a document or a user
 * wrote is shown as written, and formatting, code and links are only what this renderer puts there.
 */
function richText(runs: readonly Run[], extra: CardElement = {}): CardElement {
  return { type: 'RichTextBlock', inlines: runs.length > 0 ? runs : [run(' ')], ...extra };
}

function run(text: string, style: Run = {}): Run {
  return { type: 'TextRun', text, ...style };
}

function plain(text: string, extra: CardElement = {}, style: Run = {}): CardElement {
  return richText([run(text, style)], extra);
}

function runsOf(inlines: readonly Inline[], style: Run = {}): Run[] {
  return inlines.flatMap((inline) => runsOfInline(inline, style));
}

function runsOfInline(inline: Inline, style: Run): Run[] {
  switch (inline.type) {
    case 'text':
      return [run(inline.text, style)];
    case 'code':
      return [run(inline.text, { ...style, fontType: 'Monospace', highlight: true })];
    case 'strong':
      return runsOf(inline.children, { ...style, weight: 'Bolder' });
    case 'emphasis':
      return runsOf(inline.children, { ...style, italic: true });
    case 'link':
      return runsOf(inline.children, {
        ...style,
        color: 'Accent',
        underline: true,
        selectAction: { type: 'Action.OpenUrl', url: inline.url },
      });
    case 'break':
      return [run('\n', style)];
  }
}

/** Cuts runs to `max` characters in all, marking the cut. */
function cutRuns(runs: readonly Run[], max: number): Run[] {
  if (!Number.isFinite(max)) return [...runs];
  const out: Run[] = [];
  let left = max;
  for (const r of runs) {
    const text = String(r['text'] ?? '');
    if (text.length <= left) {
      out.push(r);
      left -= text.length;
      continue;
    }
    out.push({ ...r, text: truncateClean(text, Math.max(1, left)) });
    break;
  }
  return out;
}

function codeBlock(text: string, limits: Limits): CardElement {
  return {
    type: 'Container',
    style: 'emphasis',
    items: [
      plain(truncateLines(text, limits.codeLines, limits.codeChars), {}, { fontType: 'Monospace', size: 'Small' }),
    ],
  };
}

/** Parsed Markdown as card elements: lists as a marker column beside the item's own elements. */
function richElements(blocks: readonly RichBlock[], limits: Limits, labels: CardLabels, depth = 0): CardElement[] {
  const out: CardElement[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'paragraph':
        out.push(richText(cutRuns(runsOf(block.inlines), limits.textChars), { spacing: 'Small' }));
        break;
      case 'heading':
        out.push(
          richText(cutRuns(runsOf(block.inlines, { weight: 'Bolder' }), limits.textChars), { spacing: 'Medium' }),
        );
        break;
      case 'code':
        out.push(codeBlock(block.text, limits));
        break;
      case 'quote':
        out.push({ type: 'Container', style: 'emphasis', items: richElements(block.blocks, limits, labels, depth) });
        break;
      case 'list': {
        const max = depth === 0 && block.ordered ? limits.steps : limits.listItems;
        const shown = block.items.slice(0, max);
        shown.forEach((item, i) => {
          const marker = block.ordered ? `${block.start + i}.` : depth % 2 === 0 ? '•' : '◦';
          out.push({
            type: 'ColumnSet',
            spacing: 'Small',
            columns: [
              { type: 'Column', width: 'auto', items: [plain(marker)] },
              { type: 'Column', width: 'stretch', items: richElements(item, limits, labels, depth + 1) },
            ],
          });
        });
        if (block.items.length > shown.length) {
          const left = block.items.length - shown.length;
          out.push(
            plain(block.ordered ? labels.moreSteps(left) : `… (+${left})`, { spacing: 'Small' }, { isSubtle: true }),
          );
        }
        break;
      }
    }
  }
  return out;
}

function markdownElements(markdown: string, limits: Limits, labels: CardLabels): CardElement[] {
  return richElements(parseMarkdown(markdown), limits, labels);
}

function stepElements(steps: readonly Step[], limits: Limits, labels: CardLabels): CardElement[] {
  const shown = steps.slice(0, limits.steps);
  const elements = shown.map((step, i) => {
    const commands = step.commands.slice(0, limits.commandsPerStep);
    const items: CardElement[] = [
      {
        type: 'ColumnSet',
        columns: [
          { type: 'Column', width: 'auto', items: [plain(`${i + 1}.`)] },
          { type: 'Column', width: 'stretch', items: markdownElements(step.text, limits, labels) },
        ],
      },
    ];
    if (commands.length > 0) items.push(codeBlock(commands.join('\n'), limits));
    const container: CardElement = { type: 'Container', spacing: 'Small', items };
    return container;
  });
  if (steps.length > shown.length) {
    elements.push(plain(labels.moreSteps(steps.length - shown.length), { spacing: 'Small' }, { isSubtle: true }));
  }
  return elements;
}

function sourceElement(block: Extract<Block, { type: 'source' }>, labels: CardLabels): CardElement {
  const where = ` (${block.path} L${block.lines[0]}–${block.lines[1]})`;
  const title: Run = block.url
    ? run(block.title, { color: 'Accent', selectAction: { type: 'Action.OpenUrl', url: block.url } })
    : run(block.title);
  return richText([run(`${labels.source}: `), title, run(where)], { spacing: 'Medium' });
}

function candidateElements(
  block: Extract<Block, { type: 'candidates' }>,
  limits: Limits,
  labels: CardLabels,
): CardElement[] {
  const out: CardElement[] = block.label ? [plain(block.label, { spacing: 'Medium' }, { weight: 'Bolder' })] : [];
  for (const c of block.candidates.slice(0, limits.listItems)) {
    const title = runsOf(parseInline(c.title), { weight: 'Bolder' });
    const linked = c.url
      ? title.map((r) => ({ ...r, color: 'Accent', selectAction: { type: 'Action.OpenUrl', url: c.url } }))
      : title;
    const items: CardElement[] = [
      richText(cutRuns(linked, limits.textChars)),
      plain(`${c.documentTitle} · ${c.where}`, { spacing: 'None' }, { size: 'Small', isSubtle: true }),
    ];
    if (c.replyId) {
      const data: CardActionData = { ksb: 'action', kind: 'show', replyId: c.replyId };
      items.push({ type: 'ActionSet', actions: [{ type: 'Action.Submit', title: labels.actions.show, data }] });
    }
    out.push({ type: 'Container', spacing: 'Medium', items });
  }
  return out;
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

function label(text: string): CardElement {
  return plain(text, { spacing: 'Medium' }, { weight: 'Bolder' });
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
        push(richText(cutRuns(runsOf(parseInline(block.text), { size: 'Large', weight: 'Bolder' }), 300)));
        break;
      case 'paragraph':
        if (block.label) push(label(block.label));
        for (const element of markdownElements(block.text, limits, labels)) push(element);
        break;
      case 'code':
        push(codeBlock(block.text, limits));
        break;
      case 'steps':
        if (block.label) push(label(block.label));
        for (const element of stepElements(block.steps, limits, labels)) push(element);
        break;
      case 'fields':
        for (const f of block.fields) {
          push({
            type: 'ColumnSet',
            spacing: 'Small',
            columns: [
              { type: 'Column', width: 'auto', items: [plain(f.label, {}, { weight: 'Bolder' })] },
              { type: 'Column', width: 'stretch', items: markdownElements(f.value, limits, labels) },
            ],
          });
        }
        break;
      case 'list': {
        if (block.label) push(label(block.label));
        const items = block.items.slice(0, limits.listItems);
        for (const item of items) {
          push({
            type: 'ColumnSet',
            spacing: 'Small',
            columns: [
              { type: 'Column', width: 'auto', items: [plain('•')] },
              { type: 'Column', width: 'stretch', items: markdownElements(item, limits, labels) },
            ],
          });
        }
        if (block.items.length > items.length)
          push(plain(`… (+${block.items.length - items.length})`, { spacing: 'Small' }, { isSubtle: true }));
        break;
      }
      case 'candidates':
        for (const element of candidateElements(block, limits, labels)) push(element);
        break;
      case 'source':
        push(sourceElement(block, labels));
        break;
      case 'context':
        push(
          richText(
            cutRuns(
              parseMarkdown(block.text).flatMap((b, i) => [
                ...(i > 0 ? [run('\n')] : []),
                ...runsOf(
                  b.type === 'paragraph' || b.type === 'heading'
                    ? b.inlines
                    : [{ type: 'text', text: b.type === 'code' ? b.text : '' }],
                  {
                    size: 'Small',
                    isSubtle: true,
                  },
                ),
              ]),
              limits.textChars,
            ),
          ),
        );
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
  if (note) body.push(plain(note, { spacing: 'Medium' }, { size: 'Small', isSubtle: true }));
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    fallbackText: truncateClean(reply.text, Math.min(1000, limits.textChars)),
    body: body.length > 0 ? body : [plain(truncateClean(reply.text, limits.textChars))],
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
