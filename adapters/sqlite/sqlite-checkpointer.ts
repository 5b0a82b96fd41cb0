/**
 * A worker thread that checkpoints the SQLite store's WAL: copying committed pages into the database file
 * and the fsyncs that makes durable happen here, not on the bot's event loop (where SQLite's automatic
 * checkpoint would stall every answer for as long as the disk takes). PASSIVE checkpoints wait for
 * nobody: readers and the writer carry on meanwhile. Started and stopped by SqliteStore.
 *
 * workerData: { path, intervalMs }. Messages in: 'stop'. Messages out: 'ready', { error }.
 */
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';

const { path, intervalMs } = workerData as { path: string; intervalMs: number };
const port = parentPort!;
const db = new DatabaseSync(path, { timeout: 1000 });
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');

const timer = setInterval(() => {
  try {
    checkpoint.get();
  } catch (err) {
    // The store logs it; a failed checkpoint is retried at the next tick.
    port.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
}, intervalMs);

port.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  port.close();
});
port.postMessage('ready');
