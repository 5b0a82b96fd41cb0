import { Cron } from 'croner';
import type { Language } from '../i18n/messages.ts';
import type { IncidentReader } from '../incidents/incident-log.ts';
import { type Logger, silentLogger } from '../log.ts';
import type { Reply } from '../message.ts';
import type { Store } from '../store/store.ts';
import { handoffReply } from './handoff-reply.ts';
import { buildHandoff } from './handoff-summary.ts';
import { parseWindow } from './handoff-window.ts';

/** One channel's shift changes: `0 9,21 * * *` in Asia/Seoul. */
export interface HandoffSchedule {
  readonly channel: string;
  /** Narrows the incidents to one workspace; all workspaces when absent. */
  readonly workspaceId?: string;
  /** A croner expression (5 or 6 fields, or a nickname such as @daily). */
  readonly cron: string;
  readonly timeZone: string;
}

/**
 * Posts a reply in a channel, outside any thread. Implemented by the chat adapters (Slack
 * `chat.postMessage`, Teams proactive message); rejects when delivery fails.
 */
export interface HandoffPoster {
  post(channel: string, reply: Reply): Promise<void>;
}

export interface HandoffSchedulerDeps {
  readonly schedules: readonly HandoffSchedule[];
  /** Shared between replicas: holds the per-slot lock. */
  readonly store: Store;
  readonly incidents: IncidentReader;
  readonly poster: HandoffPoster;
  readonly log?: Logger;
  readonly now?: () => number;
  /** The bot's language for the posted summary; Korean by default. */
  readonly language?: Language;
  /** Cap for a window when a schedule has no earlier slot; 12 h. */
  readonly defaultHours?: number;
}

export type SlotOutcome = 'posted' | 'taken' | 'failed';

const lockTtlMs = 2 * 86_400_000;

/**
 * Posts the handoff of each scheduled channel at its shift changes. Every replica runs the same
 * timers; a claim on `ksb:{workspace}:lock:handoff:<channel>:<slot>` in the shared store lets exactly
 * one of them post each slot. The window runs from the previous shift change to this one.
 */
export class HandoffScheduler {
  readonly #deps: HandoffSchedulerDeps;
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #jobs: Cron[] = [];
  readonly #running = new Set<Promise<SlotOutcome>>();

  constructor(deps: HandoffSchedulerDeps) {
    this.#deps = deps;
    this.#log = (deps.log ?? silentLogger).child({ component: 'handoff-scheduler' });
    this.#now = deps.now ?? Date.now;
  }

  start(): void {
    for (const schedule of this.#deps.schedules) {
      const job = new Cron(schedule.cron, { timezone: schedule.timeZone, protect: true }, () => {
        const run = this.runSlot(schedule, slotOf(job, this.#now()));
        this.#running.add(run);
        void run.finally(() => this.#running.delete(run));
      });
      this.#jobs.push(job);
      this.#log.info(
        {
          channel: schedule.channel,
          cron: schedule.cron,
          timeZone: schedule.timeZone,
          next: job.nextRun()?.toISOString(),
        },
        'handoff scheduled',
      );
    }
  }

  /** Stops the timers and waits for handoffs being posted. */
  async stop(): Promise<void> {
    for (const job of this.#jobs.splice(0)) job.stop();
    await Promise.allSettled([...this.#running]);
  }

  /**
   * Posts one slot's handoff unless another replica already claimed it. Never rejects: a store or
   * delivery failure is logged and reported as 'failed'.
   */
  async runSlot(schedule: HandoffSchedule, slotMs: number): Promise<SlotOutcome> {
    const log = this.#log.child({ channel: schedule.channel, slot: new Date(slotMs).toISOString() });
    const lock = `ksb:{${schedule.workspaceId ?? '_'}}:lock:handoff:${schedule.channel}:${slotMs}`;
    try {
      if (!(await this.#deps.store.claim(lock, lockTtlMs))) {
        log.debug({}, 'scheduled handoff taken by another replica');
        return 'taken';
      }
    } catch (err) {
      // Without the shared lock exactly-once cannot be promised; skipping beats posting twice.
      log.error({ err }, 'scheduled handoff skipped: store unavailable for the lock');
      return 'failed';
    }
    try {
      const fromMs = previousRun(schedule, slotMs - 1000) ?? slotMs - (this.#deps.defaultHours ?? 12) * 3_600_000;
      const parsed = parseWindow('', { nowMs: slotMs, timeZone: schedule.timeZone, lastShiftChangeMs: fromMs });
      if (!parsed.ok) throw new Error(parsed.message);
      const incidents = await this.#deps.incidents.list({
        fromMs: parsed.window.fromMs,
        toMs: parsed.window.toMs,
        conversationId: schedule.channel,
        ...(schedule.workspaceId === undefined ? {} : { workspaceId: schedule.workspaceId }),
      });
      const summary = buildHandoff(incidents, parsed.window, schedule.channel);
      const reply = handoffReply(summary, {
        timeZone: schedule.timeZone,
        nowMs: slotMs,
        scheduled: true,
        ...(this.#deps.language === undefined ? {} : { language: this.#deps.language }),
      });
      await this.#deps.poster.post(schedule.channel, reply);
      log.info({ incidents: summary.totals.incidents, open: summary.totals.open }, 'scheduled handoff posted');
      return 'posted';
    } catch (err) {
      log.error({ err }, 'scheduled handoff failed');
      return 'failed';
    }
  }
}

/** Wires a HandoffScheduler; call `start()` once the chat adapters can post. */
export function createHandoffScheduler(deps: HandoffSchedulerDeps): HandoffScheduler {
  return new HandoffScheduler(deps);
}

/**
 * The slot a firing belongs to: the first occurrence after `now - 0.5 s`. Each replica's timer fires
 * at (or a hair before/after) the scheduled second, so all of them name the same slot.
 */
function slotOf(job: Cron, nowMs: number): number {
  const next = job.nextRun(new Date(nowMs - 500));
  if (next && next.getTime() <= nowMs + 1000) return next.getTime();
  return job.previousRuns(1, new Date(nowMs))[0]?.getTime() ?? Math.floor(nowMs / 1000) * 1000;
}

/** The schedule's latest shift change at or before `atMs`. */
export function previousRun(schedule: Pick<HandoffSchedule, 'cron' | 'timeZone'>, atMs: number): number | undefined {
  const job = new Cron(schedule.cron, { timezone: schedule.timeZone, paused: true });
  const [previous] = job.previousRuns(1, new Date(atMs));
  job.stop();
  return previous?.getTime();
}

/** The channel's latest shift change at or before `nowMs`, for `/handoff` without a window. */
export function lastShiftChange(
  schedules: readonly HandoffSchedule[],
  channel: string | undefined,
  nowMs: number,
): number | undefined {
  const schedule = schedules.find((s) => s.channel === channel);
  return schedule === undefined ? undefined : previousRun(schedule, nowMs);
}
