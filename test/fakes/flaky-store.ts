import { BotError, ErrorCode } from '../../src/errors.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import type { Store } from '../../src/store/store.ts';

/**
 * A Store that can be switched off: a MemoryStore behind a `down` flag, for unit tests of what callers
 * do while the store is unavailable. The Redis outage itself is tested against a real redis-server.
 * `writes` counts successful hash writes, to show nothing is written twice.
 */
export class FlakyStore implements Store {
  readonly inner = new MemoryStore();
  down = false;
  writes = 0;

  #check(): void {
    if (this.down) throw new BotError(ErrorCode.StoreUnavailable, 'store is down (test)');
  }
  async get(key: string) {
    this.#check();
    return this.inner.get(key);
  }
  async set(key: string, value: string, ttlMs?: number) {
    this.#check();
    return this.inner.set(key, value, ttlMs);
  }
  async delete(key: string) {
    this.#check();
    return this.inner.delete(key);
  }
  async claim(key: string, ttlMs: number) {
    this.#check();
    return this.inner.claim(key, ttlMs);
  }
  async hashSet(key: string, fields: Readonly<Record<string, string>>, ttlMs?: number) {
    this.#check();
    this.writes++;
    return this.inner.hashSet(key, fields, ttlMs);
  }
  async hashGetAll(key: string) {
    this.#check();
    return this.inner.hashGetAll(key);
  }
  async hashGetAllMany(keys: readonly string[]) {
    this.#check();
    return this.inner.hashGetAllMany(keys);
  }
  async indexAdd(key: string, member: string, score: number, options?: { ttlMs?: number; trimBelow?: number }) {
    this.#check();
    return this.inner.indexAdd(key, member, score, options);
  }
  async indexRange(key: string, min: number, max: number) {
    this.#check();
    return this.inner.indexRange(key, min, max);
  }
}
