import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../../adapters/redis/redis-store.ts';
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
      ['--disable-warning=ExperimentalWarning', 'adapters/cli/main.ts', ...args],
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
  dir = await mkdtemp(join(tmpdir(), 'ksb-record-'));
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('npm run cli -- record', () => {
  it('moves the record from Redis to SQLite: the same handoff from both, once however often imported', async () => {
    const store = new RedisStore({ url: redis.url, commandTimeoutMs: 10_000 });
    await store.ready();
    const incidents = new IncidentLog({ store });
    for (const event of dayOfIncidents()) await incidents.record(event);
    await store.close();
    const fromRedis = { REDIS_URL: redis.url, REDIS_TIMEOUT_MS: '10000' };
    // A reaction on a thread the bot never answered is no incident: it is not part of the record's export.
    const opened = new Set(dayOfIncidents().flatMap((e) => (e.type === 'opened' ? [e.place.threadId] : [])));
    const day = dayOfIncidents().filter((e) => opened.has(e.place.threadId));
    const counted = `${day.length} events (${opened.size} incidents)`;
    const toSqlite = { STATE_DIR: join(dir, 'state') };

    const exported = await cli(['record', 'export'], fromRedis);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toBe(`exported ${counted} from redis ${redis.url}\n`);
    expect(exported.stdout.trim().split('\n')).toHaveLength(day.length);
    const file = join(dir, 'record.jsonl');
    await writeFile(file, exported.stdout);
    for (let i = 0; i < 2; i++) {
      const imported = await cli(['record', 'import', file], toSqlite);
      expect(imported.stderr).toBe(`imported ${counted} into sqlite ${join(dir, 'state', 'kube-support-bot.db')}\n`);
      expect(imported.code).toBe(0);
    }

    const handoff = ['handoff', ...window, '--workspace', 'T0SEOUL', '--json'];
    const before = await cli(handoff, fromRedis);
    const after = await cli(handoff, toSqlite);
    expect(before.code).toBe(0);
    expect(JSON.parse(after.stdout)).toEqual(JSON.parse(before.stdout));
    expect(JSON.parse(after.stdout).totals).toMatchObject({ incidents: 8, open: 5, resolved: 2, dismissed: 1 });
    // Exporting the imported record gives the same lines back.
    expect((await cli(['record', 'export'], toSqlite)).stdout).toBe(exported.stdout);
  });

  it('never exports a secret, even from records kept before summaries were redacted', async () => {
    // Written as an older version stored them: the paste's first line, unredacted, straight into the hash.
    const store = new RedisStore({ url: redis.url, commandTimeoutMs: 10_000 });
    await store.ready();
    const atMs = Date.now() - 60_000;
    for (const [i, sample] of secretSamples.entries()) {
      const place = { platform: 'slack' as const, workspaceId: 'T0OLD', conversationId: 'C0OLD', threadId: `old-${i}` };
      const event = { type: 'opened', id: `slack:old-${i}`, place, atMs, reporter: 'U0ALICE', kind: 'error' };
      const stored = { ...event, summary: sample.paste, confident: false, unanswered: true };
      const id = incidentId(place);
      await store.hashSet(incidentKeys.incident('T0OLD', id), { [`e:${event.id}`]: JSON.stringify(stored) });
      await store.indexAdd(incidentKeys.workspaceIndex('T0OLD'), id, atMs, {});
    }
    await store.close();
    const result = await cli(['record', 'export', '--workspace', 'T0OLD'], {
      REDIS_URL: redis.url,
      REDIS_TIMEOUT_MS: '10000',
    });
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(secretSamples.length);
    expect(secretSamples.filter((s) => result.stdout.includes(s.secret)).map((s) => s.kind)).toEqual([]);
  });

  it.each<{ name: string; args: string[]; env?: Record<string, string>; message: RegExp }>([
    {
      name: 'no action',
      args: ['record'],
      message: /^record needs export or import\nusage: npm run -s cli -- record export/,
    },
    {
      name: 'nothing to export',
      args: ['record', 'export'],
      env: { STATE_DIR: '/nonexistent/ksb' },
      message: /no incident record: \/nonexistent\/ksb\/kube-support-bot.db does not exist/,
    },
    {
      name: 'a window it cannot read',
      args: ['record', 'export', 'soon'],
      env: { STORE: 'redis', REDIS_URL: 'redis://127.0.0.1:1' },
      message: /I don't understand the window "soon"/,
    },
    {
      name: 'a file that is not events',
      args: ['record', 'import', 'package.json'],
      message: /package.json:1: not JSON/,
    },
    { name: 'two files', args: ['record', 'import', 'a', 'b'], message: /record import takes one FILE/ },
  ])('exits 2 with a clear message for $name', async ({ args, env, message }) => {
    const result = await cli(args, { STATE_DIR: join(dir, 'unused'), ...env });
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
  });
});
