/**
 * The platform-neutral language of the bot. Adapters map Slack events, Teams activities, CLI input and
 * the web playground into `IncomingMessage`, and render `Reply` back (Block Kit, Adaptive Cards, text).
 */
export type Platform = 'slack' | 'teams' | 'cli' | 'web';

/** Who did something in a chat, and where: what messages, commands and button presses all carry. */
export interface ChatOrigin {
  readonly platform: Platform;
  /** Slack team id, Teams tenant id: keys in the store are namespaced by it. */
  readonly workspaceId?: string;
  readonly conversationId: string;
  /** Root of the thread it happened in, when it was in a thread. */
  readonly threadId?: string;
  readonly userId: string;
  readonly userName?: string;
  /** The language this person asked for (the playground's switch); the bot's own setting otherwise. */
  readonly language?: 'ko' | 'en';
}

export interface IncomingMessage extends ChatOrigin {
  /** Platform message id (Slack ts, Teams activity id); with platform and conversation, the dedup key. */
  readonly id: string;
  /** Already stripped of the bot mention; may be a long paste, cut by the adapter to its bound (text-bound.ts). */
  readonly text: string;
  /** The adapter cut what was sent to its bound before reading it: `text` is the head of a longer paste. */
  readonly cut?: boolean;
  /** DM or @mention: the bot answers even when it is not confident. */
  readonly addressed: boolean;
  /** The message is an edit of an earlier one (answered once, only when the edit makes it recognisable). */
  readonly edited?: boolean;
  /** When the platform says it was sent (ms since epoch); defaults to receipt time. */
  readonly sentAtMs?: number;
  /** A web link to the message's thread, where the platform has one: the handoff links to it. */
  readonly permalink?: string;
}

/** A button the bot offers: under an answer, and beside each candidate of an unsure reply (`show`). */
export type ActionKind = 'resolve' | 'dismiss' | 'more' | 'show';

export interface Step {
  /** Markdown, as in blocks. */
  readonly text: string;
  /** Commands kept verbatim, rendered as code. */
  readonly commands: readonly string[];
}

/** A section offered when the bot is not sure, or as another match. */
export interface CandidateItem {
  /** The section's title (Markdown inline). */
  readonly title: string;
  readonly documentTitle: string;
  /** `path:L12-L40`, where it is in the knowledge. */
  readonly where: string;
  /** The section's web address, when its document has one: the candidate is a link to it. */
  readonly url?: string;
  /** A `show` button posting this candidate's full answer comes back with this reply id. */
  readonly replyId?: string;
}

/**
 * A small neutral vocabulary, after botkube's api.Message. Every `text`, `items` entry and field `value` is
 * Markdown (CommonMark: paragraphs, nested lists, code blocks, `code spans`, links, emphasis), read by
 * src/markdown/parse-markdown.ts for every platform; labels are plain text. Whatever a user wrote goes in
 * through `literal()` (src/markdown/escape-markdown.ts), so it never becomes markup.
 */
export type Block =
  | { readonly type: 'heading'; readonly text: string }
  | { readonly type: 'paragraph'; readonly text: string; readonly label?: string }
  | { readonly type: 'code'; readonly text: string }
  | { readonly type: 'steps'; readonly steps: readonly Step[]; readonly label?: string }
  | { readonly type: 'fields'; readonly fields: readonly { readonly label: string; readonly value: string }[] }
  | { readonly type: 'list'; readonly items: readonly string[]; readonly label?: string }
  | { readonly type: 'candidates'; readonly candidates: readonly CandidateItem[]; readonly label?: string }
  | {
      readonly type: 'source';
      readonly title: string;
      readonly path: string;
      readonly lines: readonly [number, number];
      readonly url?: string;
    }
  | { readonly type: 'context'; readonly text: string }
  | { readonly type: 'actions'; readonly replyId: string; readonly actions: readonly ActionKind[] }
  | { readonly type: 'divider' };

export type ReplyKind =
  | 'answer'
  | 'unsure'
  | 'pointer'
  | 'more'
  | 'diagnosis'
  | 'progress'
  | 'handoff'
  | 'help'
  | 'usage'
  | 'error'
  | 'resolved'
  | 'info';

export interface Reply {
  readonly kind: ReplyKind;
  /** A complete plain-text fallback: notifications, the CLI, screen readers. */
  readonly text: string;
  readonly blocks: readonly Block[];
  /** Replies to pasted errors and commands go in the thread of the message, never the channel. */
  readonly inThread: boolean;
  /** Set when the reply carries buttons: actions on it come back with this id. */
  readonly replyId?: string;
  /**
   * Earlier bot messages to update in place along with posting this one (the repeat count on the open
   * answer when a repeat gets a pointer). Adapters that cannot update may ignore it.
   */
  readonly updates?: readonly ReplyUpdate[];
}

/** An earlier bot message (as reported to `Bot.posted`) and what it should now show. */
export interface ReplyUpdate {
  readonly conversationId: string;
  readonly messageId: string;
  readonly reply: Reply;
}
