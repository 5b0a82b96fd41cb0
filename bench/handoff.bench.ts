/**
 * Incident record and handoff figures, on MemoryStore, on SqliteStore (a file in a temporary directory)
 * and on a real redis-server (started on a free loopback port, like the tests). Runs alone:
 *
 *   node_modules/.bin/node --disable-warning=ExperimentalWarning bench/handoff.bench.ts [--incidents N]
 *
 * and as the `handoff` module of `npm run bench` (groups handoff_memory, handoff_sqlite, handoff_redis). Figures: incidents recorded per second (one `opened`
 * and one follow-up event each; one at a time, then 32 in flight) and the time to build a handoff
 * (list + summarise + render) over N incidents in the window (median of 5).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RedisStore } from '../adapters/redis/redis-store.ts';
import { SqliteStore, sqlitePath } from '../adapters/sqlite/sqlite-store.ts';
import { handoffReply } from '../src/handoff/handoff-reply.ts';
import { buildHandoff } from '../src/handoff/handoff-summary.ts';
import type { IncidentEvent } from '../src/incidents/incident-event.ts';
import { IncidentLog } from '../src/incidents/incident-log.ts';
import { MemoryStore } from '../src/store/memory-store.ts';
import type { Store } from '../src/store/store.ts';
import { startRedisServer } from '../test/fakes/redis-server.ts';
import type { Bench } from './bench.ts';

export interface HandoffBenchResult {
  readonly store: StoreKind;
  readonly incidents: number;
  readonly recordedPerSecondSequential: number;
  readonly recordedPerSecondConcurrent: number;
  readonly handoffBuildMsMedian: number;
}

const sections = ['image-pull', 'crashloop', 'oomkilled', 'dns', 'pvc-pending', 'node-notready'];
const namespaces = ['shop', 'payments', 'batch', 'auth', 'search'];

function incidentEvents(n: number, startMs: number): IncidentEvent[] {
  const place = {
    platform: 'slack' as const,
    workspaceId: 'T0BENCH',
    conversationId: 'C0BENCH',
    threadId: `${1_700_000_000 + n}.000100`,
  };
  const atMs = startMs + n * 2000;
  return [
    {
      type: 'opened',
      id: `slack:${place.threadId}`,
      place,
      atMs,
      reporter: `U${n % 17}`,
      kind: 'error',
      summary: `Back-off restarting failed container ${n}`,
      section: { id: sections[n % sections.length]!, title: `Section ${sections[n % sections.length]}` },
      score: 0.8,
      confident: n % 9 !== 0,
      unanswered: n % 9 === 0,
      resource: { cluster: `prod-${n % 3}`, namespace: namespaces[n % namespaces.length]!, pod: `api-${n}` },
    },
    n % 3 === 0
      ? { type: 'resolved', id: `btn:${n}`, place, atMs: atMs + 500, by: 'U1', how: 'button' }
      : { type: 'activity', id: `slack:${place.threadId}.2`, place, atMs: atMs + 500, by: 'U2' },
  ];
}

async function recordAll(incidents: IncidentLog, from: number, to: number, startMs: number, inFlight: number) {
  let next = from;
  const worker = async (): Promise<void> => {
    while (next < to) {
      const n = next++;
      for (const event of incidentEvents(n, startMs)) await incidents.record(event);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

type StoreKind = 'memory' | 'sqlite' | 'redis';

async function measure(store: Store, kind: StoreKind, count: number): Promise<HandoffBenchResult> {
  const startMs = Date.now() - count * 2000 - 60_000;
  const incidents = new IncidentLog({ store });
  const half = Math.floor(count / 2);
  let t = performance.now();
  await recordAll(incidents, 0, half, startMs, 1);
  const sequential = half / ((performance.now() - t) / 1000);
  t = performance.now();
  await recordAll(incidents, half, count, startMs, 32);
  const concurrent = (count - half) / ((performance.now() - t) / 1000);
  if (incidents.pending > 0) throw new Error(`${incidents.pending} events still journaled`);

  const window = { fromMs: startMs, toMs: Date.now(), label: 'bench' };
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const list = await incidents.list({ ...window, workspaceId: 'T0BENCH', conversationId: 'C0BENCH' });
    const summary = buildHandoff(list, window, 'C0BENCH');
    handoffReply(summary, { timeZone: 'Asia/Seoul', nowMs: window.toMs });
    times.push(performance.now() - t0);
    if (summary.totals.incidents !== count) throw new Error(`handoff counted ${summary.totals.incidents} of ${count}`);
  }
  times.sort((a, b) => a - b);
  return {
    store: kind,
    incidents: count,
    recordedPerSecondSequential: Math.round(sequential),
    recordedPerSecondConcurrent: Math.round(concurrent),
    handoffBuildMsMedian: Math.round(times[2]! * 10) / 10,
  };
}

export async function benchHandoff(count = 10_000): Promise<HandoffBenchResult[]> {
  const results = [await measure(new MemoryStore(), 'memory', count)];
  const dir = await mkdtemp(join(tmpdir(), 'ksb-bench-'));
  const sqlite = new SqliteStore({ path: sqlitePath(dir) });
  try {
    results.push(await measure(sqlite, 'sqlite', count));
  } finally {
    await sqlite.close();
    await rm(dir, { recursive: true, force: true });
  }
  const redis = await startRedisServer();
  const store = new RedisStore({ url: redis.url, commandTimeoutMs: 5000 });
  try {
    await store.ready();
    results.push(await measure(store, 'redis', count));
  } finally {
    await store.close();
    await redis.close();
  }
  return results;
}

const bench: Bench = {
  name: 'handoff',
  async run({ log }) {
    log('recording 10,000 incidents and building their handoff, on MemoryStore, SqliteStore, then redis-server');
    const groups: Record<string, Record<string, number>> = {};
    for (const r of await benchHandoff()) {
      groups[`handoff_${r.store}`] = {
        incidents: r.incidents,
        recorded_per_s_sequential: r.recordedPerSecondSequential,
        recorded_per_s_32_in_flight: r.recordedPerSecondConcurrent,
        handoff_build_ms_median: r.handoffBuildMsMedian,
      };
    }
    return groups;
  },
};

export default bench;

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { incidents: { type: 'string', default: '10000' } } });
  const results = await benchHandoff(Number(values.incidents));
  for (const r of results) {
    console.log(
      `${r.store.padEnd(6)} ${r.incidents} incidents: recorded ${r.recordedPerSecondSequential}/s one at a time, ` +
        `${r.recordedPerSecondConcurrent}/s with 32 in flight; handoff build ${r.handoffBuildMsMedian} ms (median of 5)`,
    );
  }
}
