import type { Incident } from '../incidents/incident.ts';
import type { ResolvedHow } from '../incidents/incident-event.ts';
import type { Block, Reply } from '../message.ts';
import type { Count, HandoffSummary } from './handoff-summary.ts';
import { formatDateTime, formatTime } from './time-zone.ts';

export interface HandoffReplyOptions {
  readonly timeZone: string;
  /** When the summary was made, for the footer. */
  readonly nowMs: number;
  /** How to name the channel ("#support"); the conversation id otherwise. */
  readonly channelName?: string;
  /** Items per list before "…and N more"; 10. The CLI passes Infinity. */
  readonly maxItems?: number;
  /** "Shift handoff" for the scheduled post, "Handoff" for the command. */
  readonly title?: string;
}

const how: Record<ResolvedHow, string> = {
  button: 'the "This fixed it" button',
  reaction: 'a ✅ reaction',
  command: '/handoff resolve',
};

/**
 * Renders a handoff as a neutral Reply: blocks for the chat adapters (Block Kit, Adaptive Cards) and a
 * complete plain-text version in `text` for the CLI and notifications. Same content, same order.
 */
export function handoffReply(summary: HandoffSummary, options: HandoffReplyOptions): Reply {
  const { timeZone } = options;
  const max = options.maxItems ?? 10;
  const t = summary.totals;
  const where = options.channelName ?? summary.conversationId;
  const heading = `${options.title ?? 'Handoff'}${where === undefined ? '' : ` for ${where}`}: ${summary.window.label}`;
  const overview =
    t.incidents === 0
      ? 'No incidents in this window.'
      : `${plural(t.incidents, 'incident')}: ${t.open} open, ${t.resolved} resolved, ${t.dismissed} dismissed, ` +
        `${t.unanswered} not answered; ${plural(t.followUps, 'follow-up')} in threads.`;
  const day = (ms: number): string =>
    formatDateTime(ms, timeZone).slice(0, 10) === formatDateTime(summary.window.toMs, timeZone).slice(0, 10)
      ? formatTime(ms, timeZone)
      : formatDateTime(ms, timeZone);

  const parts: Part[] = [];
  // Only the shown items are formatted: a window can hold thousands of incidents.
  const add = <T>(label: string, all: readonly T[], item: (entry: T) => string): void => {
    if (all.length === 0) return;
    const shown = all.slice(0, max).map(item);
    parts.push({ label, items: all.length > max ? [...shown, `…and ${all.length - max} more`] : shown });
  };
  add(`Open (${t.open}), oldest first`, summary.open, (i) => line(day(i.openedAtMs), i, details(i), link(i)));
  add(`Resolved (${t.resolved})`, summary.resolved, (i) =>
    line(
      day(i.openedAtMs),
      i,
      i.resolved && `fixed by ${i.resolved.by} with ${how[i.resolved.how]} at ${day(i.resolved.atMs)}`,
      link(i),
    ),
  );
  add(`Dismissed as "Not it" (${t.dismissed})`, summary.dismissed, (i) =>
    line(day(i.openedAtMs), i, i.dismissed && `by ${i.dismissed.by}`, link(i)),
  );
  add('Recurring problems', summary.recurring, (c) => `${c.name}: ${plural(c.count, 'time')}`);
  const hotSpots = [
    { label: 'Hot namespaces', value: counts(summary.hotSpots.namespaces) },
    { label: 'Hot clusters', value: counts(summary.hotSpots.clusters) },
  ].filter((f) => f.value !== '');
  if (hotSpots.length > 0) parts.push({ label: 'Hot spots', fields: hotSpots });
  add(`What I could not answer (${t.unanswered})`, summary.unanswered, (i) =>
    line(day(i.openedAtMs), i, `reported by ${i.reporter}`, link(i)),
  );
  const footer = `Generated ${formatDateTime(options.nowMs, timeZone)} (${timeZone}).`;

  const blocks: Block[] = [
    { type: 'heading', text: heading },
    { type: 'paragraph', text: overview },
  ];
  const text: string[] = [heading, overview];
  for (const part of parts) {
    if ('fields' in part) {
      blocks.push({ type: 'fields', fields: part.fields });
      text.push('', `${part.label}:`, ...part.fields.map((f) => `- ${f.label}: ${f.value}`));
    } else {
      blocks.push({ type: 'list', label: part.label, items: part.items });
      text.push('', `${part.label}:`, ...part.items.map((item) => `- ${item}`));
    }
  }
  blocks.push({ type: 'context', text: footer });
  text.push('', footer);
  return { kind: 'handoff', text: text.join('\n'), blocks, inThread: false };
}

type Part =
  | { readonly label: string; readonly items: readonly string[] }
  | { readonly label: string; readonly fields: readonly { readonly label: string; readonly value: string }[] };

function line(time: string, incident: Incident, detail: string | undefined, threadLink: string): string {
  return [`${time} ${oneLine(incident.summary)}`, detail, threadLink].filter(Boolean).join(' · ');
}

function details(incident: Incident): string {
  const parts = [`reported by ${incident.reporter}`];
  const r = incident.resource;
  if (r?.namespace || r?.pod) {
    parts.push(`${[r.namespace, r.pod].filter(Boolean).join('/')}${r.cluster ? ` on ${r.cluster}` : ''}`);
  } else if (r?.cluster) {
    parts.push(`on ${r.cluster}`);
  }
  if (incident.section && !incident.unanswered) parts.push(`matched "${incident.section.title}"`);
  if (incident.activity > 0) parts.push(plural(incident.activity, 'follow-up'));
  if (incident.repeats > 0) parts.push(`repeated ${plural(incident.repeats, 'time')}`);
  return parts.join(' · ');
}

/** The thread: its permalink where the platform gave one, else where to find it. */
function link(incident: Incident): string {
  const p = incident.place;
  return p.permalink ?? `thread ${p.conversationId}/${p.threadId}`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 100 ? `${flat.slice(0, 99)}…` : flat;
}

function counts(list: readonly Count[]): string {
  const shown = list.slice(0, 5).map((c) => `${c.name} (${c.count})`);
  return list.length > 5 ? `${shown.join(', ')}, …` : shown.join(', ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
