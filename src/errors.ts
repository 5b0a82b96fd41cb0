import type { Language } from './i18n/messages.ts';

/** Stable codes for failures the bot knows how to explain. `as const`, not enum: erasableSyntaxOnly. */
export const ErrorCode = {
  ConfigInvalid: 'config_invalid',
  KnowledgeUnreadable: 'knowledge_unreadable',
  InputInvalid: 'input_invalid',
  NotAllowed: 'not_allowed',
  NotFound: 'not_found',
  ClusterUnreachable: 'cluster_unreachable',
  ClusterForbidden: 'cluster_forbidden',
  ClusterTimeout: 'cluster_timeout',
  StoreUnavailable: 'store_unavailable',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Words for the channel in each language the bot speaks. */
export type LocalizedText = Readonly<Record<Language, string>>;

/**
 * An error with a code and, optionally, a message that is safe to post in a channel.
 * `message` is for operators (it may name hosts or paths); `userMessage` is for the channel: short,
 * actionable, no internals. When it is absent users see a generic line with a reference. Given in every
 * language, it is posted in the bot's; `userMessage` is then the English one (for logs, audit and the CLI).
 */
export class BotError extends Error {
  override readonly name = 'BotError';
  readonly code: ErrorCode;
  readonly userMessage: string | undefined;
  readonly #localized: LocalizedText | undefined;
  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; userMessage?: string | LocalizedText } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    const user = options.userMessage;
    this.#localized = typeof user === 'object' ? user : undefined;
    this.userMessage = typeof user === 'object' ? user.en : user;
  }

  /** The message for the channel in `language`, when the error has one. */
  userMessageIn(language: Language): string | undefined {
    return this.#localized?.[language] ?? this.userMessage;
  }
}

export function isBotError(err: unknown): err is BotError {
  return err instanceof BotError;
}
