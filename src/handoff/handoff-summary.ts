import type { Incident } from '../incidents/incident.ts';
import type { HandoffWindow } from './handoff-window.ts';

export interface Count {
  readonly name: string;
  readonly count: number;
}

/** What a shift handoff says, before it is rendered. Built by `buildHandoff`, rendered by `handoffReply`. */
export interface HandoffSummary {
  readonly window: HandoffWindow;
  /** The channel it covers; undefined for a whole workspace. */
  readonly conversationId?: string;
  /** Still open, oldest first: what the next shift picks up. */
  readonly open: readonly Incident[];
  /** Resolved, in the order they were resolved. */
  readonly resolved: readonly Incident[];
  /** "Not it": the bot's answer was wrong and nobody marked a fix. */
  readonly dismissed: readonly Incident[];
  /** Documented problems seen more than once (incidents plus repeats), most frequent first. */
  readonly recurring: readonly Count[];
  /** Namespaces and clusters with the most incidents, most first. */
  readonly hotSpots: { readonly namespaces: readonly Count[]; readonly clusters: readonly Count[] };
  /** What the bot had no answer for, oldest first. */
  readonly unanswered: readonly Incident[];
  readonly totals: {
    readonly incidents: number;
    readonly open: number;
    readonly resolved: number;
    readonly dismissed: number;
    readonly unanswered: number;
    readonly followUps: number;
  };
}

/** Sorts and counts the incidents of a window. Pure: the same incidents give the same summary. */
export function buildHandoff(
  incidents: readonly Incident[],
  window: HandoffWindow,
  conversationId?: string,
): HandoffSummary {
  const byOpened = [...incidents].sort((a, b) => a.openedAtMs - b.openedAtMs || compare(a.id, b.id));
  const open = byOpened.filter((i) => i.state === 'open');
  const resolved = byOpened
    .filter((i) => i.state === 'resolved')
    .sort((a, b) => (a.resolved?.atMs ?? 0) - (b.resolved?.atMs ?? 0) || compare(a.id, b.id));
  const dismissed = byOpened.filter((i) => i.state === 'dismissed');
  const unanswered = byOpened.filter((i) => i.unanswered);

  const sections = new Map<string, number>();
  const namespaces = new Map<string, number>();
  const clusters = new Map<string, number>();
  let followUps = 0;
  for (const incident of byOpened) {
    followUps += incident.activity;
    if (incident.section) bump(sections, incident.section.title, 1 + incident.repeats);
    const ns = incident.resource?.namespace;
    if (ns) bump(namespaces, ns, 1);
    const cluster = incident.resource?.cluster;
    if (cluster) bump(clusters, cluster, 1);
  }
  return {
    window,
    ...(conversationId === undefined ? {} : { conversationId }),
    open,
    resolved,
    dismissed,
    recurring: ranked(sections).filter((c) => c.count > 1),
    hotSpots: { namespaces: ranked(namespaces), clusters: ranked(clusters) },
    unanswered,
    totals: {
      incidents: byOpened.length,
      open: open.length,
      resolved: resolved.length,
      dismissed: dismissed.length,
      unanswered: unanswered.length,
      followUps,
    },
  };
}

function bump(counts: Map<string, number>, key: string, by: number): void {
  counts.set(key, (counts.get(key) ?? 0) + by);
}

function ranked(counts: Map<string, number>): Count[] {
  return [...counts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || compare(a.name, b.name));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
