/**
 * The composition root as a function: config → logger → store → knowledge → matcher → bot → chat adapters
 * → one HTTP server. adapters/main.ts calls it with the process environment and wires the signals; tests
 * call it with their own config on port 0 and stop it.
 */

import type { Logger as PinoLogger } from 'pino';
import type { ChannelMembership } from '../src/access/channel-membership.ts';
import { createBot } from '../src/bot.ts';
import type { Bot } from '../src/bot-api.ts';
import type { Command } from '../src/commands/command.ts';
import { createDiagnoseCommand, createDiagnoseOffCommand } from '../src/commands/diagnose-command.ts';
import { createHandoffCommand } from '../src/commands/handoff-command.ts';
import { type Config, type Env, redactConfig } from '../src/config.ts';
import { isBotError } from '../src/errors.ts';
import {
  createHandoffScheduler,
  type HandoffPoster,
  type HandoffScheduler,
  lastShiftChange,
} from '../src/handoff/handoff-scheduler.ts';
import { IncidentLog } from '../src/incidents/incident-log.ts';
import { createLearner, type Learner } from '../src/learning/learner.ts';
import { atMostEvery, type Logger } from '../src/log.ts';
import type { LearnedEvidence } from '../src/matching/learned-evidence.ts';
import type { Matcher } from '../src/matching/matcher.ts';
import type { Store } from '../src/store/store.ts';
import {
  createKnowledgeHolder,
  type KnowledgeHolder,
  type LoadedKnowledge,
  watchKnowledge,
} from './knowledge-watch.ts';
import { createKubeClusterDirectory } from './kubernetes/kube-clusters.ts';
import { createLogger } from './logging.ts';
import { playgroundRoutes } from './playground/playground-routes.ts';
import { type BotMetrics, createBotMetrics, InFlight, instrumentBot, instrumentMatcher } from './server/bot-metrics.ts';
import { createHttpServer, type Route } from './server/http-server.ts';
import { opsRoutes } from './server/ops-routes.ts';
import type { Settings } from './settings.ts';
import { createSlackAdapter } from './slack/slack-adapter.ts';
import { createStore } from './store/create-store.ts';
import { createTeamsAdapter } from './teams/teams-adapter.ts';
import { isTeamsConversationId } from './teams/teams-poster.ts';

/** A chat platform (Slack, Teams) as the process runs it: routes on the shared server, a lifecycle. */
export interface ChatPlatform {
  readonly name: string;
  /** Served on the one port (Slack's /slack/events in HTTP mode, Teams' /api/messages). */
  readonly routes: readonly Route[];
  /** Connects (Socket Mode) or prepares; resolves when events can arrive. */
  start(): Promise<void>;
  /** Stops taking events; in-flight work is drained by the app. */
  stop(): Promise<void>;
  /** Posts outside a thread (the scheduled handoff); see routePoster for which platform gets which channel. */
  readonly poster?: HandoffPoster;
  /** Who is in which channel, where the platform can say (`/handoff #other`). */
  readonly membership?: ChannelMembership;
}

export interface AppOptions {
  readonly settings: Settings;
  /** Defaults to the process logger on stdout at the configured level (JSON; pretty in a terminal). */
  readonly log?: PinoLogger;
  /**
   * Defaults to the configured one (settings.store): SQLite in STATE_DIR, Redis, or memory. `describe()`
   * names it in the start line.
   */
  readonly store?: Store & { describe?(): string };
  /**
   * Reads the knowledge folder and builds the matcher over it, with `learned` as its learned field (the same
   * one on every reload); tests give a small one of their own.
   */
  readonly loadKnowledge: (
    config: Config,
    extras: { readonly learned: LearnedEvidence },
  ) => Promise<Pick<LoadedKnowledge, 'base' | 'matcher'>>;
  /** Commands added to those the areas provide (tests). */
  readonly commands?: readonly Command[];
  /** Where KUBECONFIG and HOME are read for /diagnose (kubectl's lookup); tests leave it empty. */
  readonly env?: Env;
}

export interface RunningApp {
  readonly port: number;
  readonly url: string;
  readonly bot: Bot;
  readonly metrics: BotMetrics;
  readonly knowledge: KnowledgeHolder;
  /** What the channel taught, kept in the store and synced from the other replicas. */
  readonly learner: Learner;
  readonly platforms: readonly string[];
  /** The store in use, without credentials: "sqlite /data/kube-support-bot.db", "redis redis://host:6379", "memory". */
  readonly store: string;
  /** Whether the web playground is served at `url`. */
  readonly playground: boolean;
  /** Stops taking events, finishes in-flight work (bounded by SHUTDOWN_TIMEOUT_MS), closes the store. */
  stop(reason?: string): Promise<void>;
}

export async function startApp(options: AppOptions): Promise<RunningApp> {
  const { settings } = options;
  const { config } = settings;
  const { loadKnowledge } = options;
  const inFlight = new InFlight();
  let holder: KnowledgeHolder | undefined;
  let learner: Learner | undefined;
  const metrics = createBotMetrics({
    inFlight: () => inFlight.size,
    knowledgeSections: () => holder?.current()?.base.sections.length ?? 0,
    learnedPairs: () => learnedPairs(learner),
  });
  const log: PinoLogger =
    options.log ?? createLogger({ level: config.logLevel, onError: (kind) => metrics.errors.inc({ kind }) });
  log.info({ settings: redactConfig(settings) }, 'starting');
  for (const warning of settings.warnings) log.warn({}, warning);

  // A store the caller gives (tests) is theirs to describe; the configured one says what and where it is.
  const created = options.store === undefined ? createStore(settings.store, log) : undefined;
  const store: Store & { describe?(): string } = options.store ?? created!;
  learner = createLearner({
    store,
    config: settings.learning,
    log: log.child({ component: 'learning' }),
    onChange: (change) => metrics.learned.inc({ change: change.change, kind: change.kind }),
  });
  // What the channel taught so far; a store that cannot answer yet leaves it to the next sync.
  await learner.sync().catch((err: unknown) => log.warn({ err }, 'learned evidence not loaded yet'));
  const learned = learner.view;
  // The load at start is not a reload: only the ones after it are counted.
  let loadedOnce = false;
  const knowledge = createKnowledgeHolder({
    load: () => loadKnowledge(config, { learned }),
    log: log.child({ component: 'knowledge' }),
    onReload: (result) => {
      if (loadedOnce) metrics.knowledgeReloads.inc({ result: result.ok ? 'ok' : 'rejected' });
    },
  });
  holder = knowledge;
  const first = await knowledge.reload();
  loadedOnce = true;
  const loaded = knowledge.current();
  if (!first.ok || !loaded)
    throw new Error(`knowledge could not be loaded from ${config.knowledge.dir}: ${first.ok ? '' : first.reason}`);

  // The bot keeps one matcher for its life; this one follows reloads.
  const matcher = instrumentMatcher(() => (knowledge.current() ?? loaded).matcher, metrics);
  const incidents = new IncidentLog({
    store,
    log: log.child({ component: 'incidents' }),
    retentionDays: settings.handoff.retentionDays,
  });
  // Filled once the bot exists (the adapters need it); the handoff asks them about membership later.
  const platforms: ChatPlatform[] = [];
  const core = createBot({
    matcher,
    store,
    log: log.child({ component: 'bot' }),
    language: config.language,
    commands: [
      ...diagnoseCommands(settings, { log, matcher, store, env: options.env ?? {} }),
      handoffCommand(settings, incidents, log, membershipOf(platforms)),
      ...(options.commands ?? []),
    ],
    recorder: incidents,
    ...(settings.learning.enabled ? { learning: learner } : {}),
  });
  const bot = instrumentBot(core, metrics, inFlight);

  if (settings.slack) {
    const slackConfig = settings.slack;
    const slack = createSlackAdapter({
      bot,
      config: slackConfig,
      store,
      log: log.child({ component: 'slack' }),
      language: config.language,
    });
    platforms.push({
      name: 'slack',
      // Socket Mode needs no inbound route; HTTP mode's events, commands and buttons all arrive here.
      routes:
        slackConfig.mode === 'http'
          ? [{ method: 'POST', path: '/slack/events', handler: (req, res) => slack.requestListener(req, res) }]
          : [],
      start: () => slack.start(),
      stop: () => slack.stop(),
      poster: slack.poster,
      membership: slack.membership,
    });
  }
  if (settings.teams) {
    const teams = createTeamsAdapter({ bot, config: settings.teams, log, store, language: config.language });
    platforms.push({
      name: 'teams',
      routes: [{ method: 'POST', path: teams.path, handler: (req, res) => teams.handle(req, res) }],
      start: () => teams.start(),
      stop: () => teams.stop(),
      ...(teams.poster ? { poster: teams.poster } : {}),
    });
  }
  const routes: Route[] = [
    ...opsRoutes(
      {
        knowledgeSections: () => knowledge.current()?.base.sections.length,
        store,
        ...(created ? { storeInfo: created.info } : {}),
        accepting: () => inFlight.accepting,
      },
      metrics.registry,
    ),
    ...platforms.flatMap((p) => p.routes.map((r) => ({ ...r, events: r.events ?? true }))),
    ...(settings.playground
      ? playgroundRoutes({
          bot,
          language: config.language,
          access: config.playgroundOrigin === undefined ? {} : { origin: config.playgroundOrigin },
          learned: (sectionId) => learner?.list().filter((p) => p.section === sectionId) ?? [],
          knowledge: () => {
            const current = knowledge.current();
            return current ? { sections: current.base.sections, matcher } : undefined;
          },
        })
      : []),
  ];
  const busyLog = atMostEvery(10_000);
  const http = createHttpServer({
    routes,
    log,
    accepting: () => inFlight.accepting,
    // Work waiting in the process holds memory; work refused waits in Slack's and Teams' retries instead.
    busy: () => inFlight.size >= config.server.maxInFlight,
    onRefused: (reason) => {
      metrics.eventsRefused.inc({ reason });
      if (reason === 'busy' && busyLog.due()) {
        log.warn({ inFlight: inFlight.size, limit: config.server.maxInFlight }, 'busy: refusing chat events with 503');
      }
    },
  });
  let port: number;
  try {
    port = await http.listen(config.server.port, config.server.host);
  } catch (err) {
    // Nothing runs yet but the store's connection: let it go so the caller can report and exit.
    await settle(log, 'incidents', () => incidents.close());
    await settle(log, 'store', () => closeStore(store));
    throw err;
  }
  const stopWatch = config.knowledge.watch
    ? watchKnowledge(config.knowledge.dir, () => void knowledge.reload(), { log })
    : () => {};
  for (const platform of platforms) await platform.start();
  const jobs: (() => Promise<void> | void)[] = [];
  // Presses taken by other replicas reach this one's matcher within a sync.
  learner.start();
  jobs.push(() => learner?.stop());
  const scheduler = startHandoffScheduler(settings, { store, incidents, platforms, log });
  if (scheduler) jobs.push(() => scheduler.stop());

  const host = config.server.host === '0.0.0.0' || config.server.host === '::' ? '127.0.0.1' : config.server.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log.info(
    { port, platforms: platforms.map((p) => p.name), playground: settings.playground ? url : undefined },
    'listening',
  );

  let stopping: Promise<void> | undefined;
  const stop = (reason = 'stop'): Promise<void> => {
    stopping ??= (async () => {
      log.info({ reason, inFlight: inFlight.size }, 'shutting down');
      inFlight.close();
      stopWatch();
      for (const stopJob of jobs) await settle(log, 'job', () => stopJob());
      for (const platform of platforms) await settle(log, platform.name, () => platform.stop());
      const drained = await inFlight.drain(config.server.shutdownTimeoutMs);
      if (!drained) log.warn({ inFlight: inFlight.size }, 'shutdown timeout: work still in flight');
      await settle(log, 'http', () => http.close(1000));
      await settle(log, 'incidents', () => incidents.close());
      await settle(log, 'store', () => closeStore(store));
      log.info({ drained }, 'stopped');
      log.flush();
    })();
    return stopping;
  };

  return {
    port,
    url,
    bot,
    metrics,
    knowledge,
    learner,
    platforms: platforms.map((p) => p.name),
    store: store.describe?.() ?? store.constructor.name,
    playground: settings.playground,
    stop,
  };
}

/**
 * /handoff over the incident record; windows default to the channel's last scheduled shift change, and
 * another channel is shown when HANDOFF_CHANNEL_ACCESS or the platform's membership check allows it.
 */
function handoffCommand(
  settings: Settings,
  incidents: IncidentLog,
  log: Logger,
  membership: ChannelMembership,
): Command {
  const handoff = settings.handoff;
  return createHandoffCommand({
    incidents,
    timeZone: handoff.timeZone,
    language: settings.config.language,
    retentionDays: handoff.retentionDays,
    membership,
    ...(handoff.channelAccess === undefined ? {} : { channelAccess: handoff.channelAccess }),
    log: log.child({ component: 'handoff' }),
    lastShiftChange: (channel, nowMs) => lastShiftChange(handoff.schedules, channel, nowMs),
  });
}

/** The scheduled handoffs, when HANDOFF_SCHEDULES names any and a chat platform can post. */
function startHandoffScheduler(
  settings: Settings,
  deps: { store: Store; incidents: IncidentLog; platforms: readonly ChatPlatform[]; log: Logger },
): HandoffScheduler | undefined {
  const schedules = settings.handoff.schedules;
  if (schedules.length === 0) return undefined;
  const poster = routePoster(deps.platforms);
  if (!poster) {
    deps.log.warn(
      { schedules: schedules.length },
      'HANDOFF_SCHEDULES set but no chat platform can post: not scheduled',
    );
    return undefined;
  }
  const scheduler = createHandoffScheduler({
    schedules,
    store: deps.store,
    incidents: deps.incidents,
    poster,
    language: settings.config.language,
    log: deps.log,
  });
  scheduler.start();
  return scheduler;
}

/**
 * One poster for every scheduled channel: Teams conversation ids (`19:…@thread.…`) go to Teams, the rest to
 * Slack, so a deployment with both posts each channel's handoff on its own platform.
 */
export function routePoster(platforms: readonly ChatPlatform[]): HandoffPoster | undefined {
  const slack = platforms.find((p) => p.name === 'slack')?.poster;
  const teams = platforms.find((p) => p.name === 'teams')?.poster;
  if (!slack || !teams) return slack ?? teams;
  return { post: (channel, reply) => (isTeamsConversationId(channel) ? teams : slack).post(channel, reply) };
}

/** The membership check of the platform a command came from; platforms without one say no. */
export function membershipOf(platforms: readonly ChatPlatform[]): ChannelMembership {
  return {
    isMember: async (who, channel, signal) =>
      (await platforms.find((p) => p.name === who.platform)?.membership?.isMember(who, channel, signal)) ?? false,
  };
}

/** /diagnose, when a kubeconfig or the in-cluster ServiceAccount is there; otherwise one saying what to set. */
function diagnoseCommands(
  settings: Settings,
  deps: { readonly log: Logger; readonly matcher: Matcher; readonly store: Store; readonly env: Env },
): Command[] {
  const { diagnosis } = settings;
  try {
    const clusters = createKubeClusterDirectory({ ...diagnosis, env: deps.env });
    deps.log.info({ clusters: clusters.clusters, default: clusters.defaultCluster }, 'diagnose enabled');
    return [
      createDiagnoseCommand({
        clusters,
        matcher: deps.matcher,
        log: deps.log.child({ component: 'diagnose' }),
        store: deps.store,
        access: diagnosis.access,
        defaultNamespace: diagnosis.defaultNamespace,
        budgetMs: diagnosis.budgetMs,
        language: settings.config.language,
      }),
    ];
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    deps.log.warn({ reason: message }, 'diagnose is off');
    // /diagnose still answers: its usage, and what to set to turn it on.
    const reason = isBotError(err)
      ? { en: err.userMessageIn('en') ?? message, ko: err.userMessageIn('ko') ?? message }
      : { en: message, ko: message };
    return [createDiagnoseOffCommand({ reason, language: settings.config.language })];
  }
}

function learnedPairs(learner: Learner | undefined): Record<string, number> {
  const counts: Record<string, number> = { confirm: 0, reject: 0 };
  const nowMs = Date.now();
  for (const pair of learner?.view.pairs() ?? [])
    if (pair.expiresAtMs > nowMs) counts[pair.kind] = (counts[pair.kind] ?? 0) + 1;
  return counts;
}

async function closeStore(store: Store): Promise<void> {
  const closable = store as Store & { close?: () => Promise<void> };
  await closable.close?.();
}

async function settle(log: Logger, what: string, work: () => Promise<void> | void): Promise<void> {
  try {
    await work();
  } catch (err) {
    log.error({ err, what }, 'shutdown step failed');
  }
}
