import { closeSync, mkdirSync, openSync, rmSync, type Stats, statSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import { atMostEvery, type Logger, silentLogger } from '../../src/log.ts';
import type { IndexAddOptions, Store } from '../../src/store/store.ts';
import { StoreHealth, storeUnavailable } from '../store/store-health.ts';
import { describeSqliteError, isFileProblem, isLocked } from './sqlite-errors.ts';
import { migrate } from './sqlite-schema.ts';

/** The database file's name inside STATE_DIR. */
export const sqliteFileName = 'kube-support-bot.db';

/** The absolute path of the database file in `stateDir` (relative to the working directory). */
export function sqlitePath(stateDir: string): string {
  return resolve(stateDir, sqliteFileName);
}

export interface SqliteStoreOptions {
  /** The database file; see `sqlitePath`. */
  readonly path: string;
  readonly log?: Logger;
  /**
   * Longest wait for another process's write lock before a call fails; default 250 ms. The wait blocks
   * the event loop, so it is short, and once a lock has made the store unavailable later calls do not
   * wait at all until a write goes through again.
   */
  readonly busyTimeoutMs?: number;
  /** How often the file's identity is checked (removed or replaced under the bot); default 1000 ms. */
  readonly checkIntervalMs?: number;
  /** How often a worker thread checkpoints the WAL into the database file; default 1000 ms. */
  readonly checkpointIntervalMs?: number;
  /** How often expired keys are deleted; default 60 s. Reads ignore them meanwhile. */
  readonly sweepIntervalMs?: number;
  /** Least time between two attempts to reopen a file that failed (corrupt, unreadable); default 1000 ms. */
  readonly reopenIntervalMs?: number;
  readonly now?: () => number;
}

/** Prepared statements of one connection. */
interface Statements {
  readonly get: StatementSync;
  readonly dropIfExpired: StatementSync;
  readonly dropUnlessKind: StatementSync;
  readonly delete: StatementSync;
  readonly setString: StatementSync;
  readonly claim: StatementSync;
  readonly touch: StatementSync;
  readonly setField: StatementSync;
  readonly hashGetAll: StatementSync;
  readonly hashGetAllMany: StatementSync;
  readonly addMember: StatementSync;
  readonly trimMembers: StatementSync;
  readonly dropIfEmpty: StatementSync;
  readonly indexRange: StatementSync;
  readonly sweep: StatementSync;
}

/** A write waiting for the transaction that commits it with the others issued alongside it. */
interface QueuedWrite {
  readonly command: string;
  readonly work: (sql: Statements) => unknown;
  readonly resolve: (result: unknown) => void;
  readonly reject: (err: unknown) => void;
}

interface Connection {
  readonly db: DatabaseSync;
  readonly sql: Statements;
  /** The file as opened: a different inode at the path later means it was replaced. */
  readonly identity: Pick<Stats, 'dev' | 'ino'>;
  /** Checkpoints the WAL off the event loop; stopped with the connection. */
  readonly checkpointer: Worker;
}

/** SQLite's own checkpoint threshold (pages of WAL), used while no checkpointer thread runs. */
const autocheckpointPages = 1000;

const sweepBatch = 500;
/** Most writes committed by one transaction; more wait for the next. */
const maxWritesPerCommit = 1000;

/**
 * The Store in one SQLite file through Node's built-in `node:sqlite`: the default when REDIS_URL is
 * unset, kept across restarts, and shared by every process that opens the same file (the server, the
 * CLI, a second server started by mistake). WAL mode lets readers go on while one process writes.
 * Writes issued together (in one synchronous run, such as the four of an incident event under a
 * Promise.all) are committed by one `BEGIN IMMEDIATE` transaction in the next microtask: they land together
 * or not at all, a commit's cost is shared, and they are on disk before the caller's next I/O (a reply
 * posted after recording its incident). A claim is atomic across processes. Reads first commit the writes
 * issued before them, so a caller always reads what it wrote. Expiry is enforced on read and expired keys
 * are deleted in the background.
 *
 * Calls are synchronous underneath (microseconds each); WAL checkpoints, with the fsyncs that make them
 * durable, run in a worker thread (sqlite-checkpointer.ts) so the disk's latency never stalls the event
 * loop. Failures reject with `store_unavailable` and
 * are logged once per change, as with Redis ("sqlite unavailable…" / "sqlite available again"), so the
 * incident log journals and the bot keeps answering:
 * - locked by another writer: a write waits `busyTimeoutMs` once, then fails at once until one succeeds;
 * - full disk: writes fail until one succeeds;
 * - corrupt, unreadable, removed or replaced file: the connection is closed and reopened (at most every
 *   `reopenIntervalMs`), recreating an empty record when the file is gone.
 */
export class SqliteStore implements Store {
  readonly path: string;
  readonly #log: Logger;
  readonly #health: StoreHealth;
  readonly #busyTimeoutMs: number;
  readonly #reopenIntervalMs: number;
  readonly #sweepIntervalMs: number;
  readonly #checkpointIntervalMs: number;
  readonly #checkpointLog = atMostEvery(60_000);
  readonly #now: () => number;
  readonly #timer: NodeJS.Timeout;
  #connection: Connection | undefined;
  readonly #queue: QueuedWrite[] = [];
  #flushScheduled = false;
  #waitsForLocks = true;
  #lastOpenAttemptMs = Number.NEGATIVE_INFINITY;
  #lastSweepMs: number;
  #closed = false;

  /**
   * Opens the file, creating it and its directory when missing. Throws an Error whose message says what
   * is wrong with the path (read-only, full, not a database, …): a start-up error.
   */
  constructor(options: SqliteStoreOptions) {
    this.path = options.path;
    this.#log = (options.log ?? silentLogger).child({ component: 'sqlite', path: this.path });
    this.#health = new StoreHealth(this.#log, 'sqlite');
    this.#busyTimeoutMs = options.busyTimeoutMs ?? 250;
    this.#reopenIntervalMs = options.reopenIntervalMs ?? 1000;
    this.#sweepIntervalMs = options.sweepIntervalMs ?? 60_000;
    this.#checkpointIntervalMs = options.checkpointIntervalMs ?? 1000;
    this.#now = options.now ?? Date.now;
    checkDirectory(dirname(this.path));
    try {
      this.#connection = this.#open();
    } catch (err) {
      throw new Error(describeSqliteError(err), { cause: err });
    }
    this.#lastSweepMs = this.#now();
    this.#timer = setInterval(() => this.#maintain(), options.checkIntervalMs ?? 1000);
    // Housekeeping must not keep a CLI or a test process alive.
    this.#timer.unref();
  }

  /** What the start line and logs call it. */
  describe(): string {
    return `sqlite ${this.path}`;
  }

  /** Stops the background work and closes the file (checkpointing its WAL). Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#flush();
    this.#closed = true;
    clearInterval(this.#timer);
    const checkpointer = this.#connection?.checkpointer;
    this.#disconnect();
    if (checkpointer) await stopped(checkpointer);
  }

  async get(key: string): Promise<string | undefined> {
    return this.#read('get', (sql) => {
      const row = sql.get.get(key, this.#now()) as { value: string } | undefined;
      return row?.value;
    });
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    await this.#write('set', (sql) => {
      sql.dropUnlessKind.run(key, 'string', this.#now());
      sql.setString.run(key, value, this.#expiry(ttlMs));
    });
  }

  async delete(key: string): Promise<void> {
    await this.#write('delete', (sql) => {
      sql.delete.run(key);
    });
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    return this.#write('claim', (sql) => {
      sql.dropIfExpired.run(key, this.#now());
      return Number(sql.claim.run(key, this.#expiry(ttlMs)).changes) === 1;
    });
  }

  async hashSet(key: string, fields: Readonly<Record<string, string>>, ttlMs?: number): Promise<void> {
    const entries = Object.entries(fields);
    if (entries.length === 0) return;
    await this.#write('hashSet', (sql) => {
      this.#touch(sql, key, 'hash', ttlMs);
      for (const [field, value] of entries) sql.setField.run(key, field, value);
    });
  }

  async hashGetAll(key: string): Promise<Record<string, string>> {
    return this.#read('hashGetAll', (sql) => {
      const fields: Record<string, string> = {};
      for (const row of sql.hashGetAll.iterate(key, this.#now()) as Iterable<{
        field: string;
        value: string;
      }>) {
        fields[row.field] = row.value;
      }
      return fields;
    });
  }

  async hashGetAllMany(keys: readonly string[]): Promise<Record<string, string>[]> {
    if (keys.length === 0) return [];
    return this.#read('hashGetAllMany', (sql) => {
      const hashes = keys.map((): Record<string, string> => ({}));
      // One statement for every key: the handoff reads thousands of incidents at once.
      const rows = sql.hashGetAllMany.all(JSON.stringify(keys), this.#now()) as unknown as [number, string, string][];
      for (const [i, field, value] of rows) hashes[i]![field] = value;
      return hashes;
    });
  }

  async indexAdd(key: string, member: string, score: number, options: IndexAddOptions = {}): Promise<void> {
    await this.#write('indexAdd', (sql) => {
      this.#touch(sql, key, 'index', options.ttlMs);
      sql.addMember.run(key, member, score);
      // An index trimmed empty goes, as Redis drops an empty sorted set.
      if (options.trimBelow !== undefined && Number(sql.trimMembers.run(key, options.trimBelow).changes) > 0) {
        sql.dropIfEmpty.run(key);
      }
    });
  }

  async indexRange(key: string, min: number, max: number): Promise<string[]> {
    return this.#read('indexRange', (sql) => {
      const rows = sql.indexRange.all(key, min, max, this.#now()) as unknown as [string][];
      return rows.map(([member]) => member);
    });
  }

  /** Makes `key` a live key of `kind` (a new one when it had expired or held another kind), refreshing its expiry. */
  #touch(sql: Statements, key: string, kind: string, ttlMs: number | undefined): void {
    sql.dropUnlessKind.run(key, kind, this.#now());
    sql.touch.run(key, kind, this.#expiry(ttlMs));
  }

  /** When a key written now with `ttlMs` expires; null (SQL NULL) for no expiry or, on a touch, the old one. */
  #expiry(ttlMs: number | undefined): number | null {
    return ttlMs === undefined ? null : this.#now() + ttlMs;
  }

  #read<T>(command: string, work: (sql: Statements) => T): T {
    // Writes issued before this read are committed first: a caller reads what it wrote.
    if (this.#queue.length > 0) this.#flush();
    const connection = this.#connected(command);
    try {
      return work(connection.sql);
    } catch (err) {
      throw this.#failed(command, err);
    }
  }

  /**
   * Queues a write for the commit in the next microtask: late enough to share it with the writes issued
   * alongside, early enough that nothing the caller does next (an HTTP reply) leaves before it.
   */
  #write<T>(command: string, work: (sql: Statements) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ command, work, resolve: resolve as (result: unknown) => void, reject });
      if (this.#flushScheduled) return;
      this.#flushScheduled = true;
      queueMicrotask(() => {
        this.#flushScheduled = false;
        this.#flush();
      });
    });
  }

  /** Commits the queued writes, a transaction per batch; a batch that fails rejects every write in it. */
  #flush(): void {
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, maxWritesPerCommit);
      let command = batch[0]!.command;
      let results: unknown[];
      try {
        const { db, sql } = this.#connected(command);
        try {
          db.exec('BEGIN IMMEDIATE');
          results = batch.map((write) => {
            command = write.command;
            return write.work(sql);
          });
          command = 'commit';
          db.exec('COMMIT');
        } catch (err) {
          rollback(db);
          throw this.#failed(command, err);
        }
      } catch (err) {
        for (const write of batch) write.reject(err);
        continue;
      }
      // Only a write that commits says the store works again.
      if (!this.#waitsForLocks) this.#setBusyTimeout(true);
      this.#health.markUp();
      batch.forEach((write, i) => {
        write.resolve(results[i]);
      });
    }
  }

  /** The open connection, reopening a failed file when due; rejects at once otherwise. */
  #connected(command: string): Connection {
    if (this.#closed) throw storeUnavailable('SQLite', `sqlite ${command}: the store is closed`);
    if (this.#connection) return this.#connection;
    if (this.#now() - this.#lastOpenAttemptMs < this.#reopenIntervalMs) {
      throw storeUnavailable('SQLite', `sqlite ${command}: ${this.path} could not be opened; retrying`);
    }
    try {
      this.#connection = this.#open();
      this.#log.info({}, 'sqlite file reopened');
      return this.#connection;
    } catch (err) {
      throw this.#failed(command, err);
    }
  }

  #open(): Connection {
    this.#lastOpenAttemptMs = this.#now();
    mkdirSync(dirname(this.path), { recursive: true });
    const db = new DatabaseSync(this.path, { timeout: this.#busyTimeoutMs });
    try {
      // WAL: readers never wait for the writer; NORMAL: a commit survives a crash of the process (only
      // a power loss can lose the last commits), without an fsync per write: the fsyncs come with
      // checkpoints, which the checkpointer thread runs.
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = NORMAL');
      db.exec('PRAGMA foreign_keys = ON');
      migrate(db);
      this.#waitsForLocks = true;
      const identity = statSync(this.path);
      return { db, sql: prepare(db), identity, checkpointer: this.#startCheckpointer(db) };
    } catch (err) {
      db.close();
      throw err;
    }
  }

  /**
   * Once the worker runs, this connection stops checkpointing on commit; if the worker fails, SQLite's
   * own automatic checkpoints take over again, so the WAL never grows without bound.
   */
  #startCheckpointer(db: DatabaseSync): Worker {
    const worker = new Worker(new URL('./sqlite-checkpointer.ts', import.meta.url), {
      workerData: { path: this.path, intervalMs: this.#checkpointIntervalMs },
    });
    const autocheckpoint = (pages: number): void => {
      if (db.isOpen) db.exec(`PRAGMA wal_autocheckpoint = ${pages}`);
    };
    worker.on('message', (message: unknown) => {
      if (message === 'ready') autocheckpoint(0);
      else if (this.#checkpointLog.due()) this.#log.warn({ ...(message as object) }, 'sqlite checkpoint failed');
    });
    worker.on('error', (err) => {
      autocheckpoint(autocheckpointPages);
      this.#log.warn({ err: { message: err.message } }, 'sqlite checkpointer stopped: checkpointing on commit');
    });
    // A CLI or a test may end without stopping it (the bot stops it with the store). After the listeners:
    // adding a 'message' listener refs the worker's port again.
    worker.unref();
    return worker;
  }

  #disconnect(): void {
    const connection = this.#connection;
    this.#connection = undefined;
    connection?.checkpointer.postMessage('stop');
    try {
      connection?.db.close();
    } catch (err) {
      this.#log.warn({ err: { message: (err as Error).message } }, 'sqlite close failed');
    }
  }

  #setBusyTimeout(wait: boolean): void {
    this.#waitsForLocks = wait;
    try {
      this.#connection?.db.exec(`PRAGMA busy_timeout = ${wait ? this.#busyTimeoutMs : 0}`);
    } catch {
      // The next call reports the connection's trouble.
    }
  }

  #failed(command: string, err: unknown): Error {
    const error = err instanceof Error ? err : new Error(String(err));
    const reason = describeSqliteError(error);
    this.#health.markDown(error, { command, reason });
    // Locked: waiting again on every call would stall the event loop; fail at once until a write passes.
    if (isLocked(error) && this.#waitsForLocks) this.#setBusyTimeout(false);
    // A broken file is reopened (at most every reopenIntervalMs), which also picks up a repaired one.
    if (isFileProblem(error)) this.#disconnect();
    return storeUnavailable('SQLite', `sqlite ${command} failed: ${reason}`, error);
  }

  /** Every checkIntervalMs: notices a file removed or replaced under the bot, and deletes expired keys. */
  #maintain(): void {
    const connection = this.#connection;
    if (this.#closed || !connection) return;
    const now = statSync(this.path, { throwIfNoEntry: false });
    if (!now || now.ino !== connection.identity.ino || now.dev !== connection.identity.dev) {
      // Writing on would go to a file nobody can open again: start over on whatever is at the path.
      this.#log.warn({ found: now ? 'another file' : 'nothing' }, 'sqlite file removed or replaced: reopening');
      this.#disconnect();
      this.#lastOpenAttemptMs = Number.NEGATIVE_INFINITY;
      try {
        this.#connected('reopen');
      } catch {
        // Logged by #failed; calls keep retrying.
      }
      return;
    }
    if (this.#now() - this.#lastSweepMs >= this.#sweepIntervalMs) void this.#sweep();
  }

  /** Deletes expired keys in small transactions, so another process never waits long for the lock. */
  async #sweep(): Promise<void> {
    this.#lastSweepMs = this.#now();
    let deleted = 0;
    try {
      for (let batch = 0; batch < 20; batch++) {
        const changes = await this.#write('sweep', (sql) => Number(sql.sweep.run(this.#now(), sweepBatch).changes));
        deleted += changes;
        if (changes < sweepBatch) break;
      }
    } catch {
      // Logged by #failed; the next sweep tries again.
    }
    if (deleted > 0) this.#log.debug({ deleted }, 'sqlite expired keys deleted');
  }
}

/** Resolves when the checkpointer has closed its connection and exited (or after a second, ended). */
async function stopped(worker: Worker): Promise<void> {
  if (worker.threadId === -1) return;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const timer = setTimeout(() => void worker.terminate(), 1000);
  await exited;
  clearTimeout(timer);
}

/** Ends a failed transaction; a connection too broken to roll back is reopened by the caller's error path. */
function rollback(db: DatabaseSync): void {
  try {
    if (db.isOpen && db.isTransaction) db.exec('ROLLBACK');
  } catch {
    // SQLite rolls back itself when the connection closes.
  }
}

/** Parameters are numbered (?1 …) rather than named: binding by position is cheaper on every call. */
function prepare(db: DatabaseSync): Statements {
  const sql = (text: string): StatementSync => db.prepare(text);
  const rows = (text: string): StatementSync => {
    const statement = db.prepare(text);
    statement.setReturnArrays(true);
    return statement;
  };
  const live = (now: string) => `(e.expires_at IS NULL OR e.expires_at > ${now})`;
  return {
    // (key, now)
    get: sql(`SELECT value FROM entries AS e WHERE key = ?1 AND kind = 'string' AND ${live('?2')}`),
    // (key, now)
    dropIfExpired: sql('DELETE FROM entries WHERE key = ?1 AND expires_at <= ?2'),
    // (key, kind, now)
    dropUnlessKind: sql('DELETE FROM entries WHERE key = ?1 AND (kind <> ?2 OR expires_at <= ?3)'),
    // (key)
    delete: sql('DELETE FROM entries WHERE key = ?1'),
    // (key, value, expiresAt)
    setString: sql(
      `INSERT INTO entries (key, kind, value, expires_at) VALUES (?1, 'string', ?2, ?3)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
    ),
    // (key, expiresAt)
    claim: sql(
      `INSERT INTO entries (key, kind, value, expires_at) VALUES (?1, 'string', '1', ?2) ON CONFLICT (key) DO NOTHING`,
    ),
    // (key, kind, expiresAt). Without a ttl an existing key keeps its expiry, as HSET and ZADD do.
    touch: sql(
      `INSERT INTO entries (key, kind, expires_at) VALUES (?1, ?2, ?3)
       ON CONFLICT (key) DO UPDATE SET expires_at = coalesce(excluded.expires_at, entries.expires_at)`,
    ),
    // (key, field, value)
    setField: sql(
      `INSERT INTO hash_fields (key, field, value) VALUES (?1, ?2, ?3)
       ON CONFLICT (key, field) DO UPDATE SET value = excluded.value`,
    ),
    // (key, now)
    hashGetAll: sql(
      `SELECT h.field, h.value FROM entries AS e JOIN hash_fields AS h ON h.key = e.key
       WHERE e.key = ?1 AND e.kind = 'hash' AND ${live('?2')}`,
    ),
    // (keys as a JSON array, now). CROSS JOIN keeps the key list as the outer loop: one lookup per key.
    hashGetAllMany: rows(
      `SELECT j.key, h.field, h.value FROM json_each(?1) AS j
       CROSS JOIN entries AS e ON e.key = j.value
       CROSS JOIN hash_fields AS h ON h.key = e.key
       WHERE e.kind = 'hash' AND ${live('?2')}`,
    ),
    // (key, member, score). ZADD GT: a member keeps the greater of its scores, so replays never move it back.
    addMember: sql(
      `INSERT INTO index_members (key, member, score) VALUES (?1, ?2, ?3)
       ON CONFLICT (key, member) DO UPDATE SET score = excluded.score WHERE excluded.score > index_members.score`,
    ),
    // (key, below)
    trimMembers: sql('DELETE FROM index_members WHERE key = ?1 AND score < ?2'),
    // (key)
    dropIfEmpty: sql('DELETE FROM entries WHERE key = ?1 AND NOT EXISTS (SELECT 1 FROM index_members WHERE key = ?1)'),
    // (key, min, max, now)
    indexRange: rows(
      `SELECT m.member FROM entries AS e JOIN index_members AS m ON m.key = e.key
       WHERE e.key = ?1 AND e.kind = 'index' AND ${live('?4')} AND m.score BETWEEN ?2 AND ?3
       ORDER BY m.score, m.member`,
    ),
    // (now, limit)
    sweep: sql('DELETE FROM entries WHERE key IN (SELECT key FROM entries WHERE expires_at <= ?1 LIMIT ?2)'),
  };
}

/**
 * Fails with the reason when the directory cannot hold the file: created if missing, then a probe
 * written and removed, so a read-only, unwritable or full directory is named before SQLite's own
 * "unable to open database file".
 */
function checkDirectory(dir: string): void {
  const probe = resolve(dir, `.${sqliteFileName}.probe-${process.pid}`);
  try {
    mkdirSync(dir, { recursive: true });
    const fd = openSync(probe, 'w');
    try {
      writeSync(fd, 'probe');
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw new Error(describeSqliteError(err), { cause: err });
  } finally {
    try {
      rmSync(probe, { force: true });
    } catch {
      // Nothing was created where the path is not a directory.
    }
  }
}
