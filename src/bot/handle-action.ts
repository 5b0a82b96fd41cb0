/**
 * A button press on one of the bot's replies: "This fixed it" (resolve), "Not it" (dismiss), "Other
 * matches" (more), and "Show this answer" beside a candidate (show). Every press is kept as feedback.
 */
import type { ActionInvocation, ActionOutcome } from '../bot-api.ts';
import { messages } from '../i18n/messages.ts';
import { dismissedReply, resolvedReply } from '../replies/mark-reply.ts';
import { moreReply } from '../replies/more-reply.ts';
import { type BotContext, recordTtlMs, scopeOf } from './bot-context.ts';

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
