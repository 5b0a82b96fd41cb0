/** The Teams adapter on a loopback port, as the shared server mounts it, plus a client that posts activities. */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTeamsAdapter, type TeamsAdapter, type TeamsAdapterDeps } from '../../../adapters/teams/teams-adapter.ts';

export interface TeamsServer {
  readonly adapter: TeamsAdapter;
  readonly endpoint: string;
  post(activity: unknown, headers?: Record<string, string>): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

export async function startTeamsServer(deps: TeamsAdapterDeps): Promise<TeamsServer> {
  const adapter = createTeamsAdapter(deps);
  await adapter.start();
  const server = createServer((req, res) => {
    if ((req.url ?? '').split('?')[0] === adapter.path) {
      void adapter.handle(req, res);
    } else {
      res.writeHead(404).end();
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}${adapter.path}`;
  return {
    adapter,
    endpoint,
    async post(activity, headers = {}) {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof activity === 'string' ? activity : JSON.stringify(activity),
      });
      return { status: response.status, body: await response.text() };
    },
    async close() {
      await adapter.stop();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
