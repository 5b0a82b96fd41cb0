/**
 * Posting outside a turn (the scheduled handoff): Teams needs the conversation's service URL, tenant and
 * the bot's account, which only arrive with an activity. The adapter remembers them in the store for every
 * channel and group chat it hears from (the install event counts), and the poster looks them up.
 */
import type { HandoffPoster } from '../../src/handoff/handoff-scheduler.ts';
import type { Language } from '../../src/i18n/messages.ts';
import type { Logger } from '../../src/log.ts';
import type { Reply } from '../../src/message.ts';
import type { Store } from '../../src/store/store.ts';
import type { ConversationRef, ProactiveSender } from './teams-activity.ts';
import { toTeamsActivity } from './to-adaptive-card.ts';

/** Teams channel and group chat ids (`19:…@thread.tacv2`, `19:…@thread.v2`, `19:…@thread.skype`). */
export function isTeamsConversationId(id: string): boolean {
  return /^19:[^\s;]+@thread\.[a-z0-9]+$/i.test(id);
}

const keyOf = (conversationId: string) => `ksb:teams:conversation:${conversationId}`;

export interface TeamsPoster extends HandoffPoster {
  /** Keeps where a conversation can be reached; `ref` may point into a thread, the channel is kept. */
  remember(ref: ConversationRef, conversationId: string): Promise<void>;
}

export function createTeamsPoster(deps: {
  readonly store: Store;
  readonly proactive: ProactiveSender;
  readonly log: Logger;
  readonly language?: Language;
}): TeamsPoster {
  // What this process last wrote per conversation, so a busy channel costs one store write, not one per message.
  const written = new Map<string, string>();
  const render = (reply: Reply) => toTeamsActivity(reply, deps.language ? { language: deps.language } : {});

  return {
    async remember(ref, conversationId) {
      if (ref.conversation.conversationType === 'personal') return;
      const kept: ConversationRef = { ...ref, conversation: { ...ref.conversation, id: conversationId } };
      const value = JSON.stringify(kept);
      if (written.get(conversationId) === value) return;
      await deps.store.set(keyOf(conversationId), value);
      written.set(conversationId, value);
    },

    async post(channel, reply) {
      const raw = await deps.store.get(keyOf(channel));
      if (raw === undefined) {
        throw new Error(
          `Teams conversation ${channel} is unknown: add the bot to that team or chat (or mention it there once) so Teams tells it where to post`,
        );
      }
      const ref = JSON.parse(raw) as ConversationRef;
      if (ref.conversation.conversationType === 'channel') {
        // A new top-level post in the channel, so the handoff starts its own thread.
        await deps.proactive.startThread(ref, channel, render(reply));
      } else {
        await deps.proactive.continue(ref, async (turn) => {
          await turn.send(render(reply));
        });
      }
      deps.log.info({ channel, kind: reply.kind }, 'teams proactive post sent');
    },
  };
}
