import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { SqliteStore, sqlitePath } from '../../adapters/sqlite/sqlite-store.ts';
import { storeContract } from './store-contract.ts';

let dir: string;
let store: SqliteStore;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ksb-sqlite-'));
  store = new SqliteStore({ path: sqlitePath(dir) });
});

afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

storeContract('SqliteStore', () => store);
