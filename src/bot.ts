/**
 * The platform-neutral core: decides whether and what to answer; the adapters deliver it. Each entry point
 * lives in its own module under src/bot/ over one shared context (bot-context.ts); this one only wires them
 * and gives each the one failure sink: every entry point catches its own failures (logged once with a
 * reference), so none rejects.
 */

import { type BotDeps, createBotContext, newRef } from './bot/bot-context.ts';
import { handleAction } from './bot/handle-action.ts';
import { handleMessage } from './bot/handle-message.ts';
import { handlePosted, handleReaction } from './bot/handle-reaction.ts';
import { runCommand } from './bot/run-command.ts';
import type { Bot } from './bot-api.ts';
import { errorReply } from './replies/error-reply.ts';

export type { BotDeps } from './bot/bot-context.ts';

export function createBot(deps: BotDeps): Bot {
  const ctx = createBotContext(deps);
  const { log } = ctx;
  return {
    async handle(message) {
      const mlog = log.child({ platform: message.platform, msgId: message.id, conversationId: message.conversationId });
      try {
        return await handleMessage(ctx, message, mlog);
      } catch (err) {
        const ref = newRef();
        mlog.error({ err, ref }, 'message not handled');
        return message.addressed ? errorReply(err, ref, { language: message.language ?? ctx.language }) : undefined;
      }
    },
    command: (invocation) => runCommand(ctx, invocation),
    async action(invocation) {
      try {
        return await handleAction(ctx, invocation);
      } catch (err) {
        const ref = newRef();
        log.error({ err, ref, replyId: invocation.replyId }, 'action not handled');
        return { followUp: errorReply(err, ref, { language: invocation.language ?? ctx.language }) };
      }
    },
    async reaction(invocation) {
      try {
        await handleReaction(ctx, invocation);
      } catch (err) {
        log.error({ err, ref: newRef() }, 'reaction not handled');
      }
    },
    async posted(reply, where) {
      try {
        await handlePosted(ctx, reply, where);
      } catch (err) {
        log.error({ err, ref: newRef() }, 'posted reply not remembered');
      }
    },
  };
}
