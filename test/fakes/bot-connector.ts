/**
 * A loopback Bot Connector: the `serviceUrl` side of Teams. It records what the bot sends and answers like
 * the real service: POST/PUT …/activities → `{id}`, POST /v3/conversations → `{id, activityId}`.
 */
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  readonly method: string;
  readonly path: string;
  /** Decoded: Teams conversation ids (`19:…@thread.tacv2;messageid=…`) arrive percent-encoded. */
  readonly conversationId?: string;
  /** The activity id in the path: the one replied to (POST) or replaced (PUT). */
  readonly activityId?: string;
  readonly headers: IncomingHttpHeaders;
  // biome-ignore lint/suspicious/noExplicitAny: recorded JSON, inspected by tests
  readonly body: any;
  /** The id the fake gave back. */
  readonly answeredId?: string;
}

export interface FakeConnector {
  /** The serviceUrl to put in activities, with a trailing slash as Teams sends it. */
  readonly url: string;
  readonly calls: ConnectorCall[];
  /** Resolves with the first `count` calls matching `predicate`, waiting for them to arrive. */
  waitFor(predicate: (call: ConnectorCall) => boolean, count?: number): Promise<ConnectorCall[]>;
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const waiters = new Set<() => void>();
  let next = 1;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = (req.url ?? '').split('?')[0] ?? '';
      const method = req.method ?? '';
      const match = /^\/v3\/conversations(?:\/([^/]+)\/activities(?:\/([^/]+))?)?$/.exec(path);
      let status = 200;
      let answer: unknown = {};
      let answeredId: string | undefined;
      if (!match) {
        status = 404;
        answer = { error: { code: 'NotFound', message: path } };
      } else if (!match[1]) {
        answeredId = `act-${next++}`;
        answer = { id: `19:new-${answeredId}@thread.tacv2;messageid=${answeredId}`, activityId: answeredId };
      } else if (method === 'POST') {
        answeredId = `act-${next++}`;
        answer = { id: answeredId };
      } else if (method === 'PUT') {
        answeredId = decodeURIComponent(match[2] ?? '');
        answer = { id: answeredId };
      }
      calls.push({
        method,
        path,
        headers: req.headers,
        body: raw === '' ? undefined : JSON.parse(raw),
        ...(match?.[1] ? { conversationId: decodeURIComponent(match[1]) } : {}),
        ...(match?.[2] ? { activityId: decodeURIComponent(match[2]) } : {}),
        ...(answeredId ? { answeredId } : {}),
      });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
      for (const wake of waiters) wake();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    waitFor(predicate, count = 1) {
      return new Promise((resolve) => {
        const check = () => {
          const found = calls.filter(predicate);
          if (found.length < count) return false;
          waiters.delete(check);
          resolve(found.slice(0, count));
          return true;
        };
        if (!check()) waiters.add(check);
      });
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
