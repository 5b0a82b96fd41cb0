import type { Platform } from '../message.ts';

/** Where something happened: the thread is the incident. */
export interface Place {
  readonly platform: Platform;
  readonly workspaceId?: string;
  readonly conversationId: string;
  /** Root message of the thread (the pasted error, or the bot's diagnosis post). */
  readonly threadId: string;
  /** A link to the thread where the platform gives one. */
  readonly permalink?: string;
}

export interface Resource {
  readonly cluster?: string;
  readonly namespace?: string;
  readonly pod?: string;
  readonly image?: string;
}

export type ResolvedHow = 'button' | 'reaction' | 'command';

/**
 * What the bot saw, as it records it for the on-call handoff. The incident id is derived from the place
 * (platform, workspace, conversation, thread), so every event about one thread lands on one incident.
 */
export type IncidentEvent = IncidentEventBody & {
  /**
   * Unique per event (e.g. `slack:1700000000.000100` for a message, `resolve:<replyId>:<user>` for a button).
   * Writing an event twice with one id stores it once. When absent, the id is a hash of the event.
   */
  readonly id?: string;
};

type IncidentEventBody =
  | {
      readonly type: 'opened';
      readonly place: Place;
      readonly atMs: number;
      readonly reporter: string;
      readonly kind: 'error' | 'question' | 'diagnosis';
      /** First line or summary of what was pasted or found; already redacted and bounded. */
      readonly summary: string;
      /** The best section, when the bot answered or had a candidate. */
      readonly section?: { readonly id: string; readonly title: string };
      /** The failure signature the paste shows (knowledge/lexicon/signatures.yaml), when one was found. */
      readonly signature?: string;
      readonly score?: number;
      readonly confident: boolean;
      /** The bot had nothing to offer (counts under "what the bot could not answer"). */
      readonly unanswered: boolean;
      readonly resource?: Resource;
    }
  | {
      readonly type: 'resolved';
      readonly place: Place;
      readonly atMs: number;
      readonly by: string;
      readonly how: ResolvedHow;
    }
  | { readonly type: 'dismissed'; readonly place: Place; readonly atMs: number; readonly by: string }
  | { readonly type: 'activity'; readonly place: Place; readonly atMs: number; readonly by: string }
  | { readonly type: 'repeated'; readonly place: Place; readonly atMs: number; readonly by: string };

/**
 * Where the bot writes what it saw. `record` never rejects: when the backing store is down the event is
 * kept and written when it returns (the handoff issue's outage rule).
 */
export interface IncidentRecorder {
  record(event: IncidentEvent): Promise<void>;
}
