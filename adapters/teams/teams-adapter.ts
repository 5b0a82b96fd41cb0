/**
 * The Teams chat adapter: a node `(req, res)` handler for POST /api/messages, mounted on the shared
 * server by the composition root, plus start/stop. Authentication, token checks and outgoing calls stay
 * inside CloudAdapter (bot-framework.ts); the turn logic is in turn-handler.ts.
 */
import type { IncomingMessage as HttpRequest, ServerResponse } from 'node:http';
import type { Bot } from '../../src/bot-api.ts';
import type { Language } from '../../src/i18n/messages.ts';
import type { Logger } from '../../src/log.ts';
import type { Store } from '../../src/store/store.ts';
import { createDeliveryClaims } from '../delivery-claims.ts';
import { type BotFramework, createBotFramework } from './bot-framework.ts';
import { createInFlight } from './in-flight.ts';
import type { ProactiveSender } from './teams-activity.ts';
import { redactTeamsConfig, type TeamsConfig } from './teams-config.ts';
import { createTeamsPoster, type TeamsPoster } from './teams-poster.ts';
import { createTurnHandler } from './turn-handler.ts';

export interface TeamsAdapterDeps {
  readonly bot: Bot;
  readonly config: TeamsConfig;
  readonly log: Logger;
  /**
   * Keeps conversation references for proactive posts (without it only replies in a turn work) and runs
   * a command or a button press Teams sends twice once.
   */
  readonly store?: Store;
  /** The language of the cards' own words (buttons, notes); use the core's. Default Korean. */
  readonly language?: Language;
  /** Largest request body accepted, in bytes (default 1 MB; Teams messages are capped near 28 KB). */
  readonly maxBodyBytes?: number;
}

export interface TeamsAdapter {
  readonly name: 'teams';
  /** The path the handler serves; Azure Bot's messaging endpoint is https://<host>/api/messages. */
  readonly path: '/api/messages';
  /** Node request handler for `path`. Never rejects: every failure becomes an HTTP status. */
  handle(req: HttpRequest, res: ServerResponse): Promise<void>;
  start(): Promise<void>;
  /** Refuses new requests (503), then waits for turns and background updates in progress. */
  stop(): Promise<void>;
  /** For posting outside a turn. */
  readonly proactive: ProactiveSender;
  /**
   * The handoff scheduler's port for Teams conversations (`19:…@thread.…` ids, see
   * `isTeamsConversationId`); present when a store was given, since it remembers where conversations are.
   */
  readonly poster?: TeamsPoster;
}

const defaultMaxBodyBytes = 1024 * 1024;

function answer(res: ServerResponse, status: number, message?: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { ...(message ? { 'content-type': 'text/plain; charset=utf-8' } : {}), ...headers });
  res.end(message);
}

class BodyTooLarge extends Error {}

async function readBody(req: HttpRequest, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) throw new BodyTooLarge(`body over ${maxBytes} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A Bot Framework token is a JWT: three base64url parts. Anything else is refused before the SDK sees it. */
function hasBearerJwt(req: HttpRequest): boolean {
  return /^Bearer [\w-]+\.[\w-]+\.[\w-]*$/.test(req.headers.authorization ?? '');
}

/**
 * What the SDK needs of an activity before it can answer at all: without a type it throws, and without
 * a serviceUrl it would send the reply to the public Bot Framework service.
 */
function activityProblem(activity: Record<string, unknown>): string | undefined {
  if (typeof activity['type'] !== 'string' || activity['type'] === '') return 'its type is missing';
  const serviceUrl = activity['serviceUrl'];
  if (typeof serviceUrl !== 'string' || !/^https?:\/\/[^\s/]/i.test(serviceUrl)) return 'its serviceUrl is missing';
  return undefined;
}

export function createTeamsAdapter(deps: TeamsAdapterDeps): TeamsAdapter {
  const log = deps.log.child({ adapter: 'teams' });
  const { config } = deps;
  const maxBodyBytes = deps.maxBodyBytes ?? defaultMaxBodyBytes;
  const framework: BotFramework = createBotFramework(config, log);
  const inFlight = createInFlight(log);
  const poster = deps.store
    ? createTeamsPoster({
        store: deps.store,
        proactive: framework.proactive,
        log,
        ...(deps.language ? { language: deps.language } : {}),
      })
    : undefined;
  const handler = createTurnHandler({
    bot: deps.bot,
    proactive: framework.proactive,
    inFlight,
    log,
    ...(deps.language ? { language: deps.language } : {}),
    ...(poster ? { seen: (ref, place) => poster.remember(ref, place.conversationId) } : {}),
    ...(deps.store ? { deliveries: createDeliveryClaims({ store: deps.store, log }) } : {}),
  });
  const active = new Set<Promise<void>>();
  let stopped = false;

  if (!config.authenticated) {
    log.warn(
      { env: 'TEAMS_ALLOW_UNAUTHENTICATED' },
      'TEAMS AUTHENTICATION IS OFF: /api/messages accepts requests from anyone. Use only for local tries and tests; set TEAMS_APP_ID and TEAMS_APP_PASSWORD in any shared or public deployment.',
    );
  } else {
    log.info({ config: redactTeamsConfig(config) }, 'teams adapter configured');
  }

  async function serve(req: HttpRequest, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return answer(res, 405, 'POST only', { allow: 'POST' });
    if (config.authenticated && !hasBearerJwt(req)) {
      // Drain the body so the connection can be reused, without reading it into memory.
      req.resume();
      log.warn({ remote: req.socket.remoteAddress }, 'teams request without a Bot Framework token refused');
      return answer(res, 401, 'Unauthorized: a Bot Framework bearer token is required');
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req, maxBodyBytes));
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        req.resume();
        return answer(res, 413, `Request body over ${maxBodyBytes} bytes`, { connection: 'close' });
      }
      return answer(res, 400, 'Request body is not valid JSON');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return answer(res, 400, 'Request body must be a Bot Framework activity (a JSON object)');
    }
    const problem = activityProblem(body as Record<string, unknown>);
    if (problem) return answer(res, 400, `Request body must be a Bot Framework activity: ${problem}`);
    if (config.authenticated) {
      const verdict = await framework.authenticate(body as Record<string, unknown>, req.headers.authorization ?? '');
      if (!verdict.ok) {
        log.warn(
          { remote: req.socket.remoteAddress, reason: verdict.reason },
          'teams request with an invalid token refused',
        );
        return answer(res, 401, 'Unauthorized: the Bot Framework token is not valid');
      }
    }
    await framework.process(req, body as Record<string, unknown>, res, handler);
  }

  return {
    name: 'teams',
    path: '/api/messages',
    proactive: framework.proactive,
    ...(poster ? { poster } : {}),
    async handle(req, res) {
      if (stopped) return answer(res, 503, 'Shutting down', { 'retry-after': '5' });
      const work = serve(req, res).catch((err: unknown) => {
        log.error({ err }, 'teams request failed');
        answer(res, 500, 'Internal error');
      });
      active.add(work);
      try {
        await work;
      } finally {
        active.delete(work);
      }
    },
    async start() {
      stopped = false;
    },
    async stop() {
      stopped = true;
      await Promise.allSettled([...active]);
      await inFlight.drain();
    },
  };
}
