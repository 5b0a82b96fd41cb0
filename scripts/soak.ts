/**
 * Soak test on loopback: the bot as one real process (`adapters/main.ts`, Slack in HTTP mode, Redis) under
 * a steady stream of signed Slack events for a given duration. Reports throughput, event-to-reply
 * p50/p99, and the bot's memory with a verdict; `--redis-restart` stops Redis at the midpoint and starts it
 * again after `--outage` seconds.
 *
 *   npm run -s soak -- --duration 600 --rate 20               (ten minutes, 20 events/s)
 *   npm run -s soak -- --duration 600 --rate 20 --redis-restart
 *   … --json                                                  (one JSON object on the last line)
 *   … --heap-snapshots /tmp/soak                              (start.heapsnapshot, end.heapsnapshot there)
 *
 * Everything listens on 127.0.0.1: a redis-server on a free port, the Slack Web API fake (the tests'), and
 * the bot. Every loop is bounded by the duration; events unanswered 30 s after sending count as lost.
 * Every event is an error the bot records as an incident event; at the end the soak counts those in Redis
 * and fails when fewer than the events the bot took (sent minus refused), outage or not.
 *
 * Memory. The bot runs with `--inspect=127.0.0.1:0` (here only) and the soak, as its debugger, forces a full
 * collection before each sample (scripts/inspector.ts): heap used after GC is what the process retains, so
 * two samples compare like with like, where an unforced reading mostly says how far the collector had got.
 * Samples: after the warm-up (start), every `--sample` seconds, and after the last replies arrived and the
 * incident journal had `--settle` seconds to drain (end). The run fails (exit code 1) when
 *   - the heap after GC grew by more than `--heap-bound` MB (default 16) from start to end, or
 *   - it still rises over the second half: its least-squares slope there, projected over the whole run,
 *     exceeds the same bound (16 MB over 600 s: 1.6 MB/min).
 * Why 16 MB: everything the bot keeps in memory is capped, and what may legitimately differ between two
 * samples is work in flight (at most MAX_IN_FLIGHT = 256 messages, about 11 MB when an overload fills it),
 * the incident journal (empty again once Redis is back) and the noise between samples (±2 MB). A leak of
 * 1.4 KB per event crosses it within 600 s at 20 events/s.
 * RSS is reported (start, end, the process's peak) but not judged: it follows the heap's high-water mark
 * and the allocator's arenas, which the OS reclaims only under pressure; start-up (building the index)
 * already sets a high peak. `--heap-snapshots` raises RSS too (the snapshot is built in memory).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { percentile } from '../bench/bench.ts';
import { freePort, startRedisServer } from '../test/fakes/redis-server.ts';
import { eventCallback, sendSigned, startFakeSlackApi } from '../test/fakes/slack-api.ts';
import { InspectorClient, inspectorUrl, type MemorySample } from './inspector.ts';
import { judgeMemory } from './memory-verdict.ts';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '600' },
    rate: { type: 'string', default: '20' },
    'redis-restart': { type: 'boolean', default: false },
    outage: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '15' },
    sample: { type: 'string', default: '30' },
    settle: { type: 'string', default: '10' },
    'heap-bound': { type: 'string', default: '16' },
    'heap-snapshots': { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const durationMs = Number(args.duration) * 1000;
const rate = Number(args.rate);
const outageMs = Number(args.outage) * 1000;
const warmupMs = Number(args.warmup) * 1000;
const sampleMs = Number(args.sample) * 1000;
const settleMs = Number(args.settle) * 1000;
const heapBoundMb = Number(args['heap-bound']);
const snapshotDir = args['heap-snapshots'];
if (
  !(durationMs > 0 && rate > 0 && rate <= 500 && outageMs >= 0 && warmupMs >= 0) ||
  !(sampleMs >= 1000 && settleMs >= 0 && heapBoundMb > 0)
) {
  process.stderr.write(
    'usage: soak [--duration S] [--rate N (1..500)] [--redis-restart] [--outage S] [--warmup S] [--sample S]\n' +
      '            [--settle S] [--heap-bound MB] [--heap-snapshots DIR] [--json]\n',
  );
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Incident events the bot wrote to Redis (one hash field each), and the incidents holding them. */
async function recordedIncidents(url: string): Promise<{ incidents: number; events: number }> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await client.connect();
    let incidents = 0;
    let events = 0;
    for (const workspace of await client.zrange('ksb:workspaces', '0', '-1')) {
      const ids = await client.zrange(`ksb:{${workspace}}:incidents`, '0', '-1');
      const pipeline = client.pipeline();
      for (const id of ids) pipeline.hlen(`ksb:{${workspace}}:incident:${id}`);
      const lengths = (await pipeline.exec()) ?? [];
      incidents += ids.length;
      events += lengths.reduce((sum, [, n]) => sum + Number(n), 0);
    }
    return { incidents, events };
  } finally {
    client.disconnect();
  }
}

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
// The inspector listens on loopback only, on a port of its own choosing, for this run's bot alone.
const bot = spawn(
  process.execPath,
  ['--disable-warning=ExperimentalWarning', '--inspect=127.0.0.1:0', 'adapters/main.ts'],
  {
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
  },
);
let botErrors = '';
bot.stderr?.on('data', (chunk: Buffer) => {
  if (botErrors.length < 4000) botErrors += chunk.toString('utf8');
});
const inspecting = inspectorUrl(bot.stderr!);

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
const tsBaseS = Math.floor(Date.now() / 1000);
let lost = 0;
let refused = 0;
/** Refused over the whole run, warm-up included: those the bot never took, so never recorded. */
let refusedTotal = 0;
async function sendOne(): Promise<void> {
  const n = ++seq;
  // Slack's ts is the send time in µs: here from the run's start, 1 ms apart, so that the incidents fall
  // within the retention (indexed) and every event has its own time (one stored event each).
  const ts = `${tsBaseS + Math.floor(n / 1000)}.${String((n % 1000) * 1000).padStart(6, '0')}`;
  const channel = `C${n % 50}`;
  const text = (templates[n % templates.length] as (x: string) => string)(letters(n));
  const body = JSON.stringify(
    eventCallback({ type: 'message', channel, channel_type: 'channel', user: 'U0SOAK', text, ts }),
  );
  sent.set(`${channel}/${ts}`, performance.now());
  const response = await sendSigned(`${base}/slack/events`, secret, body).catch(() => undefined);
  await response?.arrayBuffer();
  if (response?.status !== 200) {
    // Refused (503 busy, as Slack would redeliver it later) or failed: counted apart from the lost ones.
    refused += 1;
    refusedTotal += 1;
    sent.delete(`${channel}/${ts}`);
  }
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

/** Post-GC samples every `sampleMs` until `stop()`; a failed sample is skipped, not fatal. */
function sampleEvery(inspector: InspectorClient, into: MemorySample[]): { stop(): Promise<void> } {
  let running = true;
  const loop = (async () => {
    while (running) {
      await sleep(sampleMs);
      if (!running) break;
      const sample = await inspector.memory().catch(() => undefined);
      if (sample) into.push(sample);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
    },
  };
}

let inspector: InspectorClient | undefined;
try {
  inspector = await InspectorClient.connect(await inspecting);
  await waitReady(base, bot, 60_000);
  // Warm up (JIT, connections, caches), then measure from a clean slate.
  await stream(warmupMs);
  await sleep(2000);
  latencies.length = 0;
  lost = 0;
  refused = 0;
  duplicates = 0;
  sent.clear();
  if (snapshotDir) await mkdir(snapshotDir, { recursive: true });
  const memoryStart = await inspector.memory();
  if (snapshotDir) await inspector.heapSnapshot(join(snapshotDir, 'start.heapsnapshot'));
  const samples: MemorySample[] = [memoryStart];
  const sampler = sampleEvery(inspector, samples);
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
  // Let the last replies arrive, and the incident journal drain, before the last sample.
  for (let i = 0; i < 100 && sent.size > 0; i++) await sleep(100);
  lost += sent.size;
  await sleep(settleMs);
  await sampler.stop();
  const memoryEnd = await inspector.memory();
  samples.push(memoryEnd);
  if (snapshotDir) await inspector.heapSnapshot(join(snapshotDir, 'end.heapsnapshot'));
  const verdict = judgeMemory(samples, { boundMb: heapBoundMb });
  // Every event sent (warm-up included) is a problem the bot records once, whether Redis was up or not.
  const recorded = { ...(await recordedIncidents(redis.url)), eventsSent: seq, eventsRefused: refusedTotal };
  const allRecorded = recorded.events >= seq - refusedTotal;
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
    memory: {
      ...verdict,
      start: memoryStart,
      end: memoryEnd,
      peakHeapMb: Math.max(...samples.map((m) => m.heapMb)),
      peakRssMb: memoryEnd.maxRssMb,
      samples,
    },
    recorded,
    ...(redisNote ? { redisRestart: redisNote, repliesDuringOutage: outageReplies } : {}),
  };
  const m = result.memory;
  const lines = [
    `soak: ${result.durationS} s at ${rate} events/s against one bot process (Slack HTTP mode, Redis)${redisNote ? `, Redis ${redisNote}` : ''}`,
    `  events sent               ${result.events}`,
    `  replies                   ${result.replies} (lost ${lost}, refused ${refused}, duplicate replies ${duplicates})`,
    `  throughput                ${result.throughputPerS} replies/s`,
    `  event-to-reply p50 / p99  ${result.p50Ms} ms / ${result.p99Ms} ms (max ${result.maxMs} ms)`,
    ...(redisNote ? [`  replies during the outage ${outageReplies}`] : []),
    `  incidents in Redis        ${recorded.events} events in ${recorded.incidents} incidents, for ${seq} events sent (warm-up included, ${refusedTotal} refused)${allRecorded ? '' : ': SOME NOT RECORDED'}`,
    `  bot heap after GC         ${memoryStart.heapMb} MB → ${memoryEnd.heapMb} MB (peak ${m.peakHeapMb} MB, ${samples.length} samples)`,
    `  bot rss                   ${memoryStart.rssMb} MB → ${memoryEnd.rssMb} MB (peak ${m.peakRssMb} MB; ${memoryStart.maxRssMb} MB by the start)`,
    `  heap growth               ${m.growthMb} MB (bound ${m.boundMb} MB); second-half trend ${m.trendMbPerMin} MB/min (bound ${m.trendBoundMbPerMin} MB/min)`,
    `  memory verdict            ${m.verdict}${m.reasons.length > 0 ? `: ${m.reasons.join('; ')}` : ''}`,
    `  heap after GC, MB         ${samples.map((x) => `${x.atS}s ${x.heapMb}`).join(', ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (args.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  if (m.verdict === 'fail' || !allRecorded) process.exitCode = 1;
} catch (err) {
  process.stderr.write(`soak failed: ${err instanceof Error ? err.message : String(err)}\n${botErrors}\n`);
  process.exitCode = 1;
} finally {
  inspector?.close();
  bot.kill('SIGTERM');
  await Promise.race([once(bot, 'exit'), sleep(15_000)]);
  await api.close();
  await redis.close();
}
