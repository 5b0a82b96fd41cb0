/**
 * All of the Teams logic of a turn: map the activity in, ask the core, render the answer as a card in the
 * same conversation thread. The route only hands turns here.
 */
import type { Bot } from '../../src/bot-api.ts';
import type { Logger } from '../../src/log.ts';
import type { Reply } from '../../src/message.ts';
import { fromActivity, placeOf, type TeamsPlace } from './from-activity.ts';
import type { InFlight } from './in-flight.ts';
import type { ConversationRef, ProactiveSender, TeamsActivity, Turn } from './teams-activity.ts';
import {
  adaptiveCardContentType,
  type CardLabels,
  englishLabels,
  toAdaptiveCard,
  toTeamsActivity,
} from './to-adaptive-card.ts';

export interface TurnHandlerDeps {
  readonly bot: Bot;
  readonly proactive: ProactiveSender;
  readonly inFlight: InFlight;
  readonly log: Logger;
  readonly labels?: CardLabels;
  /** Told about every conversation the bot hears from, so later posts (the handoff) can reach it. */
  readonly seen?: (ref: ConversationRef, place: TeamsPlace) => Promise<void>;
}

/** The conversation an activity came from, as a reference for sending into it later. */
export function referenceOf(activity: TeamsActivity): ConversationRef | undefined {
  if (!activity.serviceUrl || !activity.conversation) return undefined;
  const tenantId = activity.conversation.tenantId ?? activity.channelData?.tenant?.id;
  return {
    serviceUrl: activity.serviceUrl,
    channelId: activity.channelId ?? 'msteams',
    conversation: activity.conversation,
    ...(activity.recipient ? { bot: activity.recipient } : {}),
    ...(tenantId ? { tenantId } : {}),
  };
}

export function createTurnHandler(deps: TurnHandlerDeps): (turn: Turn) => Promise<void> {
  const { bot, proactive, inFlight } = deps;
  const labels = deps.labels ?? englishLabels;
  const render = (reply: Reply) => toTeamsActivity(reply, { labels });

  async function recordPosted(reply: Reply, activity: TeamsActivity, place: TeamsPlace, messageId: string | undefined) {
    if (!bot.posted || !messageId) return;
    await bot.posted(reply, {
      platform: 'teams',
      conversationId: place.conversationId,
      // Outside channel threads (personal and group chats) the user's message stands for the thread.
      threadId: place.threadId ?? activity.id ?? messageId,
      messageId,
      ...(place.workspaceId ? { workspaceId: place.workspaceId } : {}),
    });
  }

  async function post(turn: Turn, place: TeamsPlace, reply: Reply): Promise<string | undefined> {
    const id = await turn.send(render(reply));
    await recordPosted(reply, turn.activity, place, id);
    return id;
  }

  return async (turn) => {
    const activity = turn.activity;
    const log = deps.log.child({ platform: 'teams', activityId: activity.id, type: activity.type });
    const input = fromActivity(activity);
    const place = placeOf(activity);
    const ref = referenceOf(activity);
    if (ref && deps.seen && activity.type !== 'invoke') {
      await deps.seen(ref, place).catch((err: unknown) => log.warn({ err }, 'teams conversation not remembered'));
    }
    if (!input) {
      if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') {
        await turn.respond(400, {
          statusCode: 400,
          type: 'application/vnd.microsoft.error',
          value: { code: 'BadRequest', message: 'unknown card action' },
        });
      }
      return;
    }

    switch (input.kind) {
      case 'message': {
        const reply = await bot.handle(input.message);
        if (reply) await post(turn, place, reply);
        log.debug({ answered: reply !== undefined, kind: reply?.kind }, 'teams message handled');
        return;
      }
      case 'command': {
        const outcome = bot.command(input.invocation);
        if (!outcome.progress) {
          await post(turn, place, await outcome.result);
          return;
        }
        const progressId = await turn.send(render(outcome.progress));
        if (!ref) throw new Error('activity without serviceUrl or conversation');
        // The turn (and its HTTP request) ends here; the result replaces the progress card when ready.
        inFlight.run(`command ${input.invocation.name}`, async () => {
          const result = await outcome.result;
          await proactive.continue(ref, async (later) => {
            if (progressId) await later.update(progressId, render(result));
            const messageId = progressId ?? (await later.send(render(result)));
            await recordPosted(result, activity, place, messageId);
          });
        });
        return;
      }
      case 'action': {
        const outcome = await bot.action(input.invocation);
        if (activity.type === 'invoke') {
          // Action.Execute: the card in the invoke response replaces the one that was clicked.
          await turn.respond(
            200,
            outcome.update
              ? { statusCode: 200, type: adaptiveCardContentType, value: toAdaptiveCard(outcome.update, { labels }) }
              : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'OK' },
          );
        } else if (outcome.update && activity.replyToId) {
          // Action.Submit arrives as a message whose replyToId is the card's own message.
          await turn.update(activity.replyToId, render(outcome.update));
        }
        if (outcome.followUp) await post(turn, place, outcome.followUp);
        return;
      }
    }
  };
}
