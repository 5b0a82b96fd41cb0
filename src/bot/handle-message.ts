/**
 * A message seen in a channel, thread or DM: a typed command, a follow-up in a thread already answered, or
 * a paste to match. Answers unasked only when the matcher is confident; addressed messages always get a reply.
 */

import { parseCommandText } from '../commands/parse-command.ts';
import { findResource } from '../gate/find-resource.ts';
import { looksLikeProblem } from '../gate/looks-like-problem.ts';
import { readPaste } from '../gate/read-paste.ts';
import { summarize } from '../gate/summarize.ts';
import type { Language } from '../i18n/messages.ts';
import { messages } from '../i18n/messages.ts';
import type { Resource } from '../incidents/incident-event.ts';
import { localizedText } from '../knowledge/localize.ts';
import type { Logger } from '../log.ts';
import type { Match, MatchResult } from '../matching/matcher.ts';
import type { IncomingMessage, Reply } from '../message.ts';
import { answerReply } from '../replies/answer-reply.ts';
import { toCandidate } from '../replies/candidate.ts';
import { withRepeatCount } from '../replies/mark-reply.ts';
import { noteReply, withPasteNote } from '../replies/paste-note.ts';
import { pointerReply } from '../replies/pointer-reply.ts';
import { unsureReply } from '../replies/unsure-reply.ts';
import {
  type AnswerRecord,
  type BotContext,
  digest,
  newId,
  placeOf,
  recordTtlMs,
  scopeOf,
  seenTtlMs,
} from './bot-context.ts';
import { runCommand } from './run-command.ts';

/** The open answer a repeat points to. */
interface RepeatRecord {
  readonly replyId: string;
  readonly count: number;
}

export async function handleMessage(ctx: BotContext, m: IncomingMessage, mlog: Logger): Promise<Reply | undefined> {
  const { store, record } = ctx;
  const language = m.language ?? ctx.language;
  const scope = scopeOf(m.platform, m.workspaceId, m.conversationId);
  const seenKey = m.edited ? `seen:${scope}:${m.id}:edit:${digest(m.text)}` : `seen:${scope}:${m.id}`;
  if (!(await store.claim(seenKey, seenTtlMs))) {
    mlog.debug({}, 'already seen');
    return undefined;
  }
  const atMs = m.sentAtMs ?? ctx.now();
  const reporter = m.userName ?? m.userId;

  if (m.addressed && !m.edited) {
    const typed = parseCommandText(m.text);
    if (typed) {
      if (!(await ctx.claimReply(scope, m.id))) return undefined;
      const { userName, workspaceId, threadId } = m;
      const outcome = runCommand(ctx, {
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
    if (!m.addressed || !(await ctx.claimReply(scope, m.id))) return undefined;
    return noteReply(messages(language).pasteBinary);
  }
  const text = paste.text;
  const kind = looksLikeProblem(text);
  if (!m.addressed && !kind) return undefined;
  const result = ctx.deps.matcher.match(text, { top: 5 });
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
        ...(best ? { section: { id: best.section.id, title: titleOf(ctx, best) }, score: best.score } : {}),
        ...signatureOf(result),
        confident: false,
        unanswered: true,
        ...resourceField(findResource(text)),
      });
    }
    if (!m.addressed) return undefined;
    if (!(await ctx.claimReply(scope, m.id))) return undefined;
    // Each candidate's full answer is kept, so its "show" button can post it in the thread.
    const shown = result.matches.slice(0, 3);
    const showIds = shown.map(() => newId());
    await Promise.all(
      shown.map((match, i) =>
        ctx.saveAnswer(showIds[i]!, {
          reply: answerReply(match, { language, replyId: showIds[i]! }),
          place,
          candidates: [match, ...result.matches.filter((other) => other !== match)].map((c) =>
            toCandidate(c, language),
          ),
          repeatKey: `repeat:${scope}:${match.section.id}:-`,
          ...evidenceOf(result),
        }),
      ),
    );
    return noted(unsureReply(result, { language, showIds }));
  }

  if (!(await ctx.claimReply(scope, m.id))) return undefined;
  const resource = findResource(text);
  const repeatKey = `repeat:${scope}:${best.section.id}:${resource?.pod ?? resource?.image ?? '-'}`;
  const repeat = await loadRepeat(ctx, repeatKey);
  if (repeat) {
    const open = await ctx.loadAnswer(repeat.replyId);
    if (open && !open.resolvedBy) return pointTo(ctx, { open, repeat, repeatKey, m, reporter, atMs, language });
  }

  const replyId = newId();
  const reply = noted(answerReply(best, { language, replyId }));
  const candidates = result.matches.map((c) => toCandidate(c, language));
  const answer: AnswerRecord = { reply, place, candidates, repeatKey, ...evidenceOf(result) };
  await Promise.all([
    ctx.saveAnswer(replyId, answer),
    store.set(`thread:${scope}:${threadId}`, replyId, recordTtlMs),
    store.set(repeatKey, JSON.stringify({ replyId, count: 1 } satisfies RepeatRecord), ctx.repeatWindowMs),
  ]);
  record({
    type: 'opened',
    place,
    atMs,
    reporter,
    kind: kind ?? 'question',
    summary: summarize(text),
    section: { id: best.section.id, title: titleOf(ctx, best) },
    ...signatureOf(result),
    score: best.score,
    confident: true,
    unanswered: false,
    ...resourceField(resource),
  });
  return reply;
}

/** A repeat of an open answer: a pointer to it, and the count shown on it. */
async function pointTo(
  ctx: BotContext,
  r: {
    readonly open: AnswerRecord;
    readonly repeat: RepeatRecord;
    readonly repeatKey: string;
    readonly m: IncomingMessage;
    readonly reporter: string;
    readonly atMs: number;
    readonly language: Language;
  },
): Promise<Reply> {
  const { open, repeat, repeatKey, m, language } = r;
  const count = repeat.count + 1;
  await ctx.store.set(repeatKey, JSON.stringify({ ...repeat, count } satisfies RepeatRecord), ctx.repeatWindowMs);
  ctx.record({ type: 'repeated', place: open.place, atMs: r.atMs, by: r.reporter });
  const title = open.reply.blocks.find((b) => b.type === 'heading')?.text ?? '';
  const pointer = pointerReply({
    count,
    title,
    language,
    ...(open.place.permalink ? { permalink: open.place.permalink } : {}),
  });
  if (open.messageId === undefined) return pointer;
  const counted = withRepeatCount(open.reply, count, { language });
  await ctx.saveAnswer(repeat.replyId, { ...open, reply: counted });
  ctx.log.debug({ msgId: m.id, replyId: repeat.replyId, count }, 'repeat');
  return {
    ...pointer,
    updates: [{ conversationId: open.place.conversationId, messageId: open.messageId, reply: counted }],
  };
}

async function loadRepeat(ctx: BotContext, key: string): Promise<RepeatRecord | undefined> {
  const raw = await ctx.store.get(key);
  return raw === undefined ? undefined : (JSON.parse(raw) as RepeatRecord);
}

/** The failure signature the matcher saw in the paste, from its reasons ("signature image-pull-unauthorized"). */
function signatureOf(result: MatchResult): { signature?: string } {
  for (const reason of result.matches[0]?.reasons ?? []) {
    const id = /^signature ([\w.-]+)$/.exec(reason)?.[1];
    if (id) return { signature: id };
  }
  return {};
}

/** Incidents name their section as the handoff shows it: in the bot's language where it has a translation. */
function titleOf(ctx: BotContext, m: Match): string {
  return localizedText(m.section, ctx.language).title;
}

function evidenceOf(result: MatchResult): Pick<AnswerRecord, 'evidence'> {
  return result.evidence ? { evidence: result.evidence } : {};
}

function resourceField(resource: Resource | undefined): { resource?: Resource } {
  return resource ? { resource } : {};
}
