/**
 * What /metrics reports about the bot (prom-client, next to its default process and Node.js metrics), and
 * the wrappers that measure it at the composition root: the Bot and the Matcher are wrapped, so no area
 * has to know about metrics.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ActionInvocation, Bot, CommandOutcome, ReactionInvocation } from '../../src/bot-api.ts';
import type { CommandInvocation } from '../../src/commands/command.ts';
import { isKnownCommand } from '../../src/commands/parse-command.ts';
import type { Matcher } from '../../src/matching/matcher.ts';
import type { IncomingMessage, Reply } from '../../src/message.ts';

const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const diagnosisBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30];

export interface BotMetrics {
  readonly registry: Registry;
  readonly messagesSeen: Counter<'platform'>;
  readonly messagesAnswered: Counter<'platform' | 'kind'>;
  readonly messagesConfident: Counter<'platform'>;
  readonly feedback: Counter<'platform' | 'kind'>;
  readonly commands: Counter<'platform' | 'command'>;
  readonly matchSeconds: Histogram;
  readonly diagnosisSeconds: Histogram;
  readonly errors: Counter<'kind'>;
  /** Reloads after file changes, `ok` or `rejected`; the load at start is not one. */
  readonly knowledgeReloads: Counter<'result'>;
  readonly eventsRefused: Counter<'reason'>;
  /** What the channel taught: presses kept (`vote`), pairs that began to count, lapsed or were forgotten. */
  readonly learned: Counter<'change' | 'kind'>;
}

/** One registry per running app (tests start several in one process), with the default metrics in it. */
export function createBotMetrics(options: {
  readonly inFlight: () => number;
  readonly knowledgeSections: () => number;
  /** Learned pairs in use by the matcher, by kind (confirm, reject). */
  readonly learnedPairs?: () => Readonly<Record<string, number>>;
}): BotMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const p = 'kube_support_bot_';
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Counter<L>({ name: `${p}${name}`, help, labelNames, registers });
  const metrics: BotMetrics = {
    registry,
    messagesSeen: counter('messages_seen_total', 'Messages handed to the bot.', ['platform']),
    messagesAnswered: counter('messages_answered_total', 'Messages the bot replied to, by reply kind.', [
      'platform',
      'kind',
    ]),
    messagesConfident: counter('messages_confident_total', 'Messages answered with a confident match.', ['platform']),
    feedback: counter('feedback_total', 'Feedback on answers: buttons and reactions.', ['platform', 'kind']),
    commands: counter('commands_total', 'Commands run.', ['platform', 'command']),
    matchSeconds: new Histogram({
      name: `${p}match_duration_seconds`,
      help: 'Time to match one text against the knowledge.',
      buckets: latencyBuckets,
      registers,
    }),
    diagnosisSeconds: new Histogram({
      name: `${p}diagnosis_duration_seconds`,
      help: 'Time from a diagnose command to its result.',
      buckets: diagnosisBuckets,
      registers,
    }),
    errors: counter('errors_total', 'Errors logged, by kind (error code or name).', ['kind']),
    knowledgeReloads: counter('knowledge_reloads_total', 'Knowledge reloads after file changes.', ['result']),
    eventsRefused: counter('events_refused_total', 'Chat events answered 503: busy (MAX_IN_FLIGHT) or shutting down.', [
      'reason',
    ]),
    learned: counter(
      'learned_total',
      'Learned evidence: presses kept, pairs that began to count, lapsed or were forgotten.',
      ['change', 'kind'],
    ),
  };
  // Both results are shown from the start, at 0, so `increase()` sees the first reload of either kind.
  for (const result of ['ok', 'rejected']) metrics.knowledgeReloads.inc({ result }, 0);
  new Gauge({
    name: `${p}in_flight`,
    help: 'Messages, commands and actions being handled.',
    registers,
    collect() {
      this.set(options.inFlight());
    },
  });
  new Gauge({
    name: `${p}learned_pairs`,
    help: 'Learned (paste, section) pairs the matcher uses, by kind.',
    labelNames: ['kind'],
    registers,
    collect() {
      const pairs = options.learnedPairs?.() ?? {};
      for (const kind of ['confirm', 'reject']) this.set({ kind }, pairs[kind] ?? 0);
    },
  });
  new Gauge({
    name: `${p}knowledge_sections`,
    help: 'Sections in the knowledge in use.',
    registers,
    collect() {
      this.set(options.knowledgeSections());
    },
  });
  return metrics;
}

/**
 * Work in progress, so shutdown can wait for it. After `close()` new work is refused by the callers that
 * check `accepting` (the HTTP routes answer 503, so Slack and Teams retry against another replica).
 */
export class InFlight {
  #count = 0;
  #accepting = true;
  #idle: (() => void)[] = [];

  get size(): number {
    return this.#count;
  }

  get accepting(): boolean {
    return this.#accepting;
  }

  close(): void {
    this.#accepting = false;
  }

  track<T>(work: Promise<T>): Promise<T> {
    this.#count += 1;
    return work.finally(() => {
      this.#count -= 1;
      if (this.#count === 0) for (const resolve of this.#idle.splice(0)) resolve();
    });
  }

  /** Resolves true when nothing is in flight, false when `timeoutMs` passed first. */
  async drain(timeoutMs: number): Promise<boolean> {
    if (this.#count === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const idle = new Promise<boolean>((resolve) => this.#idle.push(() => resolve(true)));
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([idle, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The Matcher, timed. Reload-safe: `current` is read on every call. */
export function instrumentMatcher(current: () => Matcher, metrics: BotMetrics): Matcher {
  return {
    section: (id) => current().section?.(id),
    match(text, options) {
      const started = performance.now();
      try {
        return current().match(text, options);
      } finally {
        metrics.matchSeconds.observe((performance.now() - started) / 1000);
      }
    },
  };
}

/** The Bot, counted and tracked; behaviour unchanged. */
export function instrumentBot(bot: Bot, metrics: BotMetrics, inFlight: InFlight): Bot {
  const answered = (platform: string, reply: Reply | undefined): void => {
    if (!reply) return;
    metrics.messagesAnswered.inc({ platform, kind: reply.kind });
    if (reply.kind === 'answer') metrics.messagesConfident.inc({ platform });
    if (reply.kind === 'error') metrics.errors.inc({ kind: 'error_reply' });
  };
  const instrumented: Bot = {
    async handle(message: IncomingMessage) {
      metrics.messagesSeen.inc({ platform: message.platform });
      const reply = await inFlight.track(bot.handle(message));
      answered(message.platform, reply);
      return reply;
    },
    command(invocation: CommandInvocation): CommandOutcome {
      // Command names are typed by users: any other name counts as "other", so the series stay few.
      const command = isKnownCommand(invocation.name) ? invocation.name : 'other';
      metrics.commands.inc({ platform: invocation.platform, command });
      const started = performance.now();
      const outcome = bot.command(invocation);
      const result = inFlight.track(outcome.result).then((reply) => {
        if (invocation.name === 'diagnose') metrics.diagnosisSeconds.observe((performance.now() - started) / 1000);
        if (reply.kind === 'error') metrics.errors.inc({ kind: 'error_reply' });
        return reply;
      });
      return { ...outcome, result };
    },
    async action(invocation: ActionInvocation) {
      metrics.feedback.inc({ platform: invocation.platform, kind: invocation.kind });
      return inFlight.track(bot.action(invocation));
    },
    async reaction(invocation: ReactionInvocation) {
      // Emoji names are the users' choice: only the resolving ones get a label of their own.
      const resolving = invocation.name === 'white_check_mark' || invocation.name === 'heavy_check_mark';
      metrics.feedback.inc({ platform: invocation.platform, kind: resolving ? 'reaction_resolve' : 'reaction_other' });
      return inFlight.track(bot.reaction(invocation));
    },
  };
  const posted = bot.posted?.bind(bot);
  return posted ? { ...instrumented, posted: (reply, where) => inFlight.track(posted(reply, where)) } : instrumented;
}
