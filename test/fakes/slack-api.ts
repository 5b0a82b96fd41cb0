/**
 * Slack's side on loopback: the Web API (form-encoded POSTs under /api/, answered like Slack), the
 * `response_url` endpoint of slash commands, private file downloads, and the Socket Mode WebSocket
 * (apps.connections.open → ws://127.0.0.1:<port>/link). Everything it receives is recorded.
 */
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface ApiCall {
  readonly method: string;
  readonly params: Record<string, string>;
  readonly token: string | undefined;
  /** True when the fake refused the call with a 429. */
  rateLimited?: boolean;
}

export interface ResponseUrlPost {
  readonly path: string;
  readonly body: Record<string, unknown>;
}

export interface FakeSlackApi {
  /** Base for `slackApiUrl`, with the trailing slash. */
  readonly apiUrl: string;
  /** Base of this server, for response_url and file URLs. */
  readonly origin: string;
  readonly calls: ApiCall[];
  readonly responses: ResponseUrlPost[];
  readonly acks: Record<string, unknown>[];
  callsTo(method: string): ApiCall[];
  /** Blocks of a recorded call, parsed. */
  blocksOf(call: ApiCall): { type: string; [key: string]: unknown }[];
  /** Resolves once `predicate` holds over the recorded calls; rejects after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  /** The next `times` calls to `method` answer 429 with `Retry-After: retryAfterSec`. */
  rateLimit(method: string, times: number, retryAfterSec: number): void;
  /** Serves `content` at /files/<name> (with the bot token only) and returns its URL. */
  serveFile(name: string, content: string | Buffer, contentType?: string): string;
  /** Answers files.info for `id` with this file object. */
  fileInfo(id: string, file: Record<string, unknown>): void;
  /** Answers conversations.members for `channel` with these users (in pages of the call's `limit`). */
  channelMembers(channel: string, users: readonly string[]): void;
  /** Socket Mode: sends an envelope to every connected client. */
  sendEnvelope(envelope: Record<string, unknown>): void;
  socketClients(): number;
  /** Calls `listener` for every Web API call as it arrives; returns the unsubscribe function. */
  onCall(listener: (call: ApiCall) => void): () => void;
  close(): Promise<void>;
}

export async function startFakeSlackApi(options: { botToken?: string } = {}): Promise<FakeSlackApi> {
  const botToken = options.botToken ?? 'xoxb-test';
  const calls: ApiCall[] = [];
  const responses: ResponseUrlPost[] = [];
  const acks: Record<string, unknown>[] = [];
  const limits = new Map<string, { times: number; retryAfterSec: number }>();
  const files = new Map<string, { content: Buffer; contentType: string }>();
  const infos = new Map<string, Record<string, unknown>>();
  const members = new Map<string, readonly string[]>();
  const sockets = new Set<WebSocket>();
  const listeners = new Set<(call: ApiCall) => void>();
  const ts = 1_700_000_000;
  let seq = 0;
  const nextTs = () => `${ts}.${String(++seq).padStart(6, '0')}`;

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      res.writeHead(500).end(String(err));
    });
  });
  const wss = new WebSocketServer({ server, path: '/link' });
  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('message', (data) => acks.push(JSON.parse(String(data)) as Record<string, unknown>));
    socket.send(JSON.stringify({ type: 'hello', num_connections: 1 }));
  });

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');

    if (url.pathname.startsWith('/files/')) {
      const file = files.get(url.pathname.slice('/files/'.length));
      if (!file || req.headers.authorization !== `Bearer ${botToken}`) {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html>sign in</html>');
        return;
      }
      res.writeHead(200, { 'content-type': file.contentType }).end(file.content);
      return;
    }
    if (url.pathname.startsWith('/response_url/')) {
      responses.push({ path: url.pathname, body: JSON.parse(raw || '{}') as Record<string, unknown> });
      res.writeHead(200).end('ok');
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      res.writeHead(404).end();
      return;
    }
    const method = url.pathname.slice('/api/'.length);
    const params = Object.fromEntries(new URLSearchParams(raw));
    const token = req.headers.authorization?.replace(/^Bearer /, '');
    const call: ApiCall = { method, params, token };
    calls.push(call);
    for (const listener of listeners) listener(call);

    const limit = limits.get(method);
    if (limit && limit.times > 0) {
      limit.times -= 1;
      call.rateLimited = true;
      res.writeHead(429, { 'retry-after': String(limit.retryAfterSec), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const json = (body: Record<string, unknown>) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    switch (method) {
      case 'auth.test':
        if (token !== botToken) return json({ ok: false, error: 'invalid_auth' });
        return json({
          ok: true,
          url: 'https://acme.slack.com/',
          team: 'Acme',
          user: 'kbot',
          team_id: 'T0001',
          user_id: 'U0BOT',
          bot_id: 'B0BOT',
        });
      case 'apps.connections.open':
        return json({ ok: true, url: `ws://127.0.0.1:${port}/link?ticket=t1` });
      case 'chat.postMessage': {
        const posted = nextTs();
        return json({
          ok: true,
          channel: params['channel'],
          ts: posted,
          message: { text: params['text'], ts: posted },
        });
      }
      case 'chat.update':
        return json({ ok: true, channel: params['channel'], ts: params['ts'] });
      case 'conversations.members': {
        const users = members.get(params['channel'] ?? '');
        if (!users) return json({ ok: false, error: 'channel_not_found' });
        const from = Number(params['cursor'] || '0');
        const limit = Number(params['limit'] || '100');
        const next = from + limit < users.length ? String(from + limit) : '';
        return json({ ok: true, members: users.slice(from, from + limit), response_metadata: { next_cursor: next } });
      }
      case 'files.info': {
        const file = infos.get(params['file'] ?? '');
        return file ? json({ ok: true, file }) : json({ ok: false, error: 'file_not_found' });
      }
      default:
        return json({ ok: true });
    }
  }

  return {
    apiUrl: `${origin}/api/`,
    origin,
    calls,
    responses,
    acks,
    callsTo: (method) => calls.filter((c) => c.method === method && !c.rateLimited),
    blocksOf: (call) => JSON.parse(call.params['blocks'] ?? '[]') as { type: string }[],
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`fake Slack: condition not met within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    rateLimit(method, times, retryAfterSec) {
      limits.set(method, { times, retryAfterSec });
    },
    serveFile(name, content, contentType = 'text/plain') {
      files.set(name, { content: Buffer.isBuffer(content) ? content : Buffer.from(content), contentType });
      return `${origin}/files/${name}`;
    },
    fileInfo(id, file) {
      infos.set(id, file);
    },
    channelMembers(channel, users) {
      members.set(channel, users);
    },
    sendEnvelope(envelope) {
      for (const socket of sockets) socket.send(JSON.stringify(envelope));
    },
    socketClients: () => sockets.size,
    onCall(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      for (const socket of sockets) socket.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Slack's request signature: HMAC-SHA256 of `v0:<ts>:<body>` with the signing secret. */
export function slackSignature(secret: string, timestampSec: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSec}:${body}`).digest('hex')}`;
}

/** POSTs a correctly signed request to a Slack HTTP endpoint, as Slack does. */
export async function sendSigned(
  url: string,
  secret: string,
  body: string,
  options: {
    contentType?: 'application/json' | 'application/x-www-form-urlencoded';
    timestampSec?: number;
    retryNum?: number;
    signature?: string;
  } = {},
): Promise<Response> {
  const timestampSec = options.timestampSec ?? Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/json',
      'x-slack-request-timestamp': String(timestampSec),
      'x-slack-signature': options.signature ?? slackSignature(secret, timestampSec, body),
      ...(options.retryNum
        ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' }
        : {}),
    },
    body,
  });
}

let eventSeq = 0;

/** An `event_callback` body around `event`, as Slack delivers it. */
export function eventCallback(
  event: Record<string, unknown>,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  eventSeq += 1;
  return {
    token: 'legacy',
    team_id: 'T0001',
    api_app_id: 'A0001',
    type: 'event_callback',
    event_id: `Ev${String(eventSeq).padStart(8, '0')}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T0001', user_id: 'U0BOT', is_bot: true }],
    event,
    ...overrides,
  };
}

let tsSeq = 0;

/** A new, unique message ts. */
export function messageTs(): string {
  tsSeq += 1;
  return `1712000000.${String(tsSeq).padStart(6, '0')}`;
}
