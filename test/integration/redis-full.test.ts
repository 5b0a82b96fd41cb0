import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../adapters/redis/redis-store.ts';
import type { IncidentEvent } from '../../src/incidents/incident-event.ts';
import { IncidentLog } from '../../src/incidents/incident-log.ts';
import { eventually } from '../contract/store-contract.ts';
import { recordingLogger } from '../fakes/recording-logger.ts';
import { type RedisServer, startRedisServer } from '../fakes/redis-server.ts';

let redis: RedisServer;

beforeAll(async () => {
  // Refuses writes once full, as a Redis without an eviction policy does.
  redis = await startRedisServer({ args: ['--maxmemory-policy', 'noeviction'] });
});
afterAll(async () => {
  await redis?.close();
});

const opened = (n: number): IncidentEvent => ({
  type: 'opened',
  id: `slack:${n}`,
  place: { platform: 'slack', workspaceId: 'T1', conversationId: 'C1', threadId: `${n}.0` },
  atMs: Date.now(),
  reporter: 'U1',
  kind: 'error',
  summary: 'OOMKilled',
  confident: true,
  unanswered: false,
});

describe('incident record when Redis is full', () => {
  it('says so once, journals the incidents, and writes them when there is room again', async () => {
    const log = recordingLogger();
    const store = new RedisStore({ url: redis.url, log });
    await store.ready();
    const incidents = new IncidentLog({ store, log, retryMs: 50 });
    const admin = new Redis(redis.url);
    try {
      // Fill it: a ballast key, then a limit just below what is used.
      await admin.set('ballast', 'x'.repeat(2_000_000));
      const used = Number(/used_memory:(\d+)/.exec(await admin.info('memory'))?.[1]);
      await admin.config('SET', 'maxmemory', String(used - 100_000));
      for (let n = 0; n < 5; n++) await incidents.record(opened(n));
      expect(incidents.pending).toBe(5);
      // The journal retries every 50 ms against the full Redis; the log does not repeat itself.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const full = log.lines.filter((l) => l.msg === 'redis full (maxmemory): write refused');
      expect(full).toHaveLength(1);
      expect(log.lines.filter((l) => l.msg.startsWith('incident store unavailable'))).toHaveLength(1);

      await admin.del('ballast');
      await admin.config('SET', 'maxmemory', '0');
      await eventually(async () => expect(incidents.pending).toBe(0), 10_000);
      expect(await incidents.list({ fromMs: 0, toMs: Date.now() + 1000, workspaceId: 'T1' })).toHaveLength(5);
    } finally {
      await admin.quit();
      await incidents.close();
      await store.close();
    }
  });
});
