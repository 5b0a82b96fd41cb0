/**
 * Slack end to end on loopback: signed events through Bolt's real HTTPReceiver, the real matcher over the
 * shipped knowledge, replies posted to a local Web API. Measures events per second to a posted reply and
 * event-to-reply latency (request sent → chat.postMessage received). The bot runs on the main thread; the
 * load and the Web API run in a worker (bench/slack-load.ts).
 *
 *   npm run bench -- --only slack            (with the other benchmarks: npm run bench)
 *   npm run -s bench:slack [-- --events 2000 --concurrency 16 --json]
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { createSlackAdapter } from '../adapters/slack/slack-adapter.ts';
import { createBot } from '../src/bot.ts';
import { FileKnowledgeSource } from '../src/knowledge/file-knowledge-source.ts';
import { silentLogger } from '../src/log.ts';
import { matcherFromSource } from '../src/matching/load-matcher.ts';
import { MemoryStore } from '../src/store/memory-store.ts';
import type { Bench } from './bench.ts';
import type { LoadRequest, LoadResult } from './slack-load.ts';

export interface SlackBenchResult {
  readonly events: number;
  readonly concurrency: number;
  readonly events_per_s: number;
  readonly p50_ms: number;
  readonly p99_ms: number;
  readonly max_ms: number;
  readonly unanswered: number;
  /** CPU time of the bot's thread per event: what one core can sustain is 1000 / this, whatever else runs. */
  readonly cpu_ms_per_event: number;
}

export async function runSlackBench(
  options: { events?: number; concurrency?: number; root?: string } = {},
): Promise<SlackBenchResult> {
  const events = options.events ?? 2000;
  const concurrency = options.concurrency ?? 16;
  const secret = 'bench-secret';
  const botToken = 'xoxb-bench';
  const root = options.root ?? fileURLToPath(new URL('../', import.meta.url));
  const { matcher } = await matcherFromSource(new FileKnowledgeSource({ root }), join(root, 'knowledge', 'lexicon'));

  const worker = new Worker(new URL('./slack-load.ts', import.meta.url), { workerData: { botToken } });
  const next = <T>() =>
    new Promise<T>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  const { apiUrl } = await next<{ apiUrl: string }>();
  const store = new MemoryStore();
  const adapter = createSlackAdapter({
    bot: createBot({ matcher, store, language: 'ko' }),
    store,
    log: silentLogger,
    config: { mode: 'http', botToken, signingSecret: secret, apiUrl, port: 0 },
    listen: { port: 0, host: '127.0.0.1' },
  });
  await adapter.start();
  try {
    const request: LoadRequest = {
      eventsUrl: `http://127.0.0.1:${adapter.port()}/slack/events`,
      secret,
      events,
      warmup: Math.min(300, events),
      concurrency,
    };
    const measuring = next<{ phase: 'measure' }>();
    worker.postMessage(request);
    await measuring;
    const cpuBefore = process.threadCpuUsage();
    const result = await next<LoadResult>();
    const cpu = process.threadCpuUsage(cpuBefore);
    const latencies = result.latenciesMs.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
    return {
      events,
      concurrency,
      events_per_s: Math.round(latencies.length / (result.elapsedMs / 1000)),
      p50_ms: round(at(0.5)),
      p99_ms: round(at(0.99)),
      max_ms: round(latencies.at(-1) ?? Number.NaN),
      unanswered: result.unanswered,
      cpu_ms_per_event: round((cpu.user + cpu.system) / 1000 / Math.max(1, latencies.length)),
    };
  } finally {
    await adapter.stop();
    worker.postMessage('close');
    await new Promise((resolve) => worker.once('exit', resolve));
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** The table `npm run bench` prints for this part. */
export function formatSlackBench(result: SlackBenchResult): string {
  const rows: [string, string][] = [
    ['events (concurrency)', `${result.events} (${result.concurrency})`],
    ['events/s, HTTP receiver → posted reply', String(result.events_per_s)],
    ['event-to-reply p50', `${result.p50_ms} ms`],
    ['event-to-reply p99', `${result.p99_ms} ms`],
    ['event-to-reply max', `${result.max_ms} ms`],
    ['unanswered', String(result.unanswered)],
    ['bot thread CPU per event', `${result.cpu_ms_per_event} ms`],
  ];
  return `Slack (loopback, real matcher)\n${rows.map(([k, v]) => `  ${k.padEnd(40)} ${v}`).join('\n')}\n`;
}

const bench: Bench = {
  name: 'slack',
  async run(ctx) {
    ctx.log('signed events → HTTPReceiver → bot → chat.postMessage on a local Web API (load in a worker thread)');
    const { events, concurrency, ...figures } = await runSlackBench({ root: ctx.root });
    ctx.log(`${events} events, ${concurrency} in flight`);
    return { slack: figures };
  },
};
export default bench;

if (import.meta.main) {
  const { values } = parseArgs({
    options: { events: { type: 'string' }, concurrency: { type: 'string' }, json: { type: 'boolean' } },
  });
  const result = await runSlackBench({
    ...(values.events ? { events: Number(values.events) } : {}),
    ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
  });
  process.stdout.write(formatSlackBench(result));
  if (values.json) process.stdout.write(`${JSON.stringify({ slack: result })}\n`);
}
