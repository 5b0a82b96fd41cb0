import { BotError, ErrorCode } from '../../src/errors.ts';
import type { Logger } from '../../src/log.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import type { Store } from '../../src/store/store.ts';
import type { StoreConfig } from '../../src/store/store-config.ts';
import { RedisStore } from '../redis/redis-store.ts';
import { sqliteCode } from '../sqlite/sqlite-errors.ts';
import { SqliteStore, sqlitePath } from '../sqlite/sqlite-store.ts';

/** Which store is in use and where: for the start-up log and /readyz. */
export type StoreInfo =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'redis'; readonly url: string }
  | { readonly kind: 'memory' };

/** A store, what it is, and how to let go of it (closes the file or the connection; nothing for memory). */
export type ClosableStore = Store & {
  readonly info: StoreInfo;
  /** What the start line and logs call it, without credentials: "sqlite /data/kube-support-bot.db". */
  describe(): string;
  close(): Promise<void>;
};

/**
 * The store the configuration names (src/store/store-config.ts): SQLite in STATE_DIR by default, Redis
 * when REDIS_URL is set, memory for STORE=memory. Logs which one and where.
 *
 * SQLite opens here, so a directory it cannot use fails start-up with a ConfigInvalid BotError naming
 * STATE_DIR and the path (exit code 78). Redis connects in the background; until it answers, store calls
 * fail fast and the incident log journals.
 */
export function createStore(config: StoreConfig, log: Logger): ClosableStore {
  switch (config.kind) {
    case 'memory': {
      log.info({ store: 'memory' }, 'store in use');
      return Object.assign(new MemoryStore(), {
        info: { kind: 'memory' } as const,
        describe: () => 'memory',
        close: async () => {},
      });
    }
    case 'redis': {
      const store = new RedisStore({
        url: config.redisUrl,
        log,
        ...(config.timeoutMs === undefined ? {} : { commandTimeoutMs: config.timeoutMs }),
      });
      const info = { kind: 'redis', url: store.display } as const;
      log.info({ store: info.kind, url: info.url }, 'store in use');
      return Object.assign(store, { info });
    }
    case 'sqlite': {
      const path = sqlitePath(config.stateDir);
      let store: SqliteStore;
      try {
        store = new SqliteStore({ path, log });
      } catch (err) {
        throw stateDirProblem(config.stateDir, path, err);
      }
      const info = { kind: 'sqlite', path } as const;
      log.info({ store: info.kind, path }, 'store in use');
      return Object.assign(store, { info });
    }
  }
}

function stateDirProblem(stateDir: string, path: string, err: unknown): BotError {
  const reason = err instanceof Error ? err.message : String(err);
  // A damaged file is the operator's to keep or drop; a directory problem is fixed by choosing another.
  const broken = [11, 26].includes(sqliteCode((err as Error).cause) ?? -1);
  const hint = broken
    ? 'Move the file aside to start a new record, or restore a backup.'
    : 'Make the directory writable for this user, free some space, or set STATE_DIR to another directory.';
  return new BotError(
    ErrorCode.ConfigInvalid,
    `STATE_DIR=${stateDir}: cannot keep the record in ${path}: ${reason}. ${hint}`,
    {
      cause: err,
      userMessage: { en: 'The bot is misconfigured; see its log.', ko: '봇 설정이 잘못되었습니다. 로그를 확인하세요.' },
    },
  );
}
