/**
 * The one HTTP server of the process (node:http): Slack's HTTP mode, Teams' /api/messages, health,
 * metrics and the playground share `PORT`. Routes are exact paths; each adapter contributes its own.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../src/log.ts';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';

export interface Route {
  readonly method: HttpMethod;
  /** Exact path, without the query string. */
  readonly path: string;
  readonly handler: RequestHandler;
  /** Chat traffic: refused with 503 once shutdown has begun or while busy, so the platform retries. */
  readonly events?: boolean;
}

export interface HttpServerOptions {
  readonly routes: readonly Route[];
  readonly log: Logger;
  /** False once shutdown has begun. */
  readonly accepting?: () => boolean;
  /** True while as much work is in flight as the process takes on: new events wait in the platform's retries. */
  readonly busy?: () => boolean;
  /** Called for every chat event refused with 503. */
  readonly onRefused?: (reason: 'shutdown' | 'busy') => void;
}

export interface HttpServer {
  readonly server: Server;
  /** Resolves to the bound port (useful with port 0). */
  listen(port: number, host: string): Promise<number>;
  /**
   * Stops accepting connections, lets in-flight requests finish and closes idle keep-alive connections;
   * after `graceMs` the connections still open are cut.
   */
  close(graceMs?: number): Promise<void>;
}

export function createHttpServer(options: HttpServerOptions): HttpServer {
  const byPath = new Map<string, Route[]>();
  for (const route of options.routes) byPath.set(route.path, [...(byPath.get(route.path) ?? []), route]);
  const accepting = options.accepting ?? (() => true);
  const busy = options.busy ?? (() => false);

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    const routes = byPath.get(path);
    if (!routes) {
      sendJson(res, 404, { error: 'not found' });
      return;
    }
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const route = routes.find((r) => r.method === method);
    if (!route) {
      res.setHeader('allow', routes.map((r) => r.method).join(', '));
      sendJson(res, 405, { error: 'method not allowed' });
      return;
    }
    if (route.events && (!accepting() || busy())) {
      const reason = accepting() ? 'busy' : 'shutdown';
      options.onRefused?.(reason);
      res.setHeader('retry-after', '1');
      sendJson(res, 503, { error: reason === 'busy' ? 'busy' : 'shutting down' });
      return;
    }
    Promise.resolve()
      .then(() => route.handler(req, res))
      .catch((err: unknown) => {
        options.log.error({ err, path, kind: 'http_handler' }, 'request failed');
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
        else res.end();
      });
  });
  // Slow or idle clients must not hold the process open on shutdown.
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  server.keepAliveTimeout = 5_000;

  return {
    server,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      });
    },
    close(graceMs = 5000) {
      return new Promise((resolve) => {
        if (!server.listening) {
          resolve();
          return;
        }
        const cut = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearTimeout(cut);
          resolve();
        });
        server.closeIdleConnections();
      });
    },
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

export class BodyTooLarge extends Error {
  override readonly name = 'BodyTooLarge';
}

/**
 * Reads the whole body, refusing more than `limitBytes`. On refusal the rest is left unread (the request
 * is paused, not destroyed), so the caller can still answer; it should close the connection when it does.
 */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limitBytes) return Promise.reject(new BodyTooLarge(`body of ${declared} bytes exceeds ${limitBytes}`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        stop();
        req.pause();
        reject(new BodyTooLarge(`body exceeds ${limitBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks));
    };
    const onError = (err: Error) => {
      stop();
      reject(err);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** Parses a JSON object body; answers 400/413 itself and resolves undefined when the body is unusable. */
export async function readJsonObject(
  req: IncomingMessage,
  res: ServerResponse,
  limitBytes: number,
): Promise<Record<string, unknown> | undefined> {
  let raw: Buffer;
  try {
    raw = await readBody(req, limitBytes);
  } catch (err) {
    if (err instanceof BodyTooLarge) {
      res.setHeader('connection', 'close');
      sendJson(res, 413, { error: `request body larger than ${limitBytes} bytes` });
      return undefined;
    }
    throw err;
  }
  try {
    const value: unknown = JSON.parse(raw.toString('utf8') || '{}');
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  sendJson(res, 400, { error: 'expected a JSON object' });
  return undefined;
}
