import { BotError, ErrorCode, type LocalizedText } from '../../src/errors.ts';
import type { Logger } from '../../src/log.ts';

/**
 * Whether a store answers, logged once per change: "<name> unavailable: …" when it goes down and
 * "<name> available again" when it returns, however many calls fail in between. RedisStore and
 * SqliteStore share it, so an outage reads the same in the log whichever store the bot uses.
 */
export class StoreHealth {
  readonly #log: Logger;
  readonly #name: string;
  #down = false;

  constructor(log: Logger, name: string) {
    this.#log = log;
    this.#name = name;
  }

  get down(): boolean {
    return this.#down;
  }

  /** Logs the outage unless it is already known; true when this call changed the state. */
  markDown(err: Error, fields: Record<string, unknown> = {}): boolean {
    if (this.#down) return false;
    this.#down = true;
    this.#log.error(
      { ...fields, err: { message: err.message, code: (err as NodeJS.ErrnoException).code } },
      `${this.#name} unavailable: store calls fail fast until it returns`,
    );
    return true;
  }

  /** Logs the return unless the store was up already; true when this call changed the state. */
  markUp(): boolean {
    if (!this.#down) return false;
    this.#down = false;
    this.#log.info({}, `${this.#name} available again`);
    return true;
  }
}

/** What a user sees when the record cannot be read; the log line has the detail. */
function unavailableText(label: string): LocalizedText {
  return {
    en: `The incident record (${label}) is unavailable right now; try again in a minute.`,
    ko: `지금은 인시던트 기록(${label})을 사용할 수 없습니다. 잠시 후 다시 시도하세요.`,
  };
}

/** The `store_unavailable` error every store method rejects with when its backend cannot answer. */
export function storeUnavailable(label: string, message: string, cause?: unknown): BotError {
  return new BotError(ErrorCode.StoreUnavailable, message, {
    ...(cause === undefined ? {} : { cause }),
    userMessage: unavailableText(label),
  });
}
