/**
 * Another process on the same SQLite file, driven by test/fakes/sqlite-peer.ts over stdin/stdout:
 *
 *   lock <path>                   BEGIN IMMEDIATE and hold it; prints "locked", commits on "release"
 *   claim <path> <prefix> <count> opens a SqliteStore; on "go" claims <prefix>0 … <prefix><count-1> one
 *                                 transaction each (racing the other process id by id) and prints the
 *                                 ids it won as one JSON array
 */

import { createInterface } from 'node:readline';
import { DatabaseSync } from 'node:sqlite';
import { SqliteStore } from '../../adapters/sqlite/sqlite-store.ts';

const [command, path, ...rest] = process.argv.slice(2);
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const nextLine = async (): Promise<string | undefined> => (await lines.next()).value as string | undefined;

if (command === 'lock' && path) {
  const db = new DatabaseSync(path);
  db.exec('BEGIN IMMEDIATE');
  // A write, so the lock is a writer's: readers in WAL mode still read around it.
  db.exec("INSERT INTO entries (key, kind, value) VALUES ('peer:lock', 'string', '1') ON CONFLICT (key) DO NOTHING");
  process.stdout.write('locked\n');
  while ((await nextLine()) !== 'release') {}
  db.exec('COMMIT');
  db.close();
  process.stdout.write('released\n');
} else if (command === 'claim' && path) {
  const [prefix = 'ev', count = '100'] = rest;
  const store = new SqliteStore({ path, busyTimeoutMs: 5000 });
  process.stdout.write('ready\n');
  while ((await nextLine()) !== 'go') {}
  const won: string[] = [];
  for (let i = 0; i < Number(count); i++) {
    if (await store.claim(`${prefix}${i}`, 600_000)) won.push(`${prefix}${i}`);
  }
  process.stdout.write(`${JSON.stringify(won)}\n`);
  await store.close();
} else {
  process.stderr.write('usage: sqlite-peer-process.ts lock <path> | claim <path> <prefix> <count>\n');
  process.exitCode = 2;
}
process.stdin.destroy();
