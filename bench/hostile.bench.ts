/**
 * How long hostile pastes hold the event loop: the whole process (Slack in HTTP mode, Teams, the
 * playground, the shipped knowledge) handles the seeded hostile set (test/fakes/hostile-text.ts) through
 * each entry point while perf_hooks.monitorEventLoopDelay watches the main thread. The requests are built
 * and the replies caught in a worker thread (bench/hostile-load.ts), so the figures are the bot's.
 *
 *   npm run bench -- --only hostile
 *   node_modules/.bin/node --disable-warning=ExperimentalWarning bench/hostile.bench.ts [--json]
 *
 * Figures: the longest stall (max event-loop delay), its p99, and the slowest single paste per platform
 * from request to reply.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { pino } from 'pino';
import { startApp } from '../adapters/app.ts';
import { loadSettings } from '../adapters/settings.ts';
import { loadMatcher } from '../src/matching/load-matcher.ts';
import type { Bench, Figures } from './bench.ts';
import type { HostileLoadRequest, HostileTiming } from './hostile-load.ts';

export interface HostileBenchResult {
  readonly figures: Figures;
  /** The slowest pastes, for the reader. */
  readonly slowest: readonly HostileTiming[];
}

export async function runHostileBench(root: string): Promise<HostileBenchResult> {
  const secret = 'bench-hostile-secret';
  const botToken = 'xoxb-bench';
  const worker = new Worker(new URL('./hostile-load.ts', import.meta.url), { workerData: { botToken } });
  // Listened for from the start: a worker that fails exits before the bench reaches its clean-up.
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  const next = <T>() =>
    new Promise<T>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  const { apiUrl } = await next<{ apiUrl: string }>();
  const settings = loadSettings({
    PORT: '0',
    KNOWLEDGE_WATCH: 'false',
    // A benchmark keeps no record: the default store is the user's SQLite file, whose claims would make a
    // second run's (deterministic) Slack events look already answered.
    STORE: 'memory',
    SLACK_MODE: 'http',
    SLACK_BOT_TOKEN: botToken,
    SLACK_SIGNING_SECRET: secret,
    SLACK_API_URL: apiUrl,
    TEAMS_ALLOW_UNAUTHENTICATED: 'true',
    PLAYGROUND: 'on',
    BOT_LANGUAGE: 'en',
  });
  const app = await startApp({
    settings,
    log: pino({ level: 'silent' }),
    loadKnowledge: async () => {
      const loaded = await loadMatcher('knowledge', { root });
      return { base: loaded.knowledge, matcher: loaded.matcher };
    },
  });
  const delay = monitorEventLoopDelay({ resolution: 5 });
  try {
    const done = next<HostileTiming[]>();
    delay.enable();
    worker.postMessage({ appUrl: app.url, secret } satisfies HostileLoadRequest);
    const timings = await done;
    delay.disable();
    const slowest = (platform: HostileTiming['platform']) =>
      Math.max(...timings.filter((t) => t.platform === platform).map((t) => t.ms));
    return {
      figures: {
        pastes: timings.length,
        unanswered: timings.filter((t) => t.outcome !== 'replied' && !t.outcome.startsWith('refused 4')).length,
        max_stall_ms: delay.max / 1e6,
        p99_stall_ms: delay.percentile(99) / 1e6,
        slowest_slack_ms: slowest('slack'),
        slowest_teams_ms: slowest('teams'),
        slowest_playground_ms: slowest('playground'),
      },
      slowest: [...timings].sort((a, b) => b.ms - a.ms).slice(0, 5),
    };
  } finally {
    delay.disable();
    await app.stop('bench');
    await exited;
  }
}

const bench: Bench = {
  name: 'hostile',
  async run(ctx) {
    ctx.log('seeded hostile pastes through Slack, Teams and the playground; event loop watched on the main thread');
    const { figures, slowest } = await runHostileBench(ctx.root);
    for (const t of slowest) ctx.log(`${t.platform}: ${t.name}: ${Math.round(t.ms)} ms (${t.outcome})`);
    return { hostile: figures };
  },
};
export default bench;

if (import.meta.main) {
  const { values } = parseArgs({ options: { json: { type: 'boolean' } } });
  const { figures, slowest } = await runHostileBench(new URL('../', import.meta.url).pathname);
  for (const [k, v] of Object.entries(figures)) process.stdout.write(`  ${k.padEnd(24)} ${Math.round(v * 10) / 10}\n`);
  for (const t of slowest) process.stdout.write(`  slow: ${t.platform}: ${t.name}: ${Math.round(t.ms)} ms\n`);
  if (values.json) process.stdout.write(`${JSON.stringify({ hostile: figures })}\n`);
}
