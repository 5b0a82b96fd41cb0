/**
 * /healthz (the process is alive), /readyz (it can answer: knowledge loaded, store answering, not shutting
 * down; and which store it uses) and /metrics (Prometheus text).
 */
import type { Registry } from 'prom-client';
import type { Store } from '../../src/store/store.ts';
import type { StoreInfo } from '../store/create-store.ts';
import { type Route, sendJson } from './http-server.ts';

export interface Readiness {
  /** Sections in the knowledge in use; 0 or undefined means not loaded yet. */
  readonly knowledgeSections: () => number | undefined;
  readonly store: Store;
  /** Which store and where (SQLite's path, Redis without credentials), shown beside the checks. */
  readonly storeInfo?: StoreInfo;
  readonly accepting: () => boolean;
  /** How long the store may take to answer before the probe fails. */
  readonly storeTimeoutMs?: number;
}

/** Resolves to a problem description, or undefined when the store answered in time. */
export async function probeStore(store: Store, timeoutMs: number): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs);
  });
  try {
    return await Promise.race([
      store.get('health:probe').then(
        () => undefined,
        (err: unknown) => (err instanceof Error ? err.message : String(err)),
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export function opsRoutes(readiness: Readiness, registry: Registry): Route[] {
  return [
    {
      method: 'GET',
      path: '/healthz',
      handler: (_req, res) => sendJson(res, 200, { status: 'ok' }),
    },
    {
      method: 'GET',
      path: '/readyz',
      handler: async (_req, res) => {
        const sections = readiness.knowledgeSections() ?? 0;
        const storeProblem = await probeStore(readiness.store, readiness.storeTimeoutMs ?? 1000);
        const checks = {
          knowledge: sections > 0 ? `${sections} sections` : 'not loaded',
          store: storeProblem ?? 'ok',
          shutdown: readiness.accepting() ? 'no' : 'in progress',
        };
        const ready = sections > 0 && storeProblem === undefined && readiness.accepting();
        sendJson(res, ready ? 200 : 503, {
          status: ready ? 'ready' : 'not ready',
          checks,
          ...(readiness.storeInfo ? { store: readiness.storeInfo } : {}),
        });
      },
    },
    {
      method: 'GET',
      path: '/metrics',
      handler: async (_req, res) => {
        const text = await registry.metrics();
        res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
        res.end(text);
      },
    },
  ];
}
