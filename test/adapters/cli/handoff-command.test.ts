import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../../adapters/redis/redis-store.ts';
import { SqliteStore, sqlitePath } from '../../../adapters/sqlite/sqlite-store.ts';
import { incidentId, incidentKeys } from '../../../src/incidents/incident-keys.ts';
import { IncidentLog } from '../../../src/incidents/incident-log.ts';
import { dayOfIncidents } from '../../fakes/incident-day.ts';
import { type RedisServer, startRedisServer } from '../../fakes/redis-server.ts';
import { secretSamples } from '../../fakes/secret-samples.ts';

const run = promisify(execFile);
const cli = async (args: string[], env: Record<string, string> = {}) => {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', 'adapters/cli/main.ts', 'handoff', ...args],
      { env: { PATH: process.env['PATH'] ?? '', HANDOFF_TIMEZONE: 'Asia/Seoul', BOT_LANGUAGE: 'en', ...env } },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};
const window = ['2026-11-23', '09:00..21:00'];

let dir: string;
let redis: RedisServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ksb-cli-'));
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('npm run cli -- handoff', () => {
  it('prints the handoff of incident events read from a JSON lines file', async () => {
    const file = join(dir, 'day.jsonl');
    await writeFile(
      file,
      dayOfIncidents()
        .map((e) => JSON.stringify(e))
        .join('\n'),
    );
    const result = await cli([...window, '--channel', 'C0SUPPORT', '--events', file]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Handoff for C0SUPPORT: 2026-11-23 09:00 – 21:00 \(Asia\/Seoul\)\n8 incidents: 5 open/,
    );
  });

  it('reads the record the bot keeps in Redis when REDIS_URL is set', async () => {
    const store = new RedisStore({ url: redis.url, commandTimeoutMs: 10_000 });
    await store.ready();
    const incidents = new IncidentLog({ store });
    for (const event of dayOfIncidents()) await incidents.record(event);
    await store.close();
    const result = await cli([...window, '--workspace', 'T0SEOUL', '--json'], {
      REDIS_URL: redis.url,
      REDIS_TIMEOUT_MS: '10000',
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).totals).toEqual({
      incidents: 8,
      open: 5,
      resolved: 2,
      dismissed: 1,
      unanswered: 2,
      followUps: 4,
    });
  });

  it('never prints a secret, even from records kept before summaries were redacted', async () => {
    // Written as an older version stored them: the paste's first line, unredacted, straight into the hash.
    const store = new RedisStore({ url: redis.url, commandTimeoutMs: 10_000 });
    await store.ready();
    const atMs = Date.now() - 60_000;
    for (const [i, sample] of secretSamples.entries()) {
      const place = { platform: 'slack' as const, workspaceId: 'T0OLD', conversationId: 'C0OLD', threadId: `old-${i}` };
      const event = {
        type: 'opened',
        id: `slack:old-${i}`,
        place,
        atMs,
        reporter: 'U0ALICE',
        kind: 'error',
        summary: sample.paste,
        confident: false,
        unanswered: true,
      };
      const id = incidentId(place);
      await store.hashSet(incidentKeys.incident('T0OLD', id), { [`e:${event.id}`]: JSON.stringify(event) });
      await store.indexAdd(incidentKeys.channelIndex('T0OLD', 'C0OLD'), id, atMs, {});
    }
    await store.close();
    const result = await cli(['1h', '--workspace', 'T0OLD', '--channel', 'C0OLD', '--all'], {
      REDIS_URL: redis.url,
      REDIS_TIMEOUT_MS: '10000',
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${secretSamples.length} incidents`);
    expect(secretSamples.filter((s) => result.stdout.includes(s.secret)).map((s) => s.kind)).toEqual([]);
  });

  it('reads the SQLite record in STATE_DIR by default', async () => {
    const stateDir = join(dir, 'state');
    const store = new SqliteStore({ path: sqlitePath(stateDir) });
    const incidents = new IncidentLog({ store });
    for (const event of dayOfIncidents()) await incidents.record(event);
    await store.close();
    const result = await cli([...window, '--workspace', 'T0SEOUL', '--json'], { STATE_DIR: stateDir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).totals).toMatchObject({ incidents: 8, open: 5, resolved: 2, dismissed: 1 });
  });

  it.each<{ name: string; args: string[]; env?: Record<string, string>; message: RegExp }>([
    {
      name: 'no record in STATE_DIR',
      args: [],
      env: { STATE_DIR: '/nonexistent/ksb' },
      message:
        /no incident record: \/nonexistent\/ksb\/kube-support-bot.db does not exist: run this where the bot runs, set STATE_DIR .* or pass --events FILE/,
    },
    {
      name: 'a record kept in memory',
      args: [],
      env: { STORE: 'memory' },
      message: /no incident record: STORE=memory keeps the record inside the bot's process, or pass --events FILE/,
    },
    {
      name: 'a window it cannot read',
      args: ['soon', '--events', '/dev/null'],
      message: /I don't understand the window "soon"/,
    },
    { name: 'a file that is not events', args: ['--events', 'package.json'], message: /package.json:1: not JSON/ },
    {
      name: 'an unknown option',
      args: ['--chanel', 'C1'],
      message: /^unknown option --chanel\nusage: npm run -s cli -- handoff/,
    },
  ])('exits 2 with a clear message for $name', async ({ args, message, env }) => {
    const result = await cli(args, env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('exits 1 with the reason when Redis does not answer', async () => {
    const result = await cli(['12h'], { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/handoff failed: The incident record \(Redis\) is unavailable/);
  });
});
