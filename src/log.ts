/**
 * The logger the core accepts. pino's Logger fits it structurally; tests pass `pino({ level: 'silent' })`
 * or a recording stream. Data goes in the object, the message stays constant; errors go under `err`.
 */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** A logger that drops everything: for library callers that pass none. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};

/**
 * True at most once per `ms`: one log line per period for a state that can last (an overload, a slow
 * store) rather than one per event.
 */
export function atMostEvery(ms: number, now: () => number = Date.now): { due(): boolean } {
  let lastMs = Number.NEGATIVE_INFINITY;
  return {
    due() {
      const at = now();
      if (at - lastMs < ms) return false;
      lastMs = at;
      return true;
    },
  };
}

/**
 * A warning about a state that lasts (the store down, requests refused): logged at once, then at most once
 * per `ms`, each line with how many were held back since the one before.
 */
export function throttledWarning(
  log: Logger,
  msg: string,
  ms = 10_000,
  now: () => number = Date.now,
): (fields: Record<string, unknown>) => void {
  const gate = atMostEvery(ms, now);
  let heldBack = 0;
  return (fields) => {
    if (!gate.due()) {
      heldBack += 1;
      return;
    }
    log.warn({ ...fields, ...(heldBack > 0 ? { heldBack } : {}) }, msg);
    heldBack = 0;
  };
}
