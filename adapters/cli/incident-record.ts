/**
 * The incident record as the CLI commands reach it (`handoff`, `record`): through the same store settings
 * as `npm start`, so a terminal beside the bot reads and writes the bot's own record.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncidentEvent } from '../../src/incidents/incident-event.ts';
import { IncidentLog } from '../../src/incidents/incident-log.ts';
import { silentLogger } from '../../src/log.ts';
import type { StoreConfig } from '../../src/store/store-config.ts';
import { RedisStore } from '../redis/redis-store.ts';
import { sqlitePath } from '../sqlite/sqlite-store.ts';
import { type ClosableStore, createStore } from '../store/create-store.ts';
import type { CliMessages } from './cli-messages.ts';
import { readStdin } from './read-stdin.ts';

/** Why there is no record to read with these settings, or undefined when there may be one. */
export function missingRecord(config: StoreConfig, t: CliMessages): string | undefined {
  switch (config.kind) {
    case 'memory':
      return t.recordInMemory;
    case 'sqlite': {
      const path = sqlitePath(config.stateDir);
      return existsSync(path) ? undefined : t.recordFileMissing(path);
    }
    case 'redis':
      return undefined;
  }
}

/** The store the settings name; Redis is waited for, so a Redis that is down fails here. */
export async function openStore(config: StoreConfig): Promise<ClosableStore> {
  const store = createStore(config, silentLogger);
  if (store instanceof RedisStore) {
    try {
      await store.ready();
    } catch (err) {
      await store.close();
      throw err;
    }
  }
  return store;
}

/** The store and the incident log over it. */
export async function openRecord(
  config: StoreConfig,
  retentionDays: number,
): Promise<{ readonly store: ClosableStore; readonly incidents: IncidentLog }> {
  const store = await openStore(config);
  return { store, incidents: new IncidentLog({ store, retentionDays }) };
}

/** Incident events from JSON lines (`-`: stdin), or a message naming the first line that is not one. */
export async function readEventLines(path: string, t: CliMessages): Promise<IncidentEvent[] | string> {
  let text: string;
  try {
    text = path === '-' ? await readStdin() : await readFile(path, 'utf8');
  } catch (err) {
    return t.cannotRead(path, (err as NodeJS.ErrnoException).code ?? String(err));
  }
  const events: IncidentEvent[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    let event: IncidentEvent;
    try {
      event = JSON.parse(line) as IncidentEvent;
    } catch {
      return t.notJson(`${path}:${i + 1}`);
    }
    if (typeof event !== 'object' || event === null || typeof event.atMs !== 'number' || !event.place?.threadId) {
      return t.notIncidentEvent(`${path}:${i + 1}`);
    }
    events.push(event);
  }
  return events;
}
