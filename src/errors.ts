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

/**
 * An error with a code and, optionally, a message that is safe to post in a channel.
 * `message` is for operators (it may name hosts or paths); `userMessage` is for the channel: short,
 * actionable, no internals. When it is absent users see a generic line with a reference.
 */
export class BotError extends Error {
  override readonly name = 'BotError';
  readonly code: ErrorCode;
  readonly userMessage: string | undefined;
  constructor(code: ErrorCode, message: string, options: { cause?: unknown; userMessage?: string } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.userMessage = options.userMessage;
  }
}

export function isBotError(err: unknown): err is BotError {
  return err instanceof BotError;
}
