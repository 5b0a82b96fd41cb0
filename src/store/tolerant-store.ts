import { type Logger, throttledWarning } from '../log.ts';
import type { Store } from './store.ts';
import { TolerantClaims } from './tolerant-claims.ts';

/** The part of the Store the bot's own records use, with failures absorbed (see {@link tolerantStore}). */
export type TolerantStore = Pick<Store, 'get' | 'set' | 'delete' | 'claim'>;

/**
 * The bot keeps answering when its store fails (Redis down): a failed read counts as missing, a failed
 * write is logged, and a failed claim is decided by this process's own claims (TolerantClaims), so a
 * message delivered here twice during the outage is still answered once. The outage is logged once per
 * 10 s, not once per call.
 */
export function tolerantStore(store: Store, log: Logger): TolerantStore {
  const outage = throttledWarning(log, 'store unavailable');
  const warn = (err: unknown, op: string) => outage({ err, op });
  const claims = new TolerantClaims(store, (err) => warn(err, 'claim'));
  return {
    get: (key) =>
      store.get(key).catch((err: unknown) => {
        warn(err, 'get');
        return undefined;
      }),
    set: (key, value, ttlMs) => store.set(key, value, ttlMs).catch((err: unknown) => warn(err, 'set')),
    delete: (key) => store.delete(key).catch((err: unknown) => warn(err, 'delete')),
    claim: async (key, ttlMs) => (await claims.claim(key, ttlMs)).won,
  };
}
