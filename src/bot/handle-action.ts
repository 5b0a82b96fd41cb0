/**
 * A button press on one of the bot's replies: "This fixed it" (resolve), "Not it" (dismiss), "Other
 * matches" (more), and "Show this answer" beside a candidate (show). Every press is kept as feedback, and
 * the ones that say which section answers the paste teach the matcher (src/learning/): "This fixed it" and
 * choosing a candidate confirm it, "Not it" rejects it.
 */
import type { ActionInvocation, ActionOutcome } from '../bot-api.ts';
import { type Language, messages } from '../i18n/messages.ts';
import type { LearnedKind } from '../matching/learned-evidence.ts';
import type { ActionKind, Reply } from '../message.ts';
import { answerReply } from '../replies/answer-reply.ts';
import { dismissedReply, resolvedReply } from '../replies/mark-reply.ts';
import { moreReply } from '../replies/more-reply.ts';
import { type AnswerRecord, type BotContext, newId, recordTtlMs, scopeOf } from './bot-context.ts';

/** What each press says about the section it is on. */
const teaches: Readonly<Record<ActionKind, LearnedKind | undefined>> = {
  resolve: 'confirm',
  show: 'confirm',
  dismiss: 'reject',
  more: undefined,
};

export async function handleAction(ctx: BotContext, a: ActionInvocation): Promise<ActionOutcome> {
  const { store } = ctx;
  const language = a.language ?? ctx.language;
  const t = messages(language);
  const answer = await ctx.loadAnswer(a.replyId);
  if (!answer)
    return {
      followUp: { kind: 'info', text: t.expired, blocks: [{ type: 'context', text: t.expired }], inThread: true },
    };
  const by = a.userName ?? a.userId;
  const atMs = ctx.now();
  const section = answer.candidates[0]?.id;
  await store.set(
    `feedback:${a.replyId}:${a.userId}`,
    JSON.stringify({ kind: a.kind, by, atMs, section }),
    recordTtlMs,
  );
  ctx.log.info({ replyId: a.replyId, kind: a.kind, section }, 'feedback');
  await teach(ctx, a, answer);
  switch (a.kind) {
    case 'resolve': {
      const update = resolvedReply(answer.reply, by, { language });
      await Promise.all([
        ctx.saveAnswer(a.replyId, { ...answer, reply: update, resolvedBy: by }),
        store.delete(answer.repeatKey),
      ]);
      if (!answer.resolvedBy) ctx.record({ type: 'resolved', place: answer.place, atMs, by, how: 'button' });
      return { update };
    }
    case 'dismiss': {
      const update = dismissedReply(answer.reply, by, { language });
      await Promise.all([ctx.saveAnswer(a.replyId, { ...answer, reply: update }), store.delete(answer.repeatKey)]);
      ctx.record({ type: 'dismissed', place: answer.place, atMs, by });
      return { update };
    }
    case 'more':
      return { followUp: await otherMatches(ctx, answer, language) };
    case 'show': {
      // A candidate, chosen: its answer, with its own buttons, in the thread.
      if (a.threadId !== undefined) {
        const scope = scopeOf(a.platform, a.workspaceId, a.conversationId);
        await store.set(`thread:${scope}:${a.threadId}`, a.replyId, recordTtlMs);
      }
      return { followUp: answer.reply };
    }
  }
}

/**
 * A press teaches only where the answer was posted: buttons are pressed by the people who can see the
 * message, so a press from anywhere else (a stale or forged reply id) is feedback, never a vote.
 */
async function teach(ctx: BotContext, a: ActionInvocation, answer: AnswerRecord): Promise<void> {
  const kind = teaches[a.kind];
  const section = answer.candidates[0]?.id;
  if (!ctx.deps.learning || !kind || !section || !answer.evidence) return;
  if (a.platform !== answer.place.platform || a.conversationId !== answer.place.conversationId) return;
  await ctx.deps.learning.vote(answer.evidence, { kind, section, platform: a.platform, userId: a.userId });
}

/** "Other matches", each with a button that posts its answer (kept like an unsure reply's candidates). */
async function otherMatches(ctx: BotContext, answer: AnswerRecord, language: Language): Promise<Reply> {
  const others = answer.candidates.slice(1);
  const scope = scopeOf(answer.place.platform, answer.place.workspaceId, answer.place.conversationId);
  const showIds = await Promise.all(
    others.map(async (candidate) => {
      const section = ctx.deps.matcher.section?.(candidate.id);
      if (!section) return undefined;
      const showId = newId();
      await ctx.saveAnswer(showId, {
        reply: answerReply({ section, score: candidate.score }, { language, replyId: showId }),
        place: answer.place,
        candidates: [candidate, ...answer.candidates.filter((c) => c !== candidate)],
        repeatKey: `repeat:${scope}:${candidate.id}:-`,
        ...(answer.evidence ? { evidence: answer.evidence } : {}),
      });
      return showId;
    }),
  );
  return moreReply(others, { language, showIds });
}
