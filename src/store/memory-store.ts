import type { Store } from './store.ts';

interface Entry {
  value: string;
  expiresAtMs: number | undefined;
}

/**
 * The embedded default: nothing to install. Not shared between processes, so two replicas need Redis.
 * Expired keys are dropped lazily on read and by a sweep on write, so memory stays bounded by live keys.
 */
export class MemoryStore implements Store {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;
  #writesSinceSweep = 0;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  async get(key: string): Promise<string | undefined> {
    return this.#live(key)?.value;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.#write(key, value, ttlMs);
  }

  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    if (this.#live(key)) return false;
    this.#write(key, '1', ttlMs);
    return true;
  }

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry?.expiresAtMs !== undefined && entry.expiresAtMs <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  #write(key: string, value: string, ttlMs: number | undefined): void {
    this.#entries.set(key, { value, expiresAtMs: ttlMs === undefined ? undefined : this.#now() + ttlMs });
    if (++this.#writesSinceSweep >= 1000) this.#sweep();
  }

  #sweep(): void {
    this.#writesSinceSweep = 0;
    const now = this.#now();
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAtMs !== undefined && entry.expiresAtMs <= now) this.#entries.delete(key);
    }
  }
}
