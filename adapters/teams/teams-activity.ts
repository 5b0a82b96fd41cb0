/**
 * The parts of a Bot Framework activity the Teams adapter reads and writes, declared here rather than
 * imported so that only bot-framework.ts depends on the SDK (its successor speaks the same activity JSON).
 */
export interface TeamsAccount {
  readonly id: string;
  readonly name?: string;
  readonly aadObjectId?: string;
  readonly role?: string;
}

export interface TeamsConversation {
  /** Channel threads: `19:…@thread.tacv2;messageid=<root id>`; personal chats: `a:…`. */
  readonly id: string;
  readonly conversationType?: string;
  readonly tenantId?: string;
  readonly isGroup?: boolean;
}

export interface TeamsEntity {
  readonly type: string;
  readonly mentioned?: TeamsAccount;
  /** For mentions: the `<at>Name</at>` text as it appears in the message. */
  readonly text?: string;
}

export interface TeamsAttachment {
  readonly contentType: string;
  readonly content?: unknown;
}

export interface TeamsChannelData {
  readonly tenant?: { readonly id: string };
  readonly team?: { readonly id: string; readonly name?: string };
  readonly channel?: { readonly id: string; readonly name?: string };
  readonly eventType?: string;
}

export interface TeamsActivity {
  readonly type: string;
  readonly id?: string;
  readonly name?: string;
  readonly timestamp?: string | Date;
  readonly serviceUrl?: string;
  readonly channelId?: string;
  readonly from?: TeamsAccount;
  readonly recipient?: TeamsAccount;
  readonly conversation?: TeamsConversation;
  readonly text?: string;
  readonly textFormat?: string;
  readonly value?: unknown;
  readonly replyToId?: string;
  readonly locale?: string;
  readonly entities?: readonly TeamsEntity[];
  readonly attachments?: readonly TeamsAttachment[];
  readonly channelData?: TeamsChannelData;
}

/** A message the bot sends or updates: an Adaptive Card with a short summary for notifications. */
export interface OutgoingActivity {
  readonly type: 'message';
  readonly summary?: string;
  readonly text?: string;
  readonly attachments?: readonly TeamsAttachment[];
}

/** Where a proactive message goes: enough of a conversation reference to continue it later. */
export interface ConversationRef {
  readonly serviceUrl: string;
  readonly channelId: string;
  readonly conversation: TeamsConversation;
  readonly bot?: TeamsAccount;
  readonly tenantId?: string;
}

/**
 * One turn as the turn handler sees it: the activity and the three ways to answer it. Implemented over
 * botbuilder's TurnContext in bot-framework.ts.
 */
export interface Turn {
  readonly activity: TeamsActivity;
  /** Posts into the activity's conversation (its thread); resolves to the new message's id. */
  send(activity: OutgoingActivity): Promise<string | undefined>;
  /** Replaces message `id` in place (PUT …/activities/{id}). */
  update(id: string, activity: OutgoingActivity): Promise<void>;
  /** Answers an invoke activity (Action.Execute): the body goes back in the HTTP response. */
  respond(status: number, body?: unknown): Promise<void>;
}

/** Sending outside a turn: the result of a long command, the scheduled handoff. */
export interface ProactiveSender {
  /** Runs `work` with a turn bound to `ref`; the work's `activity` is a synthetic one for that conversation. */
  continue(ref: ConversationRef, work: (turn: Turn) => Promise<void>): Promise<void>;
  /** Starts a new top-level post in a Teams channel; resolves to the new conversation (thread) reference. */
  startThread(ref: ConversationRef, channelId: string, activity: OutgoingActivity): Promise<ConversationRef>;
}
