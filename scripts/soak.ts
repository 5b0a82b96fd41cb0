/**
 * Soak test on loopback: the bot as one real process (`adapters/main.ts`, Slack in HTTP mode, Redis) under
 * a steady stream of signed Slack events for a given duration. Reports throughput, event-to-reply
 * p50/p99 and the bot's memory at start and end; `--redis-restart` stops Redis at the midpoint and starts it
 * again after `--outage` seconds.
 *
 *   npm run -s soak -- --duration 600 --rate 20               (ten minutes, 20 events/s)
 *   npm run -s soak -- --duration 600 --rate 20 --redis-restart
 *   … --json                                                  (one JSON object on the last line)
 *
 * Everything listens on 127.0.0.1: a redis-server on a free port, the Slack Web API fake (the tests'), and
 * the bot. Every loop is bounded by the duration; events unanswered 30 s after sending count as lost.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import { startRedisServer } from '../test/fakes/redis-server.ts';
import { eventCallback, sendSigned, startFakeSlackApi } from '../test/fakes/slack-api.ts';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '600' },
    rate: { type: 'string', default: '20' },
    'redis-restart': { type: 'boolean', default: false },
    outage: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '15' },
    json: { type: 'boolean', default: false },
  },
});
const durationMs = Number(args.duration) * 1000;
const rate = Number(args.rate);
const outageMs = Number(args.outage) * 1000;
const warmupMs = Number(args.warmup) * 1000;
if (!(durationMs > 0 && rate > 0 && rate <= 500 && outageMs >= 0 && warmupMs >= 0)) {
  process.stderr.write('usage: soak [--duration S] [--rate N (1..500)] [--redis-restart] [--outage S] [--json]\n');
  process.exit(2);
}

const secret = 'soak-signing-secret';
const botToken = 'xoxb-soak';
const lostAfterMs = 30_000;

/** Errors the corpus documents, each with its own names so grouping of repeats stays rare. */
const templates: readonly ((n: string) => string)[] = [
  (n) =>
    `  Warning  Failed  12s  kubelet  Failed to pull image "us.icr.io/team/api-${n}:1.2": rpc error: code = Unknown desc = failed to resolve reference "us.icr.io/team/api-${n}:1.2": unexpected status: 401 Unauthorized`,
  (n) =>
    `pod/web-${n}-7c9f8d6b5-x2x9z\n  Warning  FailedScheduling  3m  default-scheduler  0/3 nodes are available: 3 Insufficient cpu.`,
  (n) => `팟 api-${n} 이 계속 Pending 상태예요`,
];
const letters = (n: number): string => [...String(n)].map((d) => String.fromCharCode(97 + Number(d))).join('');

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  return typeof address === 'object' && address ? address.port : 0;
}

interface Memory {
  readonly rssMb: number;
  readonly heapMb: number;
}

async function botMemory(base: string): Promise<Memory> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const read = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  return { rssMb: mb(read('process_resident_memory_bytes')), heapMb: mb(read('nodejs_heap_used_bytes')) };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitReady(base: string, bot: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (bot.exitCode !== null) throw new Error(`the bot exited with code ${bot.exitCode}`);
    const status = await fetch(`${base}/readyz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await sleep(250);
  }
  throw new Error(`the bot was not ready within ${timeoutMs} ms`);
}

const redis = await startRedisServer();
const api = await startFakeSlackApi({ botToken });
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const bot = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'adapters/main.ts'], {
  env: {
    PATH: process.env['PATH'] ?? '',
    HOME: '/nonexistent',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    KNOWLEDGE_WATCH: 'false',
    KUBE_IN_CLUSTER: 'false',
    REDIS_URL: redis.url,
    SLACK_MODE: 'http',
    SLACK_BOT_TOKEN: botToken,
    SLACK_SIGNING_SECRET: secret,
    SLACK_API_URL: api.apiUrl,
  },
  stdio: ['ignore', 'ignore', 'pipe'],
});
let botErrors = '';
bot.stderr?.on('data', (chunk: Buffer) => {
  if (botErrors.length < 4000) botErrors += chunk.toString('utf8');
});

const sent = new Map<string, number>();
const latencies: number[] = [];
const phase = { outage: false };
let outageReplies = 0;
let duplicates = 0;
const replied = new Set<string>();
api.onCall((call) => {
  if (call.method !== 'chat.postMessage') return;
  const key = `${call.params['channel']}/${call.params['thread_ts']}`;
  const at = sent.get(key);
  if (at === undefined) {
    if (replied.has(key)) duplicates += 1;
    return;
  }
  sent.delete(key);
  replied.add(key);
  latencies.push(performance.now() - at);
  if (phase.outage) outageReplies += 1;
});

let seq = 0;
let lost = 0;
let refused = 0;
async function sendOne(): Promise<void> {
  const n = ++seq;
  const ts = `1714000000.${String(n).padStart(6, '0')}`;
  const channel = `C${n % 50}`;
  const text = (templates[n % templates.length] as (x: string) => string)(letters(n));
  const body = JSON.stringify(
    eventCallback({ type: 'message', channel, channel_type: 'channel', user: 'U0SOAK', text, ts }),
  );
  sent.set(`${channel}/${ts}`, performance.now());
  const response = await sendSigned(`${base}/slack/events`, secret, body).catch(() => undefined);
  await response?.arrayBuffer();
  if (response?.status !== 200) refused += 1;
}

/** Sends at `rate` per second for `ms`; each tick's sends are not awaited so a slow reply never slows the stream. */
async function stream(ms: number): Promise<number> {
  const intervalMs = 1000 / rate;
  const started = performance.now();
  let count = 0;
  while (performance.now() - started < ms) {
    const due = Math.floor((performance.now() - started) / intervalMs) + 1;
    for (; count < due; count++) void sendOne();
    // Lost: no reply 30 s after sending. Bounds the map too.
    const cutoff = performance.now() - lostAfterMs;
    for (const [key, at] of sent) {
      if (at < cutoff) {
        sent.delete(key);
        lost += 1;
      }
    }
    await sleep(Math.max(1, intervalMs / 2));
  }
  return count;
}

try {
  await waitReady(base, bot, 60_000);
  // Warm up (JIT, connections, caches), then measure from a clean slate.
  await stream(warmupMs);
  await sleep(2000);
  latencies.length = 0;
  lost = 0;
  refused = 0;
  duplicates = 0;
  sent.clear();
  const memoryStart = await botMemory(base);
  const started = performance.now();
  let events = 0;
  let redisNote: string | undefined;
  if (args['redis-restart']) {
    events += await stream(durationMs / 2);
    await redis.stop();
    phase.outage = true;
    const outageStart = performance.now();
    events += await stream(outageMs);
    await redis.restart();
    phase.outage = false;
    redisNote = `stopped at ${Math.round(durationMs / 2000)} s for ${Math.round((performance.now() - outageStart) / 1000)} s`;
    events += await stream(Math.max(0, durationMs / 2 - outageMs));
  } else {
    events += await stream(durationMs);
  }
  const elapsedS = (performance.now() - started) / 1000;
  // Let the last replies arrive.
  for (let i = 0; i < 100 && sent.size > 0; i++) await sleep(100);
  lost += sent.size;
  const memoryEnd = await botMemory(base);
  const sorted = [...latencies].sort((a, b) => a - b);
  const result = {
    durationS: Math.round(elapsedS),
    rateTarget: rate,
    events,
    replies: latencies.length,
    lost,
    refused,
    duplicateReplies: duplicates,
    throughputPerS: Math.round((latencies.length / elapsedS) * 10) / 10,
    p50Ms: Math.round(percentile(sorted, 50) * 10) / 10,
    p99Ms: Math.round(percentile(sorted, 99) * 10) / 10,
    maxMs: Math.round((sorted.at(-1) ?? Number.NaN) * 10) / 10,
    memoryStart,
    memoryEnd,
    ...(redisNote ? { redisRestart: redisNote, repliesDuringOutage: outageReplies } : {}),
  };
  const lines = [
    `soak: ${result.durationS} s at ${rate} events/s against one bot process (Slack HTTP mode, Redis)${redisNote ? `, Redis ${redisNote}` : ''}`,
    `  events sent               ${result.events}`,
    `  replies                   ${result.replies} (lost ${lost}, refused ${refused}, duplicate replies ${duplicates})`,
    `  throughput                ${result.throughputPerS} replies/s`,
    `  event-to-reply p50 / p99  ${result.p50Ms} ms / ${result.p99Ms} ms (max ${result.maxMs} ms)`,
    `  bot memory start / end    rss ${memoryStart.rssMb} MB → ${memoryEnd.rssMb} MB, heap ${memoryStart.heapMb} MB → ${memoryEnd.heapMb} MB`,
    ...(redisNote ? [`  replies during the outage ${outageReplies}`] : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (args.json) process.stdout.write(`${JSON.stringify(result)}\n`);
} catch (err) {
  process.stderr.write(`soak failed: ${err instanceof Error ? err.message : String(err)}\n${botErrors}\n`);
  process.exitCode = 1;
} finally {
  bot.kill('SIGTERM');
  await Promise.race([once(bot, 'exit'), sleep(15_000)]);
  await api.close();
  await redis.close();
}
