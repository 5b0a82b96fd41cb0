/**
 * One run per platform delivery, whichever replica it reaches and however often the platform sends it:
 * Slack retries events and its clients can send a command or a button press twice, Teams may send an
 * activity again. Each delivery id is claimed in the shared store.
 *
 * While the store cannot answer, a first delivery is still handled (a rare double answer beats a dropped
 * one; this process's own claims still stop repeats here), but a redelivery is not: its first delivery
 * most likely got its answer on some replica, and nothing shared can say otherwise.
 */
import { type Logger, throttledWarning } from '../src/log.ts';
import type { Store } from '../src/store/store.ts';
import { TolerantClaims } from '../src/store/tolerant-claims.ts';

export interface DeliveryClaims {
  /**
   * True when this delivery should be handled. `redelivery`: the platform says it sent it before (Slack's
   * retry number).
   */
  take(key: string, options?: { readonly redelivery?: boolean }): Promise<boolean>;
}

/** Long enough to outlast a platform's retries (Slack's last comes about five minutes after the first). */
const defaultTtlMs = 10 * 60_000;

export function createDeliveryClaims(deps: {
  readonly store: Pick<Store, 'claim'>;
  readonly log: Logger;
  readonly ttlMs?: number;
}): DeliveryClaims {
  const outage = throttledWarning(deps.log, 'store unavailable: deliveries checked against this process only');
  let redeliveriesSkipped = 0;
  const claims = new TolerantClaims(deps.store, (err) => outage({ err, redeliveriesSkipped }));
  return {
    async take(key, options = {}) {
      const verdict = await claims.claim(key, deps.ttlMs ?? defaultTtlMs);
      if (!verdict.won) return false;
      if (!verdict.shared && options.redelivery) {
        redeliveriesSkipped += 1;
        return false;
      }
      return true;
    },
  };
}
