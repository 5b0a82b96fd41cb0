/**
 * What the bot's entry points (handle-message.ts, handle-action.ts, run-command.ts, handle-reaction.ts)
 * share: its settings, the store with failures absorbed, the incident recorder, and the answer records that
 * let a button press or a reaction find the answer it is about.
 *
 * What the bot keeps in the store (scope = `<platform>:<workspace or ->:<conversation>`):
 *   seen:<scope>:<msg>[:edit:<hash>]  10 min   a delivery (or one edit) was taken by a replica
 *   replied:<scope>:<msg>             30 days  the message got its one reply
 *   reply:<replyId>                   30 days  the answer as posted, its place and candidates (buttons)
 *   thread:<scope>:<thread>           30 days  the answer opened in that thread (follow-ups, reactions)
 *   msg:<scope>:<msg>                 30 days  the thread of a message the bot posted (reactions on it)
 *   repeat:<scope>:<section>:<pod|image|->  repeat window  the open answer a repeat points to, and the count
 *   feedback:<replyId>:<user>         30 days  a button press: kind, who, when, section
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Command } from '../commands/command.ts';
import { CommandRegistry } from '../commands/command-registry.ts';
import { createKbCommand } from '../commands/kb-command.ts';
import type { Language } from '../i18n/messages.ts';
import type { IncidentEvent, IncidentRecorder, Place } from '../incidents/incident-event.ts';
import type { Learning } from '../learning/learner.ts';
import { type Logger, silentLogger } from '../log.ts';
import type { Matcher } from '../matching/matcher.ts';
import type { PasteEvidence } from '../matching/paste-evidence.ts';
import type { IncomingMessage, Platform, Reply } from '../message.ts';
import type { Candidate } from '../replies/candidate.ts';
import type { Store } from '../store/store.ts';
import { type TolerantStore, tolerantStore } from '../store/tolerant-store.ts';

export interface BotDeps {
  readonly matcher: Matcher;
  /** Event de-duplication, reply context, repeat grouping. Share one between replicas (Redis). */
  readonly store: Store;
  readonly log?: Logger;
  /** Implementations of `diagnose`, `handoff`, …; `kb` is built in unless one is given here. */
  readonly commands?: readonly Command[];
  /** Where incidents are written for the handoff; optional. */
  readonly recorder?: IncidentRecorder;
  /** The bot's own words. Default Korean, like the corpus. */
  readonly language?: Language;
  /** A repeat within this long of the open answer gets a pointer to it. Default one hour. */
  readonly repeatWindowMs?: number;
  /** How long a command may run before its signal aborts. Default 60 s. */
  readonly commandTimeoutMs?: number;
  readonly now?: () => number;
  /** Where presses on answers teach the matcher (src/learning/); without it presses are only kept as feedback. */
  readonly learning?: Learning;
}

/** What the bot keeps about an answer it gave, keyed by its replyId. */
export interface AnswerRecord {
  readonly reply: Reply;
  readonly place: Place;
  readonly candidates: readonly Candidate[];
  readonly repeatKey: string;
  readonly messageId?: string;
  readonly resolvedBy?: string;
  /** What the paste can teach (masked and redacted), should a press confirm or reject this answer. */
  readonly evidence?: PasteEvidence;
}

export const seenTtlMs = 10 * 60_000;
export const recordTtlMs = 30 * 24 * 3_600_000;

export interface BotContext {
  readonly deps: BotDeps;
  readonly log: Logger;
  /** The bot's own language; a message or press may ask for another. */
  readonly language: Language;
  readonly now: () => number;
  readonly repeatWindowMs: number;
  readonly store: TolerantStore;
  readonly registry: CommandRegistry;
  /** Writes an incident event in the background; a failure is logged, never thrown. */
  record(event: IncidentEvent): void;
  saveAnswer(replyId: string, answer: AnswerRecord): Promise<void>;
  loadAnswer(replyId: string): Promise<AnswerRecord | undefined>;
  /** One reply per message, however many times it arrives or is edited. */
  claimReply(scope: string, messageId: string): Promise<boolean>;
}

export function createBotContext(deps: BotDeps): BotContext {
  const log = deps.log ?? silentLogger;
  const language = deps.language ?? 'ko';
  const store = tolerantStore(deps.store, log);
  return {
    deps,
    log,
    language,
    now: deps.now ?? Date.now,
    repeatWindowMs: deps.repeatWindowMs ?? 3_600_000,
    store,
    registry: new CommandRegistry([createKbCommand({ matcher: deps.matcher, language }), ...(deps.commands ?? [])]),
    record(event) {
      if (!deps.recorder) return;
      deps.recorder
        .record(event)
        .catch((err: unknown) => log.error({ err, event: event.type }, 'incident not recorded'));
    },
    saveAnswer: (replyId, answer) => store.set(`reply:${replyId}`, JSON.stringify(answer), recordTtlMs),
    async loadAnswer(replyId) {
      const raw = await store.get(`reply:${replyId}`);
      return raw === undefined ? undefined : (JSON.parse(raw) as AnswerRecord);
    },
    claimReply: (scope, messageId) => store.claim(`replied:${scope}:${messageId}`, recordTtlMs),
  };
}

export function scopeOf(platform: Platform, workspaceId: string | undefined, conversationId: string): string {
  return `${platform}:${workspaceId ?? '-'}:${conversationId}`;
}

export function placeOf(m: IncomingMessage, threadId: string): Place {
  return {
    platform: m.platform,
    conversationId: m.conversationId,
    threadId,
    ...(m.workspaceId ? { workspaceId: m.workspaceId } : {}),
    ...(m.permalink ? { permalink: m.permalink } : {}),
  };
}

export function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 16);
}

export function newId(): string {
  return randomBytes(9).toString('base64url');
}

/** A short reference logged with a failure and shown in its error reply. */
export function newRef(): string {
  return randomBytes(2).toString('hex');
}
