import type { IndexAddOptions, Store } from './store.ts';

type Value =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'hash'; readonly fields: Map<string, string> }
  | { readonly kind: 'index'; readonly scores: Map<string, number>; minScore: number };

interface Entry {
  value: Value;
  expiresAtMs: number | undefined;
}

/**
 * The embedded default: nothing to install. Not shared between processes, so two replicas need Redis.
 * Expired keys are dropped lazily on read and by a sweep on write, so memory stays bounded by live keys.
 * Semantics follow the Redis commands RedisStore uses, so one contract suite runs against both.
 */
export class MemoryStore implements Store {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;
  #writesSinceSweep = 0;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  async get(key: string): Promise<string | undefined> {
    const value = this.#live(key)?.value;
    return value?.kind === 'string' ? value.value : undefined;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.#write(key, { kind: 'string', value }, ttlMs);
  }

  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    if (this.#live(key)) return false;
    this.#write(key, { kind: 'string', value: '1' }, ttlMs);
    return true;
  }

  async hashSet(key: string, fields: Readonly<Record<string, string>>, ttlMs?: number): Promise<void> {
    const current = this.#live(key)?.value;
    const map = current?.kind === 'hash' ? current.fields : new Map<string, string>();
    for (const [field, value] of Object.entries(fields)) map.set(field, value);
    this.#write(key, { kind: 'hash', fields: map }, ttlMs, current?.kind === 'hash');
  }

  async hashGetAll(key: string): Promise<Record<string, string>> {
    const value = this.#live(key)?.value;
    return value?.kind === 'hash' ? Object.fromEntries(value.fields) : {};
  }

  async hashGetAllMany(keys: readonly string[]): Promise<Record<string, string>[]> {
    return Promise.all(keys.map((key) => this.hashGetAll(key)));
  }

  async indexAdd(key: string, member: string, score: number, options: IndexAddOptions = {}): Promise<void> {
    const current = this.#live(key)?.value;
    const index = current?.kind === 'index' ? current : { kind: 'index' as const, scores: new Map(), minScore: score };
    const old = index.scores.get(member);
    if (old === undefined || score > old) index.scores.set(member, score);
    index.minScore = Math.min(index.minScore, score);
    // The lowest score is tracked so that retention trimming costs nothing until something is due.
    if (options.trimBelow !== undefined && index.minScore < options.trimBelow) {
      index.minScore = Number.POSITIVE_INFINITY;
      for (const [m, s] of index.scores) {
        if (s < options.trimBelow) index.scores.delete(m);
        else index.minScore = Math.min(index.minScore, s);
      }
    }
    if (index.scores.size === 0) {
      this.#entries.delete(key);
      return;
    }
    this.#write(key, index, options.ttlMs, current?.kind === 'index');
  }

  async indexRange(key: string, min: number, max: number): Promise<string[]> {
    const value = this.#live(key)?.value;
    if (value?.kind !== 'index') return [];
    return [...value.scores]
      .filter(([, score]) => score >= min && score <= max)
      .sort(([a, sa], [b, sb]) => sa - sb || (a < b ? -1 : a > b ? 1 : 0))
      .map(([member]) => member);
  }

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry?.expiresAtMs !== undefined && entry.expiresAtMs <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Without a ttl, an update of an existing hash or index keeps its expiry (as HSET/ZADD do). */
  #write(key: string, value: Value, ttlMs: number | undefined, keepExpiry = false): void {
    const previous = keepExpiry ? this.#entries.get(key)?.expiresAtMs : undefined;
    this.#entries.set(key, { value, expiresAtMs: ttlMs === undefined ? previous : this.#now() + ttlMs });
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
