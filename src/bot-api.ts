import type { CommandInvocation } from './commands/command.ts';
import type { ActionKind, ChatOrigin, IncomingMessage, Platform, Reply } from './message.ts';

/** A button press on one of the bot's replies. */
export interface ActionInvocation extends ChatOrigin {
  readonly kind: ActionKind;
  /** The `replyId` of the reply that carried the button. */
  readonly replyId: string;
}

export interface ActionOutcome {
  /** Replaces the reply that carried the button (e.g. marked resolved by whom). */
  readonly update?: Reply;
  /** Posted in the thread (e.g. the other candidates). */
  readonly followUp?: Reply;
}

/** A reaction added to a message: ✅ (`white_check_mark`, `heavy_check_mark`) resolves the thread's incident. */
export interface ReactionInvocation {
  readonly name: string;
  readonly platform: Platform;
  readonly workspaceId?: string;
  readonly conversationId: string;
  /** The message reacted to; the bot finds its thread. */
  readonly messageId: string;
  readonly userId: string;
}

export interface CommandOutcome {
  /** Shown at once (a "Diagnosing…" message), then replaced by `result`. */
  readonly progress?: Reply;
  readonly result: Promise<Reply>;
}

/**
 * The core, platform-neutral. Adapters call it and render what it returns; it sends nothing itself.
 * None of these reject: failures come back as error replies (logged once with a reference).
 */
export interface Bot {
  /** A message seen in a channel, thread or DM. Undefined means stay silent. */
  handle(message: IncomingMessage): Promise<Reply | undefined>;
  command(invocation: CommandInvocation): CommandOutcome;
  action(invocation: ActionInvocation): Promise<ActionOutcome>;
  reaction(invocation: ReactionInvocation): Promise<void>;
  /** The adapter posted `reply` as message `messageId` in `threadId`: lets buttons and reactions find it later. */
  posted?(
    reply: Reply,
    where: {
      readonly platform: Platform;
      readonly workspaceId?: string;
      readonly conversationId: string;
      readonly threadId: string;
      readonly messageId: string;
      /** A link to the thread, when the platform gives one: repeat pointers link to it. */
      readonly permalink?: string;
    },
  ): Promise<void>;
}
