import type { Language } from '../i18n/messages.ts';
import type { Incident } from '../incidents/incident.ts';
import { codeSpan, literal, literalOutsideCode, link as markdownLink } from '../markdown/escape-markdown.ts';
import { toPlainText } from '../markdown/parse-markdown.ts';
import type { Block, Reply } from '../message.ts';
import { redactSecrets } from '../redact.ts';
import { type HandoffLabels, handoffLabels } from './handoff-labels.ts';
import type { Count, HandoffSummary } from './handoff-summary.ts';
import { formatDateTime, formatTime } from './time-zone.ts';

export interface HandoffReplyOptions {
  readonly timeZone: string;
  /** When the summary was made, for the footer. */
  readonly nowMs: number;
  /** The bot's language; Korean by default, like the rest of the bot. */
  readonly language?: Language;
  /** How to name the channel ("#support"); the conversation id otherwise. */
  readonly channelName?: string;
  /** Items per list before "…and N more"; 10. The CLI passes Infinity. */
  readonly maxItems?: number;
  /** True for the scheduled post ("Shift handoff"), false for the command ("Handoff"). */
  readonly scheduled?: boolean;
}

/**
 * Renders a handoff as a neutral Reply: blocks for the chat adapters (Block Kit, Adaptive Cards) and a
 * complete plain-text version in `text` for the CLI and notifications. Same content, same order.
 */
export function handoffReply(summary: HandoffSummary, options: HandoffReplyOptions): Reply {
  const { timeZone } = options;
  const l = handoffLabels(options.language);
  const max = options.maxItems ?? 10;
  const t = summary.totals;
  const where = options.channelName ?? summary.conversationId;
  const heading = l.heading(options.scheduled ? l.scheduledTitle : l.title, where, summary.window.label);
  const overview = t.incidents === 0 ? l.none : l.overview(t);
  const endDay = formatDateTime(summary.window.toMs, timeZone).slice(0, 10);
  const day = (ms: number): string => {
    const full = formatDateTime(ms, timeZone);
    return full.slice(0, 10) === endDay ? formatTime(ms, timeZone) : full;
  };

  const parts: Part[] = [];
  // Only the shown items are formatted: a window can hold thousands of incidents.
  const add = <T>(label: string, all: readonly T[], item: (entry: T) => string): void => {
    if (all.length === 0) return;
    const shown = all.slice(0, max).map(item);
    parts.push({ label, items: all.length > max ? [...shown, l.more(all.length - max)] : shown });
  };
  add(l.open(t.open), summary.open, (i) => line(day(i.openedAtMs), i, details(i, l), link(i, l)));
  add(l.resolved(t.resolved), summary.resolved, (i) =>
    line(
      day(i.openedAtMs),
      i,
      i.resolved && l.fixedBy(literal(i.resolved.by), i.resolved.how, day(i.resolved.atMs)),
      link(i, l),
    ),
  );
  add(l.dismissed(t.dismissed), summary.dismissed, (i) =>
    line(day(i.openedAtMs), i, i.dismissed && l.dismissedBy(literal(i.dismissed.by)), link(i, l)),
  );
  add(l.recurring, summary.recurring, (c) => `${literal(c.name)}: ${l.times(c.count)}`);
  const hotSpots = [
    { label: l.namespaces, value: literal(counts(summary.hotSpots.namespaces)) },
    { label: l.clusters, value: literal(counts(summary.hotSpots.clusters)) },
  ].filter((f) => f.value !== '');
  if (hotSpots.length > 0) parts.push({ label: l.hotSpots, fields: hotSpots });
  add(l.unanswered(t.unanswered), summary.unanswered, (i) =>
    line(day(i.openedAtMs), i, l.reportedBy(literal(i.reporter)), link(i, l)),
  );
  const footer = l.generated(formatDateTime(options.nowMs, timeZone), timeZone);

  const blocks: Block[] = [
    { type: 'heading', text: literal(heading) },
    { type: 'paragraph', text: literal(overview) },
  ];
  const text: string[] = [heading, overview];
  for (const part of parts) {
    if ('fields' in part) {
      blocks.push({ type: 'fields', fields: part.fields });
      text.push('', `${part.label}:`, ...part.fields.map((f) => `- ${f.label}: ${toPlainText(f.value)}`));
    } else {
      blocks.push({ type: 'list', label: part.label, items: part.items });
      text.push('', `${part.label}:`, ...part.items.map((item) => `- ${toPlainText(item)}`));
    }
  }
  blocks.push({ type: 'context', text: literal(footer) });
  text.push('', footer);
  return { kind: 'handoff', text: text.join('\n'), blocks, inThread: false };
}

type Part =
  | { readonly label: string; readonly items: readonly string[] }
  | { readonly label: string; readonly fields: readonly { readonly label: string; readonly value: string }[] };

/** One incident as a Markdown line: what is shown of users' and clusters' words is literal. */
function line(time: string, incident: Incident, detail: string | undefined, threadLink: string): string {
  return [`${time} ${title(incident)}`, detail, threadLink].filter(Boolean).join(' · ');
}

/** The documented problem it was, else the failure signature the paste showed, else its error line. */
function title(incident: Incident): string {
  if (incident.section && !incident.unanswered && incident.state !== 'dismissed')
    return `**${literalOutsideCode(oneLine(incident.section.title))}**`;
  if (incident.signature) return codeSpan(incident.signature);
  return literal(oneLine(incident.summary));
}

function details(incident: Incident, l: HandoffLabels): string {
  const parts = [l.reportedBy(literal(incident.reporter))];
  const r = incident.resource;
  if (r?.namespace || r?.pod) {
    parts.push(literal(`${[r.namespace, r.pod].filter(Boolean).join('/')}${r.cluster ? ` @ ${r.cluster}` : ''}`));
  } else if (r?.cluster) {
    parts.push(literal(`@ ${r.cluster}`));
  }
  if (incident.activity > 0) parts.push(l.followUps(incident.activity));
  if (incident.repeats > 0) parts.push(l.repeated(incident.repeats));
  return parts.join(' · ');
}

/** The thread: a link where the platform gave one, else where to find it. */
function link(incident: Incident, l: HandoffLabels): string {
  const p = incident.place;
  return p.permalink ? markdownLink(l.threadLink, p.permalink) : literal(l.thread(p.conversationId, p.threadId));
}

/** A summary as posted: redacted again, since records written by older versions may hold secrets. */
function oneLine(text: string): string {
  const flat = redactSecrets(text).replace(/\s+/g, ' ').trim();
  return flat.length > 100 ? `${flat.slice(0, 99)}…` : flat;
}

function counts(list: readonly Count[]): string {
  const shown = list.slice(0, 5).map((c) => `${c.name} (${c.count})`);
  return list.length > 5 ? `${shown.join(', ')}, …` : shown.join(', ');
}
