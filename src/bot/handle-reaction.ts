/**
 * Reactions and the adapters' reports of what they posted: a ✅ on an answer or in its thread resolves the
 * incident; `posted` remembers where a reply landed, so reactions and repeat counts can find it later.
 */
import type { Bot, ReactionInvocation } from '../bot-api.ts';
import type { Reply } from '../message.ts';
import { type BotContext, recordTtlMs, scopeOf } from './bot-context.ts';

const checkMarks = new Set(['white_check_mark', 'heavy_check_mark', 'ballot_box_with_check', '✅', '✔️']);

export async function handleReaction(ctx: BotContext, r: ReactionInvocation): Promise<void> {
  if (!checkMarks.has(r.name)) return;
  const { store } = ctx;
  const scope = scopeOf(r.platform, r.workspaceId, r.conversationId);
  const threadId = (await store.get(`msg:${scope}:${r.messageId}`)) ?? r.messageId;
  const replyId = await store.get(`thread:${scope}:${threadId}`);
  if (replyId === undefined) return;
  const answer = await ctx.loadAnswer(replyId);
  if (!answer || answer.resolvedBy) return;
  await Promise.all([ctx.saveAnswer(replyId, { ...answer, resolvedBy: r.userId }), store.delete(answer.repeatKey)]);
  ctx.record({ type: 'resolved', place: answer.place, atMs: ctx.now(), by: r.userId, how: 'reaction' });
}

export async function handlePosted(
  ctx: BotContext,
  reply: Reply,
  where: Parameters<NonNullable<Bot['posted']>>[1],
): Promise<void> {
  const scope = scopeOf(where.platform, where.workspaceId, where.conversationId);
  await ctx.store.set(`msg:${scope}:${where.messageId}`, where.threadId, recordTtlMs);
  if (!reply.replyId || reply.kind !== 'answer') return;
  const answer = await ctx.loadAnswer(reply.replyId);
  if (!answer) return;
  const place = where.permalink ? { ...answer.place, permalink: where.permalink } : answer.place;
  await ctx.saveAnswer(reply.replyId, { ...answer, place, messageId: where.messageId });
}
