import type { Logger } from '../../src/log.ts';

/**
 * Work that outlives its turn (a diagnosis updating its "Diagnosing…" card): tracked so that stop() can
 * wait for it instead of cutting answers off. A failure is logged, never thrown into the void.
 */
export interface InFlight {
  run(name: string, work: () => Promise<void>): void;
  /** Resolves once everything started so far has settled. */
  drain(): Promise<void>;
  readonly size: number;
}

export function createInFlight(log: Logger): InFlight {
  const running = new Set<Promise<void>>();
  return {
    run(name, work) {
      const promise = work()
        .catch((err: unknown) => log.error({ err, work: name }, 'teams background work failed'))
        .finally(() => running.delete(promise));
      running.add(promise);
    },
    async drain() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    get size() {
      return running.size;
    },
  };
}
