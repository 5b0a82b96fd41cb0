import { type Logger, silentLogger } from '../log.ts';
import { redactSecrets, redactValues } from '../redact.ts';
import type { Store } from '../store/store.ts';
import { foldIncident, type Incident } from './incident.ts';
import type { IncidentEvent, IncidentRecorder, Place } from './incident-event.ts';
import { eventId, incidentId, incidentKeys, workspaceOf } from './incident-keys.ts';

/** Which incidents a handoff covers: those with at least one event in [fromMs, toMs]. */
export interface IncidentQuery {
  readonly fromMs: number;
  readonly toMs: number;
  /** Omitted: every workspace seen within the retention period. */
  readonly workspaceId?: string;
  /** Omitted: every channel of the workspace(s). */
  readonly conversationId?: string;
}

/** Reads the incident record. Rejects with `store_unavailable` when the store cannot answer. */
export interface IncidentReader {
  list(query: IncidentQuery): Promise<Incident[]>;
  get(place: Place): Promise<Incident | undefined>;
}

export interface IncidentLogDeps {
  readonly store: Store;
  readonly log?: Logger;
  /** How long incidents are kept; default 30 days (RETENTION_DAYS). */
  readonly retentionDays?: number;
  /** Events kept in memory while the store is down; beyond it the oldest are dropped (and logged). */
  readonly journalLimit?: number;
  /** How often a non-empty journal retries the store; default 500 ms. */
  readonly retryMs?: number;
  readonly now?: () => number;
}

interface Pending {
  readonly id: string;
  readonly event: IncidentEvent;
}

/**
 * The incident record on the Store. `record` never rejects: when a write fails the event goes to a
 * bounded in-memory journal, retried in order until the store answers. Every write is idempotent (one
 * hash field per event id, ZADD GT for the indexes), so a write that reached the store but whose
 * answer was lost is harmless to repeat: nothing is lost and nothing is counted twice.
 */
export class IncidentLog implements IncidentRecorder, IncidentReader {
  readonly #store: Store;
  readonly #log: Logger;
  readonly #retentionMs: number;
  readonly #journalLimit: number;
  readonly #retryMs: number;
  readonly #now: () => number;
  readonly #journal: Pending[] = [];
  #dropped = 0;
  #flushing: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(deps: IncidentLogDeps) {
    this.#store = deps.store;
    this.#log = (deps.log ?? silentLogger).child({ component: 'incident-log' });
    this.#retentionMs = (deps.retentionDays ?? 30) * 86_400_000;
    this.#journalLimit = deps.journalLimit ?? 10_000;
    this.#retryMs = deps.retryMs ?? 500;
    this.#now = deps.now ?? Date.now;
  }

  /** Events waiting for the store. */
  get pending(): number {
    return this.#journal.length;
  }

  async record(event: IncidentEvent): Promise<void> {
    const stored = redactEvent(event);
    const entry = { id: eventId(stored), event: stored };
    // While events wait, new ones queue behind them: the retry timer writes them in order.
    if (this.#journal.length > 0 || this.#closed) {
      this.#enqueue(entry);
      return;
    }
    try {
      await this.#write(entry);
    } catch (err) {
      this.#log.warn({ err, pending: 1 }, 'incident store unavailable: journaling events until it returns');
      this.#enqueue(entry);
    }
  }

  /** Writes the journal now; resolves when it is empty or the store failed again (the timer retries). */
  async flush(): Promise<void> {
    this.#flushing ??= this.#drain().finally(() => {
      this.#flushing = undefined;
    });
    return this.#flushing;
  }

  /** Stops retrying after one last attempt; what is still journaled is logged with its count. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.flush();
    if (this.#journal.length > 0) {
      this.#log.error({ pending: this.#journal.length }, 'incident journal not written at shutdown');
    }
  }

  async get(place: Place): Promise<Incident | undefined> {
    const id = incidentId(place);
    return toIncident(id, await this.#store.hashGetAll(incidentKeys.incident(workspaceOf(place), id)));
  }

  async list(query: IncidentQuery): Promise<Incident[]> {
    const incidents: Incident[] = [];
    for (const [id, events] of await this.#candidates(query)) {
      const incident = foldIncident(id, events);
      if (incident?.eventTimesMs.some((t) => t >= query.fromMs && t <= query.toMs)) incidents.push(incident);
    }
    return incidents;
  }

  /**
   * Every recorded event of the incidents `list` would return, oldest first, as `record` stores them
   * (redacted, records kept by older versions included): what `record` takes back, so an export from one
   * store imported into another is the same record.
   */
  async events(query: IncidentQuery): Promise<IncidentEvent[]> {
    const events: IncidentEvent[] = [];
    for (const [id, recorded] of await this.#candidates(query)) {
      const incident = foldIncident(id, recorded);
      if (incident?.eventTimesMs.some((t) => t >= query.fromMs && t <= query.toMs)) {
        events.push(...recorded.map(redactEvent));
      }
    }
    return events.sort((a, b) => a.atMs - b.atMs);
  }

  /** Incidents touched since the window opened, with their stored events. */
  async #candidates(query: IncidentQuery): Promise<[id: string, events: IncidentEvent[]][]> {
    // Events journaled during a blip are written first, so a summary asked for once the store answers
    // again does not wait for the retry timer to include them.
    if (this.#journal.length > 0) await this.flush();
    const workspaces =
      query.workspaceId === undefined
        ? await this.#store.indexRange(incidentKeys.workspaces, this.#now() - this.#retentionMs, Infinity)
        : [query.workspaceId];
    const candidates: [string, IncidentEvent[]][] = [];
    for (const workspace of workspaces) {
      const index =
        query.conversationId === undefined
          ? incidentKeys.workspaceIndex(workspace)
          : incidentKeys.channelIndex(workspace, query.conversationId);
      // Scores are the latest event, so anything touched since the window opened is a candidate.
      const ids = await this.#store.indexRange(index, query.fromMs, Infinity);
      const hashes = await this.#store.hashGetAllMany(ids.map((id) => incidentKeys.incident(workspace, id)));
      ids.forEach((id, i) => {
        candidates.push([id, storedEvents(hashes[i] ?? {})]);
      });
    }
    return candidates;
  }

  async #write({ id, event }: Pending): Promise<void> {
    const workspace = workspaceOf(event.place);
    const incident = incidentId(event.place);
    const ttlMs = this.#retentionMs;
    const index = { ttlMs, trimBelow: this.#now() - ttlMs };
    // Independent and idempotent, so they go out together (one round trip with Redis auto-pipelining);
    // if one fails the whole event is journaled and all four are written again.
    await Promise.all([
      this.#store.hashSet(incidentKeys.incident(workspace, incident), { [`e:${id}`]: JSON.stringify(event) }, ttlMs),
      this.#store.indexAdd(incidentKeys.workspaceIndex(workspace), incident, event.atMs, index),
      this.#store.indexAdd(
        incidentKeys.channelIndex(workspace, event.place.conversationId),
        incident,
        event.atMs,
        index,
      ),
      this.#store.indexAdd(incidentKeys.workspaces, workspace, event.atMs, index),
    ]);
  }

  #enqueue(entry: Pending): void {
    if (this.#journal.length >= this.#journalLimit) {
      this.#journal.shift();
      if (this.#dropped++ === 0) {
        this.#log.error({ limit: this.#journalLimit }, 'incident journal full: dropping the oldest events');
      }
    }
    this.#journal.push(entry);
    this.#schedule();
  }

  #schedule(): void {
    if (this.#timer !== undefined || this.#closed) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.flush();
    }, this.#retryMs);
    // A pending retry must not keep a CLI or a test process alive.
    this.#timer.unref();
  }

  async #drain(): Promise<void> {
    let written = 0;
    while (this.#journal.length > 0) {
      const next = this.#journal[0]!;
      try {
        await this.#write(next);
      } catch {
        // Still down: keep the journal as it is and try again later.
        this.#schedule();
        return;
      }
      this.#journal.shift();
      written++;
    }
    if (written > 0) {
      this.#log.info({ written, dropped: this.#dropped }, 'incident store back: journal written');
      this.#dropped = 0;
    }
  }
}

/** Wires an IncidentLog from the composition root's parts. */
export function createIncidentLog(deps: IncidentLogDeps): IncidentLog {
  return new IncidentLog(deps);
}

/**
 * What a reporter pasted is redacted before it is stored, whoever recorded it. Places and ids are kept as
 * they are: the incident id is derived from them.
 */
function redactEvent(event: IncidentEvent): IncidentEvent {
  if (event.type !== 'opened') return event;
  return {
    ...event,
    summary: redactSecrets(event.summary),
    ...(event.resource ? { resource: redactValues(event.resource) } : {}),
  };
}

function toIncident(id: string, fields: Record<string, string>): Incident | undefined {
  return foldIncident(id, storedEvents(fields));
}

/** The events in an incident's hash (one `e:<eventId>` field each). */
function storedEvents(fields: Record<string, string>): IncidentEvent[] {
  const events: IncidentEvent[] = [];
  for (const [field, value] of Object.entries(fields)) {
    if (!field.startsWith('e:')) continue;
    try {
      events.push(JSON.parse(value) as IncidentEvent);
    } catch {
      // A corrupt field (written by hand?) must not hide the rest of the incident.
    }
  }
  return events;
}
