import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../adapters/redis/redis-store.ts';
import { type HandoffPoster, HandoffScheduler } from '../../src/handoff/handoff-scheduler.ts';
import { IncidentLog } from '../../src/incidents/incident-log.ts';
import type { Logger } from '../../src/log.ts';
import type { Reply } from '../../src/message.ts';
import { eventually } from '../contract/store-contract.ts';
import { dayEndMs, dayOfIncidents } from '../fakes/incident-day.ts';
import { recordingLogger } from '../fakes/recording-logger.ts';
import { type RedisServer, startRedisServer } from '../fakes/redis-server.ts';

let redis: RedisServer;
const stores: RedisStore[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await redis?.close();
});

/** A replica: its own Redis connection, incident log and scheduler, as a separate pod would have. */
async function replica(schedule: { cron: string; channel?: string }, poster: HandoffPoster, log?: Logger) {
  const store = new RedisStore({ url: redis.url });
  stores.push(store);
  await store.ready();
  const incidents = new IncidentLog({ store, now: () => dayEndMs });
  const scheduler = new HandoffScheduler({
    schedules: [{ channel: schedule.channel ?? 'C0SUPPORT', cron: schedule.cron, timeZone: 'Asia/Seoul' }],
    store,
    incidents,
    poster,
    language: 'en',
    ...(log ? { log } : {}),
  });
  return { incidents, scheduler };
}

function recordingPoster(): HandoffPoster & { posts: { channel: string; reply: Reply }[] } {
  const posts: { channel: string; reply: Reply }[] = [];
  return {
    posts,
    async post(channel, reply) {
      posts.push({ channel, reply });
    },
  };
}

describe('scheduled handoff with two replicas on one Redis', () => {
  it('posts a shift change once, with the shift since the previous change', async () => {
    const poster = recordingPoster();
    const schedule = { cron: '0 9,21 * * *', channel: 'C0SUPPORT' };
    const a = await replica(schedule, poster);
    const b = await replica(schedule, poster);
    for (const event of dayOfIncidents()) await a.incidents.record(event);
    const slot = {
      channel: 'C0SUPPORT',
      cron: schedule.cron,
      timeZone: 'Asia/Seoul',
    };
    const outcomes = await Promise.all([a.scheduler.runSlot(slot, dayEndMs), b.scheduler.runSlot(slot, dayEndMs)]);
    expect(outcomes.sort()).toEqual(['posted', 'taken']);
    expect(poster.posts).toHaveLength(1);
    expect(poster.posts[0]?.channel).toBe('C0SUPPORT');
    expect(poster.posts[0]?.reply.text).toMatch(
      /^Shift handoff for C0SUPPORT: 2026-11-23 09:00 – 21:00 \(Asia\/Seoul\)\n8 incidents: 5 open/,
    );
    // The next slot is a new lock.
    expect(await b.scheduler.runSlot(slot, dayEndMs + 12 * 3_600_000)).toBe('posted');
  });

  it('posts each slot once when both replicas run their own timers', async () => {
    const poster = recordingPoster();
    const log = recordingLogger();
    // Every second, so the test sees several slots; both replicas fire for each.
    const a = await replica({ cron: '* * * * * *', channel: 'C0TIMERS' }, poster, log);
    const b = await replica({ cron: '* * * * * *', channel: 'C0TIMERS' }, poster, log);
    a.scheduler.start();
    b.scheduler.start();
    try {
      await eventually(async () => expect(poster.posts.length).toBeGreaterThanOrEqual(3), 10_000);
    } finally {
      await Promise.all([a.scheduler.stop(), b.scheduler.stop()]);
    }
    const slots = (msg: string) => log.lines.filter((l) => l.msg === msg).map((l) => (l.obj as { slot: string }).slot);
    const posted = slots('scheduled handoff posted');
    expect(posted).toHaveLength(poster.posts.length);
    expect(new Set(posted).size).toBe(posted.length);
    // Both replicas fired for the slots: the other one found each taken.
    expect(slots('scheduled handoff taken by another replica').length).toBeGreaterThanOrEqual(posted.length - 1);
  });
});
