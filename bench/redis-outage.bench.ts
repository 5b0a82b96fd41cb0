/**
 * What a Redis outage costs: two replicas of the whole process (Slack in HTTP mode on one Redis, started
 * like the tests' on a free loopback port) while Redis is stopped. Every event is delivered three times,
 * as Slack does when its first delivery is not acknowledged in time: first to one replica, its retries
 * (x-slack-retry-num 1 and 2) to the other and back. Counted: replies per event (one is right; more are
 * duplicates), and the log lines both replicas write from the stop to the restart.
 *
 *   npm run bench -- --only redis-outage
 *   node_modules/.bin/node --disable-warning=ExperimentalWarning bench/redis-outage.bench.ts [--events 100] [--outage 12] [--lines]
 */
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { type RunningApp, startApp } from '../adapters/app.ts';
import { loadSettings } from '../adapters/settings.ts';
import { testKnowledge } from '../test/adapters/server/test-app.ts';
import { startRedisServer } from '../test/fakes/redis-server.ts';
import { eventCallback, sendSigned, startFakeSlackApi } from '../test/fakes/slack-api.ts';
import type { Bench, Figures } from './bench.ts';

const secret = 'bench-outage-secret';
const paste = 'Back-off pulling image "registry.example.com/shop/web:2": 401 Unauthorized pull';

export async function runOutageBench(
  options: { events?: number; outageSec?: number; onLine?: (msg: string) => void } = {},
): Promise<Figures> {
  const events = options.events ?? 100;
  const outageMs = (options.outageSec ?? 12) * 1000;
  const redis = await startRedisServer();
  const api = await startFakeSlackApi();
  const lines: { msg: string; level: number; at: number }[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) {
        if (!line) continue;
        const { msg, level } = JSON.parse(line) as { msg: string; level: number };
        lines.push({ msg, level, at: Date.now() });
      }
      done();
    },
  });
  const replicas: RunningApp[] = [];
  try {
    for (let i = 0; i < 2; i++) {
      const settings = loadSettings({
        PORT: '0',
        KNOWLEDGE_WATCH: 'false',
        REDIS_URL: redis.url,
        SLACK_MODE: 'http',
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: secret,
        SLACK_API_URL: api.apiUrl,
      });
      replicas.push(await startApp({ settings, log: pino({ level: 'info' }, sink), loadKnowledge: testKnowledge }));
    }
    const [a, b] = replicas as [RunningApp, RunningApp];
    const deliver = (app: RunningApp, body: string, retryNum?: number) =>
      sendSigned(`${app.url}/slack/events`, secret, body, retryNum ? { retryNum } : {});

    await redis.stop();
    const stoppedAt = Date.now();
    const base = Math.floor(Date.now() / 1000);
    for (let n = 0; n < events; n++) {
      const ts = `${base}.${String(n).padStart(6, '0')}`;
      const body = JSON.stringify(
        eventCallback({ type: 'message', channel: `C${n % 7}`, channel_type: 'channel', user: 'U1', text: paste, ts }),
      );
      await deliver(a, body);
      await deliver(b, body, 1);
      await deliver(a, body, 2);
      // Spread over the outage, as a steady channel would be.
      await new Promise((r) => setTimeout(r, Math.max(0, stoppedAt + ((n + 1) * outageMs) / events - Date.now())));
    }
    await redis.start();
    const restartedAt = Date.now();
    // Replies still being posted, and the incident journals being written back.
    await new Promise((r) => setTimeout(r, 3000));

    const perEvent = new Map<string, number>();
    for (const call of api.callsTo('chat.postMessage')) {
      const key = `${call.params['channel']}/${call.params['thread_ts']}`;
      perEvent.set(key, (perEvent.get(key) ?? 0) + 1);
    }
    const during = lines.filter((l) => l.at >= stoppedAt && l.at <= restartedAt + 3000);
    for (const l of during) options.onLine?.(l.msg);
    return {
      events,
      deliveries: events * 3,
      outage_s: (restartedAt - stoppedAt) / 1000,
      replies: [...perEvent.values()].reduce((s, c) => s + c, 0),
      duplicate_replies: [...perEvent.values()].reduce((s, c) => s + Math.max(0, c - 1), 0),
      unanswered: events - perEvent.size,
      log_lines: during.length,
      store_log_lines: during.filter((l) => /store|redis|incident/i.test(l.msg)).length,
    };
  } finally {
    for (const app of replicas) await app.stop('bench');
    await api.close();
    await redis.close();
  }
}

const bench: Bench = {
  name: 'redis-outage',
  async run(ctx) {
    ctx.log('two replicas on one Redis, Redis stopped, every event delivered three times across them');
    return { redis_outage: await runOutageBench() };
  },
};
export default bench;

if (import.meta.main) {
  const { values } = parseArgs({
    options: { events: { type: 'string' }, outage: { type: 'string' }, lines: { type: 'boolean' } },
  });
  const byMessage = new Map<string, number>();
  const figures = await runOutageBench({
    ...(values.events ? { events: Number(values.events) } : {}),
    ...(values.outage ? { outageSec: Number(values.outage) } : {}),
    onLine: (msg) => byMessage.set(msg, (byMessage.get(msg) ?? 0) + 1),
  });
  for (const [k, v] of Object.entries(figures)) process.stdout.write(`  ${k.padEnd(20)} ${v}\n`);
  // --lines: what was logged during the outage, by message.
  if (values.lines) for (const [msg, n] of byMessage) process.stdout.write(`  ${String(n).padStart(6)}  ${msg}\n`);
}
