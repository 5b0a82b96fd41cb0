/**
 * Small key-value port for everything the bot keeps: event de-duplication, reply context, incidents,
 * feedback, schedules, locks. Implemented in memory (src/store/memory-store.ts) and on Redis
 * (adapters/redis). A missing key resolves to undefined. Keys are namespaced by the caller
 * (see README, "What the store keeps").
 */
export interface Store {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Set only if absent; true when this caller won. Redis: SET key 1 PX ttl NX. */
  claim(key: string, ttlMs: number): Promise<boolean>;
}
