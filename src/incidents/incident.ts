import type { IncidentEvent, Place, ResolvedHow } from './incident-event.ts';

type Opened = Extract<IncidentEvent, { type: 'opened' }>;

/**
 * One thread's incident as the handoff sees it: the fold of every event recorded for its place. What was
 * reported (reporter, kind, summary, section, score, resource…) comes from its `opened` event.
 */
export interface Incident
  extends Pick<
    Opened,
    'reporter' | 'kind' | 'summary' | 'section' | 'signature' | 'score' | 'confident' | 'unanswered' | 'resource'
  > {
  /** Derived from the place (see incidentId); stable across replicas. */
  readonly id: string;
  readonly place: Place;
  readonly openedAtMs: number;
  readonly state: 'open' | 'resolved' | 'dismissed';
  /** The latest resolution, while the incident is resolved. */
  readonly resolved?: { readonly by: string; readonly atMs: number; readonly how: ResolvedHow };
  /** Who said "Not it", while the incident is dismissed. */
  readonly dismissed?: { readonly by: string; readonly atMs: number };
  /** Follow-up messages in the thread. */
  readonly activity: number;
  /** The same error pasted again into the thread. */
  readonly repeats: number;
  readonly lastActivityMs: number;
  /** Times of every event, for window filtering. */
  readonly eventTimesMs: readonly number[];
}

// Same-millisecond events apply in a sensible order: an incident opens before anything happens to it.
const order: Record<IncidentEvent['type'], number> = { opened: 0, activity: 1, repeated: 2, dismissed: 3, resolved: 4 };

/**
 * Folds events (any order, duplicates already removed by id) into the incident. Undefined when no
 * `opened` event was recorded: a ✅ on a thread the bot never answered is not an incident. A repeat
 * after a resolution or dismissal reopens the incident (the fix did not hold); activity does not.
 */
export function foldIncident(id: string, events: readonly IncidentEvent[]): Incident | undefined {
  const sorted = [...events].sort((a, b) => a.atMs - b.atMs || order[a.type] - order[b.type]);
  const opened = sorted.find((e) => e.type === 'opened');
  if (opened?.type !== 'opened') return undefined;
  let state: Incident['state'] = 'open';
  let resolved: Incident['resolved'];
  let dismissed: Incident['dismissed'];
  let activity = 0;
  let repeats = 0;
  let permalink = opened.place.permalink;
  for (const event of sorted) {
    permalink ??= event.place.permalink;
    switch (event.type) {
      case 'opened':
        break;
      case 'resolved':
        state = 'resolved';
        resolved = { by: event.by, atMs: event.atMs, how: event.how };
        dismissed = undefined;
        break;
      case 'dismissed':
        state = 'dismissed';
        dismissed = { by: event.by, atMs: event.atMs };
        resolved = undefined;
        break;
      case 'activity':
        activity++;
        break;
      case 'repeated':
        repeats++;
        state = 'open';
        resolved = undefined;
        dismissed = undefined;
        break;
    }
  }
  const last = sorted[sorted.length - 1] ?? opened;
  return {
    id,
    place: permalink === undefined ? opened.place : { ...opened.place, permalink },
    openedAtMs: opened.atMs,
    reporter: opened.reporter,
    kind: opened.kind,
    summary: opened.summary,
    ...(opened.section === undefined ? {} : { section: opened.section }),
    ...(opened.signature === undefined ? {} : { signature: opened.signature }),
    ...(opened.score === undefined ? {} : { score: opened.score }),
    confident: opened.confident,
    unanswered: opened.unanswered,
    ...(opened.resource === undefined ? {} : { resource: opened.resource }),
    state,
    ...(resolved === undefined ? {} : { resolved }),
    ...(dismissed === undefined ? {} : { dismissed }),
    activity,
    repeats,
    lastActivityMs: last.atMs,
    eventTimesMs: sorted.map((e) => e.atMs),
  };
}
