/**
 * Small storage port for everything the bot keeps: event de-duplication, reply context, incidents,
 * feedback, schedules, locks. Implemented in memory (src/store/memory-store.ts) and on Redis
 * (adapters/redis). Keys are namespaced by the caller (see README, "What the store keeps").
 *
 * Every method resolves normally for missing keys (undefined, empty). A method rejects only when the
 * backing store cannot answer (down, slow past its bound, full): with a `BotError` of code
 * `store_unavailable`, so callers can fall back (the incident log journals, the bot keeps answering).
 * `ttlMs` is a time to live in milliseconds; on hash and index writes it refreshes the key's expiry.
 */
/** How an index write refreshes its key's expiry (`ttlMs`) and drops members scored below `trimBelow`. */
export interface IndexAddOptions {
  readonly ttlMs?: number;
  readonly trimBelow?: number;
}

export interface Store {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Set only if absent; true when this caller won. Redis: SET key 1 PX ttl NX. */
  claim(key: string, ttlMs: number): Promise<boolean>;

  /** Writes fields of a hash (Redis HSET + PEXPIRE). Writing a field again replaces it: idempotent. */
  hashSet(key: string, fields: Readonly<Record<string, string>>, ttlMs?: number): Promise<void>;
  /** All fields of a hash; an empty object when the key is absent. */
  hashGetAll(key: string): Promise<Record<string, string>>;
  /** `hashGetAll` for many keys in one round trip (Redis pipeline), in the order given. */
  hashGetAllMany(keys: readonly string[]): Promise<Record<string, string>[]>;

  /**
   * Adds `member` to a sorted index, keeping the greater of its old and new score (Redis ZADD GT), so
   * replays and late arrivals never move it back. `trimBelow` drops members scored lower (retention).
   */
  indexAdd(key: string, member: string, score: number, options?: IndexAddOptions): Promise<void>;
  /** Members scored within [min, max], lowest score first. */
  indexRange(key: string, min: number, max: number): Promise<string[]>;
}
