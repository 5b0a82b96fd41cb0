import { MemoryStore } from './memory-store.ts';
import type { Store } from './store.ts';

/** How a claim was decided. */
export interface ClaimVerdict {
  /** True when this caller took the key. */
  readonly won: boolean;
  /** False when the store could not answer and only this process's own claims decided. */
  readonly shared: boolean;
}

/** How long a claim taken while the store is down is remembered here, whatever its own time to live. */
const localTtlCapMs = 10 * 60_000;

/**
 * Claims (SET NX) that still decide while the store cannot answer (Redis down): the process then keeps its
 * own claims for up to ten minutes, so one replica takes each key once however often it is delivered
 * there, and the caller learns that the claim was not shared (another replica may have taken it too).
 */
export class TolerantClaims {
  readonly #store: Pick<Store, 'claim'>;
  readonly #local = new MemoryStore();
  readonly #onFailure: (err: unknown) => void;

  /** `onFailure` hears every store failure; it should log the outage, not each call. */
  constructor(store: Pick<Store, 'claim'>, onFailure: (err: unknown) => void) {
    this.#store = store;
    this.#onFailure = onFailure;
  }

  async claim(key: string, ttlMs: number): Promise<ClaimVerdict> {
    try {
      return { won: await this.#store.claim(key, ttlMs), shared: true };
    } catch (err) {
      this.#onFailure(err);
      return { won: await this.#local.claim(key, Math.min(ttlMs, localTtlCapMs)), shared: false };
    }
  }
}
