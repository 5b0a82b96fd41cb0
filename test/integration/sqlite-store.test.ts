/**
 * SqliteStore beyond the contract: the record outlives the process, claims race across processes, and
 * a locked, replaced or unusable file degrades the way a Redis outage does.
 */
import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore, sqlitePath } from '../../adapters/sqlite/sqlite-store.ts';
import { createStore } from '../../adapters/store/create-store.ts';
import { BotError } from '../../src/errors.ts';
import type { Place } from '../../src/incidents/incident-event.ts';
import { IncidentLog } from '../../src/incidents/incident-log.ts';
import { silentLogger } from '../../src/log.ts';
import { eventually } from '../contract/store-contract.ts';
import { recordingLogger } from '../fakes/recording-logger.ts';
import { startSqlitePeer } from '../fakes/sqlite-peer.ts';
import { canMountTmpfs, mountTmpfs } from '../fakes/tmpfs.ts';

let root: string;
let dirs = 0;
/** A fresh state directory per test. */
const stateDir = (): string => join(root, `state-${++dirs}`);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ksb-sqlite-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const t0 = Date.now() - 3_600_000;
const place = (n: number): Place => ({
  platform: 'slack',
  workspaceId: 'T1',
  conversationId: 'C1',
  threadId: `${n}.0`,
});

async function recordIncident(incidents: IncidentLog, n: number, detail = ''): Promise<void> {
  await incidents.record({
    type: 'opened',
    id: `slack:${n}.0`,
    place: place(n),
    atMs: t0 + n * 1000,
    reporter: 'U1',
    kind: 'error',
    summary: `ImagePullBackOff #${n}${detail}`,
    confident: true,
    unanswered: false,
  });
  await incidents.record({ type: 'activity', id: `slack:${n}.1`, place: place(n), atMs: t0 + n * 1000 + 1, by: 'U2' });
}

const threads = async (incidents: IncidentLog): Promise<string[]> =>
  (await incidents.list({ fromMs: t0, toMs: Date.now() })).map((i) => i.place.threadId).sort();
const expected = (from: number, to: number): string[] =>
  Array.from({ length: to - from }, (_, i) => `${from + i}.0`).sort();

describe('SqliteStore keeps the record', () => {
  it('across a close and a reopen of the file', async () => {
    const path = sqlitePath(stateDir());
    const first = new SqliteStore({ path });
    await recordIncident(new IncidentLog({ store: first }), 1);
    await first.claim('seen:slack:Ev1', 600_000);
    await first.close();

    const second = new SqliteStore({ path });
    try {
      expect(await threads(new IncidentLog({ store: second }))).toEqual(['1.0']);
      expect(await second.claim('seen:slack:Ev1', 600_000)).toBe(false);
    } finally {
      await second.close();
    }
  });

  it('with each write committed before its promise resolves, visible to another connection at once', async () => {
    const path = sqlitePath(stateDir());
    const writer = new SqliteStore({ path });
    const reader = new SqliteStore({ path });
    try {
      await writer.hashSet('h', { a: '1' });
      expect(await reader.hashGetAll('h')).toEqual({ a: '1' });
      // Not awaited: a read on the same store still sees it, since reads commit the writes before them.
      void writer.set('k', 'v');
      expect(await writer.get('k')).toBe('v');
    } finally {
      await writer.close();
      await reader.close();
    }
  });

  it('moves committed pages into the database file from its checkpointer thread', async () => {
    const path = sqlitePath(stateDir());
    const store = new SqliteStore({ path, checkpointIntervalMs: 20 });
    try {
      const before = statSync(path).size;
      // About 500 KB: far below SQLite's own threshold (1000 pages, 4 MB), so only the thread copies it.
      for (let i = 0; i < 500; i++) await store.hashSet(`h${i}`, { f: 'x'.repeat(1000) });
      await eventually(async () => expect(statSync(path).size).toBeGreaterThan(before + 400_000));
    } finally {
      await store.close();
    }
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('deletes expired keys in the background, not only hiding them', async () => {
    const path = sqlitePath(stateDir());
    const store = new SqliteStore({ path, checkIntervalMs: 20, sweepIntervalMs: 20 });
    try {
      await store.hashSet('gone', { a: '1' }, 30);
      await store.indexAdd('gone-too', 'm', 1, { ttlMs: 30 });
      await store.set('kept', 'v');
      const raw = new DatabaseSync(path, { readOnly: true });
      try {
        const count = (table: string): number =>
          Number((raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);
        expect(count('hash_fields')).toBe(1);
        await eventually(async () => expect(count('entries')).toBe(1));
        expect(count('hash_fields')).toBe(0);
        expect(count('index_members')).toBe(0);
      } finally {
        raw.close();
      }
      expect(await store.get('kept')).toBe('v');
    } finally {
      await store.close();
    }
  });
});

describe('SqliteStore shared by two processes', () => {
  it('lets exactly one of two processes claim each event id', async () => {
    const path = sqlitePath(stateDir());
    // The schema exists before the race, as when a server is already running.
    await new SqliteStore({ path }).close();
    const peers = [
      startSqlitePeer(['claim', path, 'seen:slack:Ev', '400']),
      startSqlitePeer(['claim', path, 'seen:slack:Ev', '400']),
    ];
    for (const peer of peers) expect(await peer.line()).toBe('ready');
    for (const peer of peers) peer.send('go');
    const won = await Promise.all(peers.map(async (peer) => JSON.parse(await peer.line()) as string[]));
    for (const peer of peers) expect(await peer.exited).toBe(0);

    const all = [...won[0]!, ...won[1]!];
    expect(all).toHaveLength(400);
    expect(new Set(all).size).toBe(400);
  });
});

describe('SqliteStore when the file cannot be written', () => {
  it('journals while another writer holds the lock, logs one line each way, and writes the journal after', async () => {
    const path = sqlitePath(stateDir());
    const log = recordingLogger();
    const store = new SqliteStore({ path, log, busyTimeoutMs: 100 });
    const incidents = new IncidentLog({ store, log, retryMs: 50 });
    const peer = startSqlitePeer(['lock', path]);
    try {
      for (let n = 0; n < 20; n++) await recordIncident(incidents, n);
      expect(await peer.line()).toBe('locked');
      for (let n = 20; n < 40; n++) await recordIncident(incidents, n);
      expect(incidents.pending).toBeGreaterThan(0);
      // Readers are not blocked by a writer in WAL mode: the record can still be read meanwhile.
      expect(await threads(incidents)).toEqual(expected(0, 20));
      await expect(store.claim('seen:slack:Ev9', 60_000)).rejects.toMatchObject({ code: 'store_unavailable' });

      peer.send('release');
      expect(await peer.line()).toBe('released');
      await eventually(async () => expect(incidents.pending).toBe(0));
      expect(await threads(incidents)).toEqual(expected(0, 40));

      const msgs = log.lines.map((l) => l.msg);
      expect(msgs.filter((m) => m.startsWith('sqlite unavailable'))).toHaveLength(1);
      expect(msgs.filter((m) => m === 'sqlite available again')).toHaveLength(1);
      expect(msgs).toContain('incident store back: journal written');
      expect(log.lines.find((l) => l.msg.startsWith('sqlite unavailable'))?.obj).toMatchObject({
        path,
        reason: expect.stringContaining('locked by another process'),
      });
    } finally {
      peer.send('release');
      await peer.exited;
      await incidents.close();
      await store.close();
    }
  });

  it('journals while the file is replaced by one that is not a database, and writes the journal to a new one', async () => {
    const path = sqlitePath(stateDir());
    const log = recordingLogger();
    const store = new SqliteStore({ path, log, checkIntervalMs: 20, reopenIntervalMs: 20 });
    const incidents = new IncidentLog({ store, log, retryMs: 50 });
    try {
      for (let n = 0; n < 10; n++) await recordIncident(incidents, n);
      // The record is damaged under the running bot: garbage where the file and its WAL were. (A WAL left
      // beside a replaced file would be read as part of it: SQLite's files go or stay together.)
      await rm(`${path}-wal`);
      await rm(`${path}-shm`);
      await writeFile(`${path}.garbage`, 'this is not a database, '.repeat(400));
      await rename(`${path}.garbage`, path);
      await eventually(async () =>
        expect(log.lines.map((l) => l.msg)).toContain('sqlite unavailable: store calls fail fast until it returns'),
      );
      for (let n = 10; n < 20; n++) await recordIncident(incidents, n);
      expect(incidents.pending).toBeGreaterThan(0);
      await expect(store.get('anything')).rejects.toBeInstanceOf(BotError);

      // The operator moves the broken file aside: the bot starts a new record and writes what it kept.
      await rename(path, `${path}.broken`);
      await eventually(async () => expect(incidents.pending).toBe(0));
      expect(await threads(incidents)).toEqual(expected(10, 20));

      const msgs = log.lines.map((l) => l.msg);
      expect(msgs).toContain('sqlite file removed or replaced: reopening');
      expect(msgs.filter((m) => m.startsWith('sqlite unavailable'))).toHaveLength(1);
      expect(log.lines.find((l) => l.msg.startsWith('sqlite unavailable'))?.obj).toMatchObject({
        reason: expect.stringContaining('not a SQLite database'),
      });
      expect(msgs.filter((m) => m === 'sqlite available again')).toHaveLength(1);
    } finally {
      await incidents.close();
      await store.close();
    }
  });

  it.skipIf(!canMountTmpfs())(
    'journals while the disk is full and writes the journal once space is freed (on a tmpfs; needs root)',
    async () => {
      const dir = stateDir();
      await mkdir(dir);
      const disk = mountTmpfs(dir, 512);
      const log = recordingLogger();
      const store = new SqliteStore({ path: sqlitePath(dir), log });
      const incidents = new IncidentLog({ store, log, retryMs: 50 });
      try {
        for (let n = 0; n < 5; n++) await recordIncident(incidents, n);
        await disk.fill();
        // The WAL has room for a few more commits; it grows past the disk within these.
        let recorded = 5;
        for (; recorded < 400 && incidents.pending === 0; recorded++) {
          await recordIncident(incidents, recorded, 'x'.repeat(2000));
        }
        expect(incidents.pending).toBeGreaterThan(0);
        expect(log.lines.find((l) => l.msg.startsWith('sqlite unavailable'))?.obj).toMatchObject({
          reason: expect.stringContaining('the disk is full'),
        });
        // Reading needs no space: the handoff still works meanwhile.
        expect((await threads(incidents)).length).toBeGreaterThanOrEqual(5);

        await disk.free();
        await eventually(async () => expect(incidents.pending).toBe(0));
        expect(await threads(incidents)).toEqual(expected(0, recorded));
        const msgs = log.lines.map((l) => l.msg);
        expect(msgs.filter((m) => m.startsWith('sqlite unavailable'))).toHaveLength(1);
        expect(msgs.filter((m) => m === 'sqlite available again')).toHaveLength(1);
        expect(msgs).toContain('incident store back: journal written');
      } finally {
        await incidents.close();
        await store.close();
        disk.unmount();
      }
    },
  );

  it.each([
    {
      name: 'a file that is not a database',
      prepare: async (dir: string) => {
        await rm(dir, { recursive: true, force: true });
        await mkdtemp(join(root, 'x')).then((d) => rename(d, dir));
        await writeFile(sqlitePath(dir), 'not a database, '.repeat(100));
      },
      reason: /the file is not a SQLite database .*Move the file aside to start a new record/,
    },
    {
      name: 'a path through a file',
      prepare: async (dir: string) => {
        await writeFile(dir, 'a file where the directory should be');
        return join(dir, 'state');
      },
      reason: /a part of the path is a file, not a directory \(E(NOTDIR|EXIST)\)/,
    },
  ])('fails start-up for $name, naming STATE_DIR and the path', async ({ prepare, reason }) => {
    const given = stateDir();
    const dir = (await prepare(given)) ?? given;
    let error: unknown;
    try {
      createStore({ kind: 'sqlite', stateDir: dir }, silentLogger);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(BotError);
    expect(error).toMatchObject({ code: 'config_invalid' });
    expect((error as Error).message).toContain(`STATE_DIR=${dir}: cannot keep the record in ${sqlitePath(dir)}: `);
    expect((error as Error).message).toMatch(reason);
  });
});
