import type { HandoffConfig } from '../../src/handoff/handoff-config.ts';
import type { Logger } from '../../src/log.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import type { Store } from '../../src/store/store.ts';
import { RedisStore } from './redis-store.ts';

/** A store, how to let go of it (closes the Redis connection; nothing for memory) and what it is. */
export type ClosableStore = Store & {
  close(): Promise<void>;
  /** What the start line and logs call it, without credentials: "memory", "redis redis://host:6379". */
  describe(): string;
};

/**
 * RedisStore when REDIS_URL is set, else MemoryStore with a warning: the memory store is neither shared
 * between replicas nor kept across restarts. Redis connects in the background; until it answers, store
 * calls fail fast and the incident log journals.
 */
export function createStore(config: Pick<HandoffConfig, 'redisUrl'>, log: Logger): ClosableStore {
  if (config.redisUrl === undefined) {
    log.warn({}, 'REDIS_URL unset: MemoryStore is not shared between replicas and forgets on restart');
    const store = new MemoryStore();
    return Object.assign(store, { close: async () => {}, describe: () => 'memory' });
  }
  const store = new RedisStore({ url: config.redisUrl, log });
  log.info({ redis: store.display }, 'store: redis');
  return store;
}
