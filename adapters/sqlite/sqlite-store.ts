import { closeSync, mkdirSync, openSync, rmSync, type Stats, statSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { type Logger, silentLogger } from '../../src/log.ts';
import type { Store } from '../../src/store/store.ts';
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
  /** How often expired keys are deleted; default 60 s. Reads ignore them meanwhile. */
  readonly sweepIntervalMs?: number;
  /** Least time between two attempts to reopen a file that failed (corrupt, unreadable); default 1000 ms. */
  readonly reopenIntervalMs?: number;
  /** false: fail when the file does not exist instead of creating it (readers such as the CLI). */
  readonly create?: boolean;
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

interface Connection {
  readonly db: DatabaseSync;
  readonly sql: Statements;
  /** The file as opened: a different inode at the path later means it was replaced. */
  readonly identity: Pick<Stats, 'dev' | 'ino'>;
}

const live = '(e.expires_at IS NULL OR e.expires_at > :now)';
const sweepBatch = 500;

/**
 * The Store in one SQLite file through Node's built-in `node:sqlite`: the default when REDIS_URL is
 * unset, kept across restarts, and shared by every process that opens the same file (the server, the
 * CLI, a second server started by mistake). WAL mode lets readers go on while one process writes; each
 * write is one `BEGIN IMMEDIATE` transaction, so a claim is atomic across processes. Expiry is enforced
 * on read and expired keys are deleted in the background.
 *
 * Calls are synchronous underneath (microseconds each). Failures reject with `store_unavailable` and
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
  readonly #now: () => number;
  readonly #timer: NodeJS.Timeout;
  #connection: Connection | undefined;
  #waitsForLocks = true;
  #lastOpenAttemptMs = Number.NEGATIVE_INFINITY;
  #lastSweepMs: number;
  #closed = false;

  /**
   * Opens (and unless `create` is false, creates) the file and its directory. Throws an Error whose
   * message says what is wrong with the path (read-only, full, not a database, …): a start-up error.
   */
  constructor(options: SqliteStoreOptions) {
    this.path = options.path;
    this.#log = (options.log ?? silentLogger).child({ component: 'sqlite', path: this.path });
    this.#health = new StoreHealth(this.#log, 'sqlite');
    this.#busyTimeoutMs = options.busyTimeoutMs ?? 250;
    this.#reopenIntervalMs = options.reopenIntervalMs ?? 1000;
    this.#sweepIntervalMs = options.sweepIntervalMs ?? 60_000;
    this.#now = options.now ?? Date.now;
    if (options.create === false) {
      if (!statSync(this.path, { throwIfNoEntry: false })) throw new Error(`${this.path} does not exist`);
    } else {
      checkDirectory(dirname(this.path));
    }
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
    this.#closed = true;
    clearInterval(this.#timer);
    this.#disconnect();
  }

  async get(key: string): Promise<string | undefined> {
    return this.#read('get', (sql) => {
      const row = sql.get.get({ key, now: this.#now() }) as { value: string } | undefined;
      return row?.value;
    });
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.#write('set', (sql) => {
      sql.dropUnlessKind.run({ key, kind: 'string', now: this.#now() });
      sql.setString.run({ key, value, expiresAt: this.#expiry(ttlMs) ?? null });
    });
  }

  async delete(key: string): Promise<void> {
    this.#write('delete', (sql) => {
      sql.delete.run({ key });
    });
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    return this.#write('claim', (sql) => {
      sql.dropIfExpired.run({ key, now: this.#now() });
      return Number(sql.claim.run({ key, expiresAt: this.#expiry(ttlMs) ?? null }).changes) === 1;
    });
  }

  async hashSet(key: string, fields: Readonly<Record<string, string>>, ttlMs?: number): Promise<void> {
    const entries = Object.entries(fields);
    if (entries.length === 0) return;
    this.#write('hashSet', (sql) => {
      this.#touch(sql, key, 'hash', ttlMs);
      for (const [field, value] of entries) sql.setField.run({ key, field, value });
    });
  }

  async hashGetAll(key: string): Promise<Record<string, string>> {
    return this.#read('hashGetAll', (sql) => {
      const fields: Record<string, string> = {};
      for (const row of sql.hashGetAll.iterate({ key, now: this.#now() }) as Iterable<{
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
      const rows = sql.hashGetAllMany.all({ keys: JSON.stringify(keys), now: this.#now() }) as unknown as [
        number,
        string,
        string,
      ][];
      for (const [i, field, value] of rows) hashes[i]![field] = value;
      return hashes;
    });
  }

  async indexAdd(
    key: string,
    member: string,
    score: number,
    options: { readonly ttlMs?: number; readonly trimBelow?: number } = {},
  ): Promise<void> {
    this.#write('indexAdd', (sql) => {
      this.#touch(sql, key, 'index', options.ttlMs);
      sql.addMember.run({ key, member, score });
      if (options.trimBelow !== undefined) {
        sql.trimMembers.run({ key, below: options.trimBelow });
        sql.dropIfEmpty.run({ key });
      }
    });
  }

  async indexRange(key: string, min: number, max: number): Promise<string[]> {
    return this.#read('indexRange', (sql) => {
      const rows = sql.indexRange.all({ key, min, max, now: this.#now() }) as unknown as [string][];
      return rows.map(([member]) => member);
    });
  }

  /** Makes `key` a live key of `kind` (a new one when it had expired or held another kind), refreshing its expiry. */
  #touch(sql: Statements, key: string, kind: string, ttlMs: number | undefined): void {
    sql.dropUnlessKind.run({ key, kind, now: this.#now() });
    sql.touch.run({ key, kind, expiresAt: this.#expiry(ttlMs) ?? null });
  }

  #expiry(ttlMs: number | undefined): number | undefined {
    return ttlMs === undefined ? undefined : this.#now() + ttlMs;
  }

  #read<T>(command: string, work: (sql: Statements) => T): T {
    const connection = this.#connected(command);
    try {
      return work(connection.sql);
    } catch (err) {
      throw this.#failed(command, err);
    }
  }

  /** One write transaction; only a write that commits says the store works again. */
  #write<T>(command: string, work: (sql: Statements) => T): T {
    const { db, sql } = this.#connected(command);
    let result: T;
    try {
      db.exec('BEGIN IMMEDIATE');
      try {
        result = work(sql);
        db.exec('COMMIT');
      } catch (err) {
        if (db.isOpen && db.isTransaction) db.exec('ROLLBACK');
        throw err;
      }
    } catch (err) {
      throw this.#failed(command, err);
    }
    if (!this.#waitsForLocks) this.#setBusyTimeout(true);
    this.#health.markUp();
    return result;
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
      // a power loss can lose the last commits), without an fsync per write.
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = NORMAL');
      db.exec('PRAGMA foreign_keys = ON');
      migrate(db);
      this.#waitsForLocks = true;
      return { db, sql: prepare(db), identity: statSync(this.path) };
    } catch (err) {
      db.close();
      throw err;
    }
  }

  #disconnect(): void {
    const connection = this.#connection;
    this.#connection = undefined;
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
    if (this.#now() - this.#lastSweepMs >= this.#sweepIntervalMs) this.#sweep();
  }

  /** Deletes expired keys in small transactions, so another process never waits long for the lock. */
  #sweep(): void {
    this.#lastSweepMs = this.#now();
    let deleted = 0;
    try {
      for (let batch = 0; batch < 20; batch++) {
        const changes = this.#write('sweep', (sql) =>
          Number(sql.sweep.run({ now: this.#now(), limit: sweepBatch }).changes),
        );
        deleted += changes;
        if (changes < sweepBatch) break;
      }
    } catch {
      // Logged by #failed; the next sweep tries again.
    }
    if (deleted > 0) this.#log.debug({ deleted }, 'sqlite expired keys deleted');
  }
}

function prepare(db: DatabaseSync): Statements {
  const sql = (text: string): StatementSync => db.prepare(text);
  const rows = (text: string): StatementSync => {
    const statement = db.prepare(text);
    statement.setReturnArrays(true);
    return statement;
  };
  return {
    get: sql(`SELECT value FROM entries AS e WHERE key = :key AND kind = 'string' AND ${live}`),
    dropIfExpired: sql('DELETE FROM entries WHERE key = :key AND expires_at <= :now'),
    dropUnlessKind: sql('DELETE FROM entries WHERE key = :key AND (kind <> :kind OR expires_at <= :now)'),
    delete: sql('DELETE FROM entries WHERE key = :key'),
    setString: sql(
      `INSERT INTO entries (key, kind, value, expires_at) VALUES (:key, 'string', :value, :expiresAt)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
    ),
    claim: sql(
      `INSERT INTO entries (key, kind, value, expires_at) VALUES (:key, 'string', '1', :expiresAt)
       ON CONFLICT (key) DO NOTHING`,
    ),
    // Without a ttl an existing key keeps its expiry, as HSET and ZADD do.
    touch: sql(
      `INSERT INTO entries (key, kind, expires_at) VALUES (:key, :kind, :expiresAt)
       ON CONFLICT (key) DO UPDATE SET expires_at = coalesce(excluded.expires_at, entries.expires_at)`,
    ),
    setField: sql(
      `INSERT INTO hash_fields (key, field, value) VALUES (:key, :field, :value)
       ON CONFLICT (key, field) DO UPDATE SET value = excluded.value`,
    ),
    hashGetAll: sql(
      `SELECT h.field, h.value FROM entries AS e JOIN hash_fields AS h ON h.key = e.key
       WHERE e.key = :key AND e.kind = 'hash' AND ${live}`,
    ),
    // CROSS JOIN keeps the key list as the outer loop: one primary-key lookup per key.
    hashGetAllMany: rows(
      `SELECT j.key, h.field, h.value FROM json_each(:keys) AS j
       CROSS JOIN entries AS e ON e.key = j.value
       CROSS JOIN hash_fields AS h ON h.key = e.key
       WHERE e.kind = 'hash' AND ${live}`,
    ),
    // ZADD GT: a member keeps the greater of its scores, so replays never move it back.
    addMember: sql(
      `INSERT INTO index_members (key, member, score) VALUES (:key, :member, :score)
       ON CONFLICT (key, member) DO UPDATE SET score = excluded.score WHERE excluded.score > index_members.score`,
    ),
    trimMembers: sql('DELETE FROM index_members WHERE key = :key AND score < :below'),
    dropIfEmpty: sql(
      `DELETE FROM entries WHERE key = :key AND NOT EXISTS (SELECT 1 FROM index_members WHERE key = :key)`,
    ),
    indexRange: rows(
      `SELECT m.member FROM entries AS e JOIN index_members AS m ON m.key = e.key
       WHERE e.key = :key AND e.kind = 'index' AND ${live} AND m.score BETWEEN :min AND :max
       ORDER BY m.score, m.member`,
    ),
    sweep: sql('DELETE FROM entries WHERE key IN (SELECT key FROM entries WHERE expires_at <= :now LIMIT :limit)'),
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
