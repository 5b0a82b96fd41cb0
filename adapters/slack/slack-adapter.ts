/**
 * The Slack adapter: Bolt wiring around the neutral core. It filters and maps events in (from-slack),
 * calls the bot, and renders what comes back (to-block-kit). Tokens, signatures and sockets stay inside
 * Bolt. Socket Mode needs no public address; HTTP mode exposes a request listener for /slack/events that
 * the shared server routes to (or listens on its own port when asked).
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage as HttpRequest, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  App,
  ErrorCode as BoltErrorCode,
  type Logger as BoltLogger,
  HTTPReceiver,
  LogLevel,
  webApi,
} from '@slack/bolt';
import type { ChannelMembership } from '../../src/access/channel-membership.ts';
import type { Bot } from '../../src/bot-api.ts';
import { commandName } from '../../src/commands/parse-command.ts';
import { BotError, ErrorCode } from '../../src/errors.ts';
import type { Language } from '../../src/i18n/messages.ts';
import { type Logger, throttledWarning } from '../../src/log.ts';
import type { ActionKind, Reply } from '../../src/message.ts';
import type { Store } from '../../src/store/store.ts';
import { createDeliveryClaims } from '../delivery-claims.ts';
import { BodyTooLarge, readBody } from '../server/http-server.ts';
import { filesOf, fromSlackEvent, type SlackMessageEvent } from './from-slack.ts';
import { defaultSlackApiUrl, type SlackConfig } from './slack-config.ts';
import { readSharedText } from './slack-files.ts';
import { createSlackMembership } from './slack-membership.ts';
import { checkSlackHeaders, slackBodyProblem } from './slack-request.ts';
import { actionIdPrefix, toBlockKit } from './to-block-kit.ts';
import { createWebApiTransport } from './web-api-transport.ts';

export interface SlackAdapterDeps {
  readonly bot: Bot;
  readonly config: SlackConfig;
  /** De-duplicates Slack's deliveries (events, commands, button presses); share it between replicas (Redis). */
  readonly store: Store;
  readonly log: Logger;
  /** Button labels and other words of the bot. Default Korean. */
  readonly language?: Language;
  /**
   * HTTP mode only: listen on this port itself. Leave unset when the shared server routes /slack/events
   * to `requestListener`.
   */
  readonly listen?: { readonly port: number; readonly host?: string };
  /** Web API retries (429s always wait for Retry-After first). Default: 5 retries within about a minute. */
  readonly retryConfig?: webApi.RetryOptions;
  /** HTTP mode: answer Slack only after the listener finished (tests use it for determinism). */
  readonly processBeforeResponse?: boolean;
}

export interface SlackAdapter {
  readonly name: 'slack';
  start(): Promise<void>;
  /** Stops taking events and waits (bounded) for the replies in flight. */
  stop(): Promise<void>;
  /** HTTP mode: the node listener for POST /slack/events. Answers 503 before start() and 404 elsewhere. */
  readonly requestListener: (req: HttpRequest, res: ServerResponse) => void;
  /** The port of the adapter's own server (HTTP mode with `listen`), once started. */
  port(): number | undefined;
  /** Posts a top-level message in a channel (scheduled handoffs), rendered as replies are. */
  readonly poster: { post(channel: string, reply: Reply): Promise<void> };
  /** Whether a user is in a channel, as Slack says (`/handoff #channel`). */
  readonly membership: ChannelMembership;
}

/** Bolt's HTTPReceiver path for events, commands and buttons alike. */
const eventsPath = '/slack/events';
const drainTimeoutMs = 10_000;
const defaultRetry: webApi.RetryOptions = { retries: 5, factor: 2, minTimeout: 250, maxTimeout: 15_000 };

export function createSlackAdapter(deps: SlackAdapterDeps): SlackAdapter {
  const { bot, store, log } = deps;
  const config = { ...deps.config, apiUrl: deps.config.apiUrl ?? defaultSlackApiUrl };
  const language = deps.language ?? 'ko';
  const transport = createWebApiTransport();
  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl: config.apiUrl,
    fetch: transport.fetch,
    retryConfig: deps.retryConfig ?? defaultRetry,
    logger: toBoltLogger(log.child({ component: 'slack-web-api' })),
  };
  const deliveries = createDeliveryClaims({ store, log });
  const inFlight = new Set<Promise<unknown>>();
  let app: App | undefined;
  let receiver: HTTPReceiver | undefined;
  let server: Server | undefined;
  let workspaceUrl: string | undefined;
  let stopping = false;

  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work)).catch(() => undefined);
    return work;
  };

  // A flood of forged requests must not become a flood of log lines.
  const refusedLog = throttledWarning(log, 'slack request refused');
  const refuse = (req: HttpRequest, res: ServerResponse, status: 401 | 413, reason: string): void => {
    refusedLog({ reason, status, remote: req.socket.remoteAddress });
    // The rest of the body is not read: the connection closes after the answer.
    res.writeHead(status, { connection: 'close' }).end();
  };

  /** Headers first, then the body within its bound; Bolt gets the body already read (its `rawBody`). */
  async function admit(req: HttpRequest, res: ServerResponse): Promise<void> {
    const verdict = checkSlackHeaders(req.headers, Date.now());
    if (!verdict.ok) return refuse(req, res, 401, verdict.reason);
    let body: Buffer;
    try {
      body = await readBody(req, verdict.maxBodyBytes);
    } catch (err) {
      if (!(err instanceof BodyTooLarge)) throw err;
      return verdict.signed
        ? refuse(req, res, 413, `body over ${verdict.maxBodyBytes} bytes`)
        : refuse(req, res, 401, 'unsigned body over an ssl_check');
    }
    const problem = slackBodyProblem(req.headers['content-type'], body);
    if (problem) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end(`${problem}\n`);
      return;
    }
    Object.assign(req, { rawBody: body });
    handOver(req, res);
  }

  const requestListener = (req: HttpRequest, res: ServerResponse): void => {
    if (!receiver || stopping) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('not ready');
      return;
    }
    if (req.method === 'POST' && (req.url ?? '').split('?', 1)[0] === eventsPath) {
      admit(req, res).catch((err: unknown) => {
        log.error({ err }, 'slack request failed');
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    handOver(req, res);
  };

  function handOver(req: HttpRequest, res: ServerResponse): void {
    if (!receiver) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('not ready');
      return;
    }
    try {
      receiver.requestListener(req, res);
    } catch (err) {
      if ((err as { code?: string }).code === BoltErrorCode.HTTPReceiverDeferredRequestError) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      log.error({ err }, 'slack request failed');
      if (!res.headersSent) res.writeHead(500).end();
    }
  }

  function permalink(channel: string, ts: string): string | undefined {
    return workspaceUrl ? `${workspaceUrl}archives/${channel}/p${ts.replace('.', '')}` : undefined;
  }

  // Blocks go as the JSON string the form-encoded call carries anyway: the client would otherwise walk
  // them twice more (redacting them for a debug line nobody reads, then encoding). The SDK types them as
  // its block union, hence the cast.
  async function post(client: webApi.WebClient, channel: string, reply: Reply, threadTs?: string) {
    const rendered = toBlockKit(reply, { language });
    const result = await client.chat.postMessage({
      channel,
      text: rendered.text,
      blocks: JSON.stringify(rendered.blocks) as never,
      unfurl_links: false,
      unfurl_media: false,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    });
    return result.ts;
  }

  async function update(client: webApi.WebClient, channel: string, ts: string, reply: Reply): Promise<void> {
    const rendered = toBlockKit(reply, { language });
    await client.chat.update({
      channel,
      ts,
      text: rendered.text,
      blocks: JSON.stringify(rendered.blocks) as never,
    });
  }

  /** Posts a reply to a message in its thread and tells the bot where it went. */
  async function deliver(
    client: webApi.WebClient,
    reply: Reply,
    where: { team?: string; channel: string; threadTs: string },
  ) {
    const ts = await post(client, where.channel, reply, where.threadTs);
    const link = permalink(where.channel, where.threadTs);
    if (ts) {
      await bot.posted?.(reply, {
        platform: 'slack',
        conversationId: where.channel,
        threadId: where.threadTs,
        messageId: ts,
        ...(where.team ? { workspaceId: where.team } : {}),
        ...(link ? { permalink: link } : {}),
      });
    }
    for (const u of reply.updates ?? []) {
      await update(client, u.conversationId, u.messageId, u.reply).catch((err: unknown) =>
        log.warn({ err, channel: u.conversationId }, 'earlier reply not updated'),
      );
    }
  }

  function wire(instance: App, botUserId: string, botId: string): void {
    const client = instance.client;

    // Slack retries events, and a command or a button press can arrive twice; replicas share them all. One
    // run per event id, and per trigger id for commands and buttons (which Slack gives each invocation).
    instance.use(async (args) => {
      const key = deliveryKey(args.body);
      const redelivery = (args.context.retryNum ?? 0) > 0;
      if (key && !(await deliveries.take(key, { redelivery }))) {
        // Commands and buttons still want their acknowledgement, or Slack shows the user an error.
        const { ack } = args as { ack?: () => Promise<void> };
        await ack?.();
        return;
      }
      await args.next();
    });

    const onMessage = async (event: SlackMessageEvent, teamId: string | undefined) => {
      const preview = fromSlackEvent(event, { botUserId, botId, ...(teamId ? { teamId } : {}) });
      if (!preview) return;
      const files = filesOf(event);
      const shared =
        files.length > 0
          ? await readSharedText(files, { client, token: config.botToken, apiUrl: config.apiUrl, log })
          : undefined;
      const read = shared?.text
        ? fromSlackEvent(event, {
            botUserId,
            botId,
            fileText: shared.text,
            fileTextCut: shared.cut,
            ...(teamId ? { teamId } : {}),
          })!
        : preview;
      const link = permalink(read.conversationId, read.threadId ?? read.id);
      const message = link ? { ...read, permalink: link } : read;
      const reply = await bot.handle(message);
      if (!reply) return;
      await deliver(client, reply, {
        channel: message.conversationId,
        threadTs: message.threadId ?? message.id,
        ...(teamId ? { team: teamId } : {}),
      });
    };

    instance.event('message', async ({ event, body }) => {
      await track(onMessage(event as unknown as SlackMessageEvent, (body as { team_id?: string }).team_id));
    });
    instance.event('app_mention', async ({ event, body }) => {
      await track(onMessage(event as unknown as SlackMessageEvent, (body as { team_id?: string }).team_id));
    });

    instance.event('reaction_added', async ({ event, body }) => {
      if (event.item.type !== 'message') return;
      const teamId = (body as { team_id?: string }).team_id;
      await track(
        bot.reaction({
          name: event.reaction,
          platform: 'slack',
          conversationId: event.item.channel,
          messageId: event.item.ts,
          userId: event.user,
          ...(teamId ? { workspaceId: teamId } : {}),
        }),
      );
    });

    instance.command(/^\/\w+/, async ({ command, ack, respond }) => {
      await ack(); // first, always: Slack gives three seconds
      await track(
        (async () => {
          const outcome = bot.command({
            ...commandName(command.command),
            args: command.text ?? '',
            platform: 'slack',
            workspaceId: command.team_id,
            conversationId: command.channel_id,
            userId: command.user_id,
            userName: command.user_name,
          });
          const channel = command.channel_id;
          if (outcome.progress) {
            const ts = await post(client, channel, outcome.progress).catch((err: unknown) => {
              log.info({ err, channel }, 'progress not posted in the channel; answering through response_url');
              return undefined;
            });
            const result = await outcome.result;
            if (ts) {
              await update(client, channel, ts, result);
              const link = permalink(channel, ts);
              await bot.posted?.(result, {
                platform: 'slack',
                workspaceId: command.team_id,
                conversationId: channel,
                threadId: ts,
                messageId: ts,
                ...(link ? { permalink: link } : {}),
              });
              return;
            }
            await respond({ response_type: 'in_channel', ...toBlockKit(result, { language }) } as never);
            return;
          }
          const result = await outcome.result;
          // Help, usage and "not configured" are for the person who typed the command alone.
          const personal = ['help', 'usage', 'info', 'error'].includes(result.kind);
          if (!personal) {
            const ts = await post(client, channel, result).catch(() => undefined);
            if (ts) return;
          }
          await respond({
            response_type: personal ? 'ephemeral' : 'in_channel',
            ...toBlockKit(result, { language }),
          } as never);
        })(),
      );
    });

    // `show:<n>`: the button beside an unsure reply's candidate n (action ids are unique within a message).
    instance.action(
      new RegExp(`^${actionIdPrefix}(resolve|dismiss|more|show(?::\\d{1,2})?)$`),
      async ({ ack, body, action }) => {
        await ack();
        const b = body as {
          user: { id: string; name?: string; username?: string };
          channel?: { id: string };
          message?: { ts: string; thread_ts?: string };
          team?: { id: string } | null;
        };
        const a = action as { action_id: string; value?: string };
        // The bot's own user never presses its buttons: such a payload is not a person's feedback.
        if (!b.channel || !b.message || !a.value || b.user.id === botUserId) return;
        const channel = b.channel.id;
        const message = b.message;
        const userName = b.user.name ?? b.user.username;
        await track(
          (async () => {
            const outcome = await bot.action({
              kind: a.action_id.slice(actionIdPrefix.length).split(':')[0] as ActionKind,
              replyId: a.value!,
              platform: 'slack',
              conversationId: channel,
              threadId: message.thread_ts ?? message.ts,
              userId: b.user.id,
              ...(userName ? { userName } : {}),
              ...(b.team?.id ? { workspaceId: b.team.id } : {}),
            });
            if (outcome.update) await update(client, channel, message.ts, outcome.update);
            if (outcome.followUp) await post(client, channel, outcome.followUp, message.thread_ts ?? message.ts);
          })(),
        );
      },
    );

    instance.error(async (error) => {
      log.error({ err: error }, 'slack delivery failed');
    });
  }

  async function authenticate(): Promise<{ userId: string; botId: string }> {
    const probe = new webApi.WebClient(config.botToken, clientOptions);
    try {
      const auth = await probe.auth.test();
      if (!auth.user_id || !auth.bot_id)
        throw new Error('auth.test did not name a bot user: is SLACK_BOT_TOKEN a bot token?');
      workspaceUrl = auth.url ? (auth.url.endsWith('/') ? auth.url : `${auth.url}/`) : undefined;
      return { userId: auth.user_id, botId: auth.bot_id };
    } catch (err) {
      const code = (err as { data?: { error?: string } }).data?.error;
      throw new BotError(
        ErrorCode.ConfigInvalid,
        code
          ? `Slack refused SLACK_BOT_TOKEN (${code}) at ${config.apiUrl}auth.test`
          : `Slack Web API at ${config.apiUrl} could not be reached to check SLACK_BOT_TOKEN`,
        { cause: err },
      );
    }
  }

  return {
    name: 'slack',
    requestListener,
    port: () => (server?.address() as AddressInfo | null)?.port,
    poster: {
      async post(channel, reply) {
        await post(app?.client ?? new webApi.WebClient(config.botToken, clientOptions), channel, reply);
      },
    },
    membership: createSlackMembership(
      () => app?.client ?? new webApi.WebClient(config.botToken, clientOptions),
      log.child({ component: 'slack-membership' }),
    ),

    async start() {
      stopping = false;
      // Checked here rather than inside Bolt's constructor, whose failure would be an unhandled rejection.
      const auth = await authenticate();
      const common = {
        token: config.botToken,
        botId: auth.botId,
        botUserId: auth.userId,
        clientOptions,
        logger: toBoltLogger(log.child({ component: 'bolt' })),
        convoStore: false as const,
      };
      if (config.mode === 'socket') {
        app = new App({ ...common, appToken: config.appToken!, socketMode: true });
        wire(app, auth.userId, auth.botId);
        await app.start();
        log.info({ mode: 'socket' }, 'slack connected');
        return;
      }
      receiver = new HTTPReceiver({
        signingSecret: config.signingSecret!,
        processBeforeResponse: deps.processBeforeResponse ?? false,
        logger: common.logger,
      });
      app = new App({ ...common, receiver });
      wire(app, auth.userId, auth.botId);
      if (deps.listen) {
        server = createServer(requestListener);
        server.listen(deps.listen.port, deps.listen.host ?? '0.0.0.0');
        await once(server, 'listening');
      }
      log.info({ mode: 'http', port: (server?.address() as AddressInfo | null | undefined)?.port }, 'slack ready');
    },

    async stop() {
      stopping = true;
      if (server) {
        const closing = new Promise<void>((resolve) => server!.close(() => resolve()));
        server.closeIdleConnections();
        await closing;
        server = undefined;
      }
      if (app && config.mode === 'socket') await app.stop().catch((err: unknown) => log.warn({ err }, 'slack stop'));
      const drained = Promise.allSettled([...inFlight]);
      await Promise.race([drained, new Promise((r) => setTimeout(r, drainTimeoutMs).unref())]);
      app = undefined;
      receiver = undefined;
      transport.close();
    },
  };
}

/** The id of one Slack delivery: the event id of an event, the trigger id of a command or a button press. */
export function deliveryKey(body: unknown): string | undefined {
  const { event_id: eventId, trigger_id: triggerId } = body as { event_id?: unknown; trigger_id?: unknown };
  if (typeof eventId === 'string' && eventId !== '') return `slack:event:${eventId}`;
  if (typeof triggerId === 'string' && triggerId !== '') return `slack:trigger:${triggerId}`;
  return undefined;
}

/**
 * Our Logger as Bolt's: Bolt logs strings, ours takes an object first. Bolt and the Web API client call
 * `debug` on every event whatever the level, so messages below the level are dropped before they are
 * formatted (formatting them cost more than the rest of the delivery).
 */
export function toBoltLogger(log: Logger, initial: LogLevel = LogLevel.INFO): BoltLogger {
  const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];
  let level = initial;
  const write =
    (fn: 'debug' | 'info' | 'warn' | 'error', at: LogLevel) =>
    (...msg: unknown[]) => {
      if (order.indexOf(at) < order.indexOf(level)) return;
      const text = msg
        .map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m)))
        .join(' ');
      log[fn]({}, text.length > 2000 ? `${text.slice(0, 2000)}…` : text);
    };
  return {
    debug: write('debug', LogLevel.DEBUG),
    info: write('info', LogLevel.INFO),
    warn: write('warn', LogLevel.WARN),
    error: write('error', LogLevel.ERROR),
    setLevel(l) {
      level = l;
    },
    getLevel: () => level,
    setName() {},
  };
}
