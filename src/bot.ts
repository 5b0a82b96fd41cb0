import { createHash, randomBytes } from 'node:crypto';
import type { ActionInvocation, ActionOutcome, Bot, CommandOutcome, ReactionInvocation } from './bot-api.ts';
import type { Command, CommandInvocation } from './commands/command.ts';
import { CommandRegistry } from './commands/command-registry.ts';
import { createKbCommand } from './commands/kb-command.ts';
import { parseCommandText } from './commands/parse-command.ts';
import { findResource } from './gate/find-resource.ts';
import { looksLikeProblem } from './gate/looks-like-problem.ts';
import { readPaste } from './gate/read-paste.ts';
import { summarize } from './gate/summarize.ts';
import type { Language } from './i18n/messages.ts';
import { messages } from './i18n/messages.ts';
import type { IncidentEvent, IncidentRecorder, Place, Resource } from './incidents/incident-event.ts';
import { localizedText } from './knowledge/localize.ts';
import { type Logger, silentLogger, throttledWarning } from './log.ts';
import type { Match, Matcher, MatchResult } from './matching/matcher.ts';
import type { IncomingMessage, Platform, Reply } from './message.ts';
import { answerReply } from './replies/answer-reply.ts';
import { type Candidate, toCandidate } from './replies/candidate.ts';
import { errorReply, notConfiguredReply } from './replies/error-reply.ts';
import { helpReply } from './replies/help-reply.ts';
import { dismissedReply, resolvedReply, withRepeatCount } from './replies/mark-reply.ts';
import { moreReply } from './replies/more-reply.ts';
import { noteReply, withPasteNote } from './replies/paste-note.ts';
import { pointerReply } from './replies/pointer-reply.ts';
import { unsureReply } from './replies/unsure-reply.ts';
import type { Store } from './store/store.ts';
import { TolerantClaims } from './store/tolerant-claims.ts';

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
}

/** What the bot keeps about an answer it gave, keyed by its replyId. */
interface AnswerRecord {
  readonly reply: Reply;
  readonly place: Place;
  readonly candidates: readonly Candidate[];
  readonly repeatKey: string;
  readonly messageId?: string;
  readonly resolvedBy?: string;
}

/** The open answer a repeat points to. */
interface RepeatRecord {
  readonly replyId: string;
  readonly count: number;
}

/*
 * What the bot keeps in the store (scope = `<platform>:<workspace or ->:<conversation>`):
 *   seen:<scope>:<msg>[:edit:<hash>]  10 min   a delivery (or one edit) was taken by a replica
 *   replied:<scope>:<msg>             30 days  the message got its one reply
 *   reply:<replyId>                   30 days  the answer as posted, its place and candidates (buttons)
 *   thread:<scope>:<thread>           30 days  the answer opened in that thread (follow-ups, reactions)
 *   msg:<scope>:<msg>                 30 days  the thread of a message the bot posted (reactions on it)
 *   repeat:<scope>:<section>:<pod|image|->  repeat window  the open answer a repeat points to, and the count
 *   feedback:<replyId>:<user>         30 days  a button press: kind, who, when, section
 */
const seenTtlMs = 10 * 60_000;
const recordTtlMs = 30 * 24 * 3_600_000;
const checkMarks = new Set(['white_check_mark', 'heavy_check_mark', 'ballot_box_with_check', '✅', '✔️']);

/**
 * The platform-neutral core: decides whether and what to answer; the adapters deliver it.
 * Every entry point catches its own failures (logged once with a reference), so none rejects.
 */
export function createBot(deps: BotDeps): Bot {
  const log = deps.log ?? silentLogger;
  const botLanguage = deps.language ?? 'ko';
  // Incidents name their section as the handoff shows it: in the bot's language where it has a translation.
  const titleOf = (m: Match) => localizedText(m.section, botLanguage).title;
  const now = deps.now ?? Date.now;
  const repeatWindowMs = deps.repeatWindowMs ?? 3_600_000;
  const registry = new CommandRegistry([
    createKbCommand({ matcher: deps.matcher, language: botLanguage }),
    ...(deps.commands ?? []),
  ]);
  const store = tolerantStore(deps.store, log);

  const record = (event: IncidentEvent): void => {
    if (!deps.recorder) return;
    deps.recorder.record(event).catch((err: unknown) => log.error({ err, event: event.type }, 'incident not recorded'));
  };

  const saveAnswer = (replyId: string, answer: AnswerRecord) =>
    store.set(`reply:${replyId}`, JSON.stringify(answer), recordTtlMs);
  const loadAnswer = async (replyId: string): Promise<AnswerRecord | undefined> => {
    const raw = await store.get(`reply:${replyId}`);
    return raw === undefined ? undefined : (JSON.parse(raw) as AnswerRecord);
  };

  async function handleMessage(m: IncomingMessage, mlog: Logger): Promise<Reply | undefined> {
    const language = m.language ?? botLanguage;
    const scope = scopeOf(m.platform, m.workspaceId, m.conversationId);
    const seenKey = m.edited ? `seen:${scope}:${m.id}:edit:${digest(m.text)}` : `seen:${scope}:${m.id}`;
    if (!(await store.claim(seenKey, seenTtlMs))) {
      mlog.debug({}, 'already seen');
      return undefined;
    }
    const atMs = m.sentAtMs ?? now();
    const reporter = m.userName ?? m.userId;

    if (m.addressed && !m.edited) {
      const typed = parseCommandText(m.text);
      if (typed) {
        if (!(await claimReply(scope, m.id))) return undefined;
        const { userName, workspaceId, threadId } = m;
        const outcome = command({
          name: typed.name,
          args: typed.args,
          platform: m.platform,
          conversationId: m.conversationId,
          userId: m.userId,
          threadId: threadId ?? m.id,
          ...(workspaceId ? { workspaceId } : {}),
          ...(userName ? { userName } : {}),
          ...(m.language ? { language: m.language } : {}),
        });
        return outcome.result;
      }
    }

    // A follow-up in a thread the bot already answered is activity on that incident, not a new problem.
    if (m.threadId && !m.addressed) {
      const openReplyId = await store.get(`thread:${scope}:${m.threadId}`);
      if (openReplyId !== undefined) {
        record({ type: 'activity', place: placeOf(m, m.threadId), atMs, by: reporter });
        return undefined;
      }
    }

    const paste = readPaste(m.text);
    if (paste.binary) {
      mlog.info({ textLength: m.text.length }, 'binary paste');
      if (!m.addressed || !(await claimReply(scope, m.id))) return undefined;
      return noteReply(messages(language).pasteBinary);
    }
    const text = paste.text;
    const kind = looksLikeProblem(text);
    if (!m.addressed && !kind) return undefined;
    const result = deps.matcher.match(text, { top: 5 });
    const best = result.matches[0];
    const threadId = m.threadId ?? m.id;
    const place = placeOf(m, threadId);
    mlog.info(
      {
        kind,
        confident: result.confident,
        section: best?.section.id,
        score: best?.score,
        textLength: m.text.length,
        ...(paste.cut ? { cut: paste.cut } : {}),
      },
      'matched',
    );
    const noted = (reply: Reply): Reply => (paste.cut ? withPasteNote(reply, paste.cut, language) : reply);

    if (!result.confident || !best) {
      // Recorded even when silent: the handoff lists what the bot could not answer.
      if (kind && !m.edited) {
        record({
          type: 'opened',
          place,
          atMs,
          reporter,
          kind,
          summary: summarize(text),
          ...(best ? { section: { id: best.section.id, title: titleOf(best) }, score: best.score } : {}),
          ...signatureOf(result),
          confident: false,
          unanswered: true,
          ...resourceField(findResource(text)),
        });
      }
      if (!m.addressed) return undefined;
      if (!(await claimReply(scope, m.id))) return undefined;
      // Each candidate's full answer is kept, so its "show" button can post it in the thread.
      const shown = result.matches.slice(0, 3);
      const showIds = shown.map(() => newId());
      await Promise.all(
        shown.map((match, i) =>
          saveAnswer(showIds[i]!, {
            reply: answerReply(match, { language, replyId: showIds[i]! }),
            place,
            candidates: [match, ...result.matches.filter((other) => other !== match)].map((c) =>
              toCandidate(c, language),
            ),
            repeatKey: `repeat:${scope}:${match.section.id}:-`,
          }),
        ),
      );
      return noted(unsureReply(result, { language, showIds }));
    }

    if (!(await claimReply(scope, m.id))) return undefined;
    const resource = findResource(text);
    const repeatKey = `repeat:${scope}:${best.section.id}:${resource?.pod ?? resource?.image ?? '-'}`;
    const repeat = await loadRepeat(repeatKey);
    if (repeat) {
      const open = await loadAnswer(repeat.replyId);
      if (open && !open.resolvedBy) return pointTo(open, repeat, repeatKey, m, reporter, atMs, language);
    }

    const replyId = newId();
    const reply = noted(answerReply(best, { language, replyId }));
    const candidates = result.matches.map((c) => toCandidate(c, language));
    const answer: AnswerRecord = { reply, place, candidates, repeatKey };
    await Promise.all([
      saveAnswer(replyId, answer),
      store.set(`thread:${scope}:${threadId}`, replyId, recordTtlMs),
      store.set(repeatKey, JSON.stringify({ replyId, count: 1 } satisfies RepeatRecord), repeatWindowMs),
    ]);
    record({
      type: 'opened',
      place,
      atMs,
      reporter,
      kind: kind ?? 'question',
      summary: summarize(text),
      section: { id: best.section.id, title: titleOf(best) },
      ...signatureOf(result),
      score: best.score,
      confident: true,
      unanswered: false,
      ...resourceField(resource),
    });
    return reply;
  }

  async function pointTo(
    open: AnswerRecord,
    repeat: RepeatRecord,
    repeatKey: string,
    m: IncomingMessage,
    reporter: string,
    atMs: number,
    language: Language,
  ): Promise<Reply> {
    const count = repeat.count + 1;
    await store.set(repeatKey, JSON.stringify({ ...repeat, count } satisfies RepeatRecord), repeatWindowMs);
    record({ type: 'repeated', place: open.place, atMs, by: reporter });
    const title = open.reply.blocks.find((b) => b.type === 'heading')?.text ?? '';
    const pointer = pointerReply({
      count,
      title,
      language,
      ...(open.place.permalink ? { permalink: open.place.permalink } : {}),
    });
    if (open.messageId === undefined) return pointer;
    const counted = withRepeatCount(open.reply, count, { language });
    await saveAnswer(repeat.replyId, { ...open, reply: counted });
    log.debug({ msgId: m.id, replyId: repeat.replyId, count }, 'repeat');
    return {
      ...pointer,
      updates: [{ conversationId: open.place.conversationId, messageId: open.messageId, reply: counted }],
    };
  }

  async function loadRepeat(key: string): Promise<RepeatRecord | undefined> {
    const raw = await store.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as RepeatRecord);
  }

  /** One reply per message, however many times it arrives or is edited. */
  function claimReply(scope: string, messageId: string): Promise<boolean> {
    return store.claim(`replied:${scope}:${messageId}`, recordTtlMs);
  }

  function command(invocation: CommandInvocation): CommandOutcome {
    const language = invocation.language ?? botLanguage;
    const name = invocation.name.trim().toLowerCase();
    const clog = log.child({ platform: invocation.platform, command: name });
    if (name === 'help' || name === '') {
      return { result: Promise.resolve(helpReply(registry.summaries(language), { language })) };
    }
    const implementation = registry.get(name);
    if (!implementation) {
      const reply = registry.isKnown(name)
        ? notConfiguredReply(name, { language })
        : helpReply(registry.summaries(language), { language, unknown: invocation.typed ?? name });
      return { result: Promise.resolve(reply) };
    }
    const fail = (err: unknown): Reply => {
      const ref = newRef();
      clog.error({ err, ref }, 'command failed');
      return errorReply(err, ref, { language });
    };
    let progress: Reply | undefined;
    try {
      progress = implementation.progress?.(invocation);
    } catch (err) {
      return { result: Promise.resolve(fail(err)) };
    }
    const result = Promise.resolve()
      .then(() => implementation.run(invocation, AbortSignal.timeout(deps.commandTimeoutMs ?? 60_000)))
      .catch(fail);
    return progress ? { progress, result } : { result };
  }

  async function action(a: ActionInvocation): Promise<ActionOutcome> {
    const language = a.language ?? botLanguage;
    const t = messages(language);
    const answer = await loadAnswer(a.replyId);
    if (!answer)
      return {
        followUp: { kind: 'info', text: t.expired, blocks: [{ type: 'context', text: t.expired }], inThread: true },
      };
    const by = a.userName ?? a.userId;
    const atMs = now();
    const section = answer.candidates[0]?.id;
    await store.set(
      `feedback:${a.replyId}:${a.userId}`,
      JSON.stringify({ kind: a.kind, by, atMs, section }),
      recordTtlMs,
    );
    log.info({ replyId: a.replyId, kind: a.kind, section }, 'feedback');
    switch (a.kind) {
      case 'resolve': {
        const update = resolvedReply(answer.reply, by, { language });
        await Promise.all([
          saveAnswer(a.replyId, { ...answer, reply: update, resolvedBy: by }),
          store.delete(answer.repeatKey),
        ]);
        if (!answer.resolvedBy) record({ type: 'resolved', place: answer.place, atMs, by, how: 'button' });
        return { update };
      }
      case 'dismiss': {
        const update = dismissedReply(answer.reply, by, { language });
        await Promise.all([saveAnswer(a.replyId, { ...answer, reply: update }), store.delete(answer.repeatKey)]);
        record({ type: 'dismissed', place: answer.place, atMs, by });
        return { update };
      }
      case 'more':
        return { followUp: moreReply(answer.candidates.slice(1), { language }) };
      case 'show': {
        // A candidate of an unsure reply, asked for: its answer, with its own buttons, in the thread.
        if (a.threadId !== undefined) {
          const scope = scopeOf(a.platform, a.workspaceId, a.conversationId);
          await store.set(`thread:${scope}:${a.threadId}`, a.replyId, recordTtlMs);
        }
        return { followUp: answer.reply };
      }
    }
  }

  async function reaction(r: ReactionInvocation): Promise<void> {
    if (!checkMarks.has(r.name)) return;
    const scope = scopeOf(r.platform, r.workspaceId, r.conversationId);
    const threadId = (await store.get(`msg:${scope}:${r.messageId}`)) ?? r.messageId;
    const replyId = await store.get(`thread:${scope}:${threadId}`);
    if (replyId === undefined) return;
    const answer = await loadAnswer(replyId);
    if (!answer || answer.resolvedBy) return;
    await Promise.all([saveAnswer(replyId, { ...answer, resolvedBy: r.userId }), store.delete(answer.repeatKey)]);
    record({ type: 'resolved', place: answer.place, atMs: now(), by: r.userId, how: 'reaction' });
  }

  async function posted(reply: Reply, where: Parameters<NonNullable<Bot['posted']>>[1]): Promise<void> {
    const scope = scopeOf(where.platform, where.workspaceId, where.conversationId);
    await store.set(`msg:${scope}:${where.messageId}`, where.threadId, recordTtlMs);
    if (!reply.replyId || reply.kind !== 'answer') return;
    const answer = await loadAnswer(reply.replyId);
    if (!answer) return;
    const place = where.permalink ? { ...answer.place, permalink: where.permalink } : answer.place;
    await saveAnswer(reply.replyId, { ...answer, place, messageId: where.messageId });
  }

  return {
    async handle(message) {
      const mlog = log.child({ platform: message.platform, msgId: message.id, conversationId: message.conversationId });
      try {
        return await handleMessage(message, mlog);
      } catch (err) {
        const ref = newRef();
        mlog.error({ err, ref }, 'message not handled');
        return message.addressed ? errorReply(err, ref, { language: message.language ?? botLanguage }) : undefined;
      }
    },
    command,
    async action(invocation) {
      try {
        return await action(invocation);
      } catch (err) {
        const ref = newRef();
        log.error({ err, ref, replyId: invocation.replyId }, 'action not handled');
        return { followUp: errorReply(err, ref, { language: invocation.language ?? botLanguage }) };
      }
    },
    async reaction(invocation) {
      try {
        await reaction(invocation);
      } catch (err) {
        log.error({ err, ref: newRef() }, 'reaction not handled');
      }
    },
    async posted(reply, where) {
      try {
        await posted(reply, where);
      } catch (err) {
        log.error({ err, ref: newRef() }, 'posted reply not remembered');
      }
    },
  };
}

function scopeOf(platform: Platform, workspaceId: string | undefined, conversationId: string): string {
  return `${platform}:${workspaceId ?? '-'}:${conversationId}`;
}

function placeOf(m: IncomingMessage, threadId: string): Place {
  return {
    platform: m.platform,
    conversationId: m.conversationId,
    threadId,
    ...(m.workspaceId ? { workspaceId: m.workspaceId } : {}),
    ...(m.permalink ? { permalink: m.permalink } : {}),
  };
}

/** The failure signature the matcher saw in the paste, from its reasons ("signature image-pull-unauthorized"). */
function signatureOf(result: MatchResult): { signature?: string } {
  for (const reason of result.matches[0]?.reasons ?? []) {
    const id = /^signature ([\w.-]+)$/.exec(reason)?.[1];
    if (id) return { signature: id };
  }
  return {};
}

function resourceField(resource: Resource | undefined): { resource?: Resource } {
  return resource ? { resource } : {};
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 16);
}

function newId(): string {
  return randomBytes(9).toString('base64url');
}

function newRef(): string {
  return randomBytes(2).toString('hex');
}

/**
 * The bot keeps answering when its store fails (Redis down): a failed read counts as missing, a failed
 * write is logged, and a failed claim is decided by this process's own claims (TolerantClaims), so a
 * message delivered here twice during the outage is still answered once. The outage is logged once per
 * 10 s, not once per call.
 */
function tolerantStore(store: Store, log: Logger): Pick<Store, 'get' | 'set' | 'delete' | 'claim'> {
  const outage = throttledWarning(log, 'store unavailable');
  const warn = (err: unknown, op: string) => outage({ err, op });
  const claims = new TolerantClaims(store, (err) => warn(err, 'claim'));
  return {
    get: (key) =>
      store.get(key).catch((err: unknown) => {
        warn(err, 'get');
        return undefined;
      }),
    set: (key, value, ttlMs) => store.set(key, value, ttlMs).catch((err: unknown) => warn(err, 'set')),
    delete: (key) => store.delete(key).catch((err: unknown) => warn(err, 'delete')),
    claim: async (key, ttlMs) => (await claims.claim(key, ttlMs)).won,
  };
}
