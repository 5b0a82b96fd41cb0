import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RedisStore } from '../../../adapters/redis/redis-store.ts';
import { recordingLogger } from '../../fakes/recording-logger.ts';
import { type RedisServer, startRedisServer } from '../../fakes/redis-server.ts';
import { eventCallback, type FakeSlackApi, messageTs, sendSigned, startFakeSlackApi } from '../../fakes/slack-api.ts';
import { type Harness, signingSecret, startSlackBot } from './slack-harness.ts';
import { pastes, testMatcher } from './test-matcher.ts';

let redis: RedisServer;
let api: FakeSlackApi;
const harnesses: Harness[] = [];
const stores: RedisStore[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
});

afterAll(async () => {
  await redis.close();
});

beforeEach(async () => {
  api = await startFakeSlackApi();
});

afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.stop();
  for (const s of stores.splice(0)) await s.close();
  await api.close();
});

describe('Slack replicas sharing Redis', () => {
  it('two bot processes, each with its own Redis connection, give one reply to an event both receive', async () => {
    const replicas = await Promise.all(
      [0, 1].map(async () => {
        const store = new RedisStore({ url: redis.url });
        stores.push(store);
        const h = await startSlackBot(api, { matcher: await testMatcher(), store });
        harnesses.push(h);
        return h;
      }),
    );
    for (let i = 0; i < 5; i++) {
      const event = {
        type: 'message',
        channel: `C${i}`,
        channel_type: 'channel',
        user: 'U0ALICE',
        text: pastes.pullQuota,
        ts: messageTs(),
      };
      const body = JSON.stringify(eventCallback(event));
      const responses = await Promise.all(replicas.map((h) => sendSigned(h.eventsUrl, signingSecret, body)));
      expect(responses.map((r) => r.status)).toEqual([200, 200]);
    }
    await api.waitFor(() => api.callsTo('chat.postMessage').length >= 5);
    await new Promise((r) => setTimeout(r, 200));
    expect(
      api
        .callsTo('chat.postMessage')
        .map((c) => c.params['channel'])
        .sort(),
    ).toEqual(['C0', 'C1', 'C2', 'C3', 'C4']);
  });

  it('answers each event once while Redis is down however often Slack retries it, and logs the outage, not every call', async () => {
    const log = recordingLogger();
    const replicas = await Promise.all(
      [0, 1].map(async () => {
        const store = new RedisStore({ url: redis.url, log });
        stores.push(store);
        await store.ready();
        const h = await startSlackBot(api, { matcher: await testMatcher(), store, log });
        harnesses.push(h);
        return h;
      }),
    );
    const [a, b] = replicas as [Harness, Harness];
    await redis.stop();
    try {
      for (let i = 0; i < 10; i++) {
        const event = { type: 'message', channel: `C${i}`, user: 'U0ALICE', text: pastes.pullQuota, ts: messageTs() };
        const body = JSON.stringify(eventCallback(event));
        // The first delivery, then Slack's retries, to whichever replica the load balancer picks.
        expect((await sendSigned(a.eventsUrl, signingSecret, body)).status).toBe(200);
        expect((await sendSigned(b.eventsUrl, signingSecret, body, { retryNum: 1 })).status).toBe(200);
        expect((await sendSigned(a.eventsUrl, signingSecret, body, { retryNum: 2 })).status).toBe(200);
      }
      await api.waitFor(() => api.callsTo('chat.postMessage').length >= 10);
      await new Promise((r) => setTimeout(r, 500));
      expect(api.callsTo('chat.postMessage')).toHaveLength(10);
    } finally {
      await redis.start();
    }
    // Each replica's bot and adapter say the store is unavailable once per 10 s, not once per call.
    const outageLines = log.lines.filter((l) => l.msg.startsWith('store unavailable'));
    expect(outageLines.length).toBeGreaterThan(0);
    expect(outageLines.length).toBeLessThanOrEqual(8);
  });
});
