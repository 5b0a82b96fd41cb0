import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../adapters/redis/redis-store.ts';
import { BotError } from '../../src/errors.ts';
import type { IncidentEvent, Place } from '../../src/incidents/incident-event.ts';
import { IncidentLog } from '../../src/incidents/incident-log.ts';
import { eventually } from '../contract/store-contract.ts';
import { recordingLogger } from '../fakes/recording-logger.ts';
import { type RedisServer, startRedisServer } from '../fakes/redis-server.ts';

let redis: RedisServer;

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.close();
});

const t0 = Date.UTC(2026, 10, 23, 9, 0);
const place = (n: number): Place => ({
  platform: 'slack',
  workspaceId: 'T1',
  conversationId: 'C1',
  threadId: `${n}.0`,
});

async function recordIncident(incidents: IncidentLog, n: number): Promise<void> {
  const opened: IncidentEvent = {
    type: 'opened',
    id: `slack:${n}.0`,
    place: place(n),
    atMs: t0 + n * 1000,
    reporter: 'U1',
    kind: 'error',
    summary: `ImagePullBackOff #${n}`,
    confident: true,
    unanswered: false,
  };
  await incidents.record(opened);
  await incidents.record({ type: 'activity', id: `slack:${n}.1`, place: place(n), atMs: t0 + n * 1000 + 1, by: 'U2' });
  if (n % 3 === 0) {
    await incidents.record({
      type: 'resolved',
      id: `resolve:${n}`,
      place: place(n),
      atMs: t0 + n * 1000 + 2,
      by: 'U2',
      how: 'button',
    });
  }
}

describe('incident record on Redis, through an outage', () => {
  it('counts every incident once when Redis stops and restarts in the middle of a run', async () => {
    const log = recordingLogger();
    const store = new RedisStore({ url: redis.url, log, commandTimeoutMs: 500 });
    await store.ready();
    const incidents = new IncidentLog({ store, log, retryMs: 50 });
    try {
      for (let n = 0; n < 100; n++) await recordIncident(incidents, n);
      await redis.stop();
      // Redis is down: every record resolves, the bot keeps going.
      for (let n = 100; n < 200; n++) await recordIncident(incidents, n);
      expect(incidents.pending).toBeGreaterThan(0);
      await redis.start();
      for (let n = 200; n < 300; n++) await recordIncident(incidents, n);
      await eventually(async () => expect(incidents.pending).toBe(0), 15_000);

      const all = await incidents.list({ fromMs: t0, toMs: t0 + 1_000_000 });
      expect(all).toHaveLength(300);
      expect(new Set(all.map((i) => i.place.threadId)).size).toBe(300);
      expect(all.every((i) => i.activity === 1)).toBe(true);
      expect(all.filter((i) => i.state === 'resolved')).toHaveLength(100);
      // One field per event, nothing written twice.
      const admin = new Redis(redis.url);
      const fields = await Promise.all(all.map((i) => admin.hlen(`ksb:{T1}:incident:${i.id}`)));
      await admin.quit();
      expect(fields.reduce((a, b) => a + b, 0)).toBe(300 * 2 + 100);

      const msgs = log.lines.map((l) => l.msg);
      expect(msgs.filter((m) => m.startsWith('redis unavailable'))).toHaveLength(1);
      expect(msgs).toContain('redis available again');
      expect(msgs).toContain('incident store back: journal written');
    } finally {
      await incidents.close();
      await store.close();
    }
  });
});

describe('RedisStore when Redis is slow', () => {
  it('fails a command after its bounded wait with store_unavailable and one clear log line', async () => {
    const log = recordingLogger();
    const store = new RedisStore({ url: redis.url, log, commandTimeoutMs: 100 });
    await store.ready();
    const admin = new Redis(redis.url);
    try {
      // DEBUG SLEEP blocks the server for 1 s; the store's commands must not wait for it.
      const sleeping = admin.call('DEBUG', 'SLEEP', '1');
      await new Promise((resolve) => setTimeout(resolve, 50));
      const first = store.get('ksb:{T1}:slow');
      const second = store.set('ksb:{T1}:slow', 'v');
      await expect(first).rejects.toBeInstanceOf(BotError);
      await expect(second).rejects.toMatchObject({ code: 'store_unavailable' });
      await sleeping;
      const slow = log.lines.filter((l) => l.msg === 'redis slow: command timed out, failing fast');
      expect(slow).toHaveLength(1);
      expect(slow[0]?.obj).toMatchObject({ timeoutMs: 100, command: 'get' });
      expect(log.lines.filter((l) => l.msg.startsWith('redis unavailable'))).toEqual([]);
      // It recovers by itself. The timed-out SET still ran once Redis woke: a failed write may have
      // happened, which is why the incident log's writes are idempotent.
      await eventually(async () => expect(await store.get('ksb:{T1}:slow')).toBe('v'));
    } finally {
      await admin.quit();
      await store.close();
    }
  });

  it('refuses writes at once while Redis is paused, journaling incidents instead of queueing them', async () => {
    const log = recordingLogger();
    const store = new RedisStore({ url: redis.url, log, commandTimeoutMs: 100 });
    await store.ready();
    const incidents = new IncidentLog({ store, log, retryMs: 50 });
    const admin = new Redis(redis.url);
    try {
      await admin.call('CLIENT', 'PAUSE', '500', 'WRITE');
      await recordIncident(incidents, 1000);
      expect(incidents.pending).toBeGreaterThan(0);
      await eventually(async () => expect(incidents.pending).toBe(0), 10_000);
      expect(await incidents.get(place(1000))).toMatchObject({ activity: 1, state: 'open' });
    } finally {
      await admin.quit();
      await incidents.close();
      await store.close();
    }
  });
});
