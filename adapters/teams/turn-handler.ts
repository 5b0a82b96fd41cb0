/**
 * All of the Teams logic of a turn: map the activity in, ask the core, render the answer as a card in the
 * same conversation thread. The route only hands turns here.
 */
import type { Bot } from '../../src/bot-api.ts';
import type { Language } from '../../src/i18n/messages.ts';
import type { Logger } from '../../src/log.ts';
import type { Reply } from '../../src/message.ts';
import type { DeliveryClaims } from '../delivery-claims.ts';
import { fromActivity, placeOf, type TeamsPlace } from './from-activity.ts';
import type { InFlight } from './in-flight.ts';
import type { ConversationRef, ProactiveSender, TeamsActivity, Turn } from './teams-activity.ts';
import { adaptiveCardContentType, toAdaptiveCard, toTeamsActivity } from './to-adaptive-card.ts';

export interface TurnHandlerDeps {
  readonly bot: Bot;
  readonly proactive: ProactiveSender;
  readonly inFlight: InFlight;
  readonly log: Logger;
  /** The language of the card's own words (buttons, notes); the core's replies carry their own. */
  readonly language?: Language;
  /** Told about every conversation the bot hears from, so later posts (the handoff) can reach it. */
  readonly seen?: (ref: ConversationRef, place: TeamsPlace) => Promise<void>;
  /**
   * Runs a command or a button press once per activity id when Teams sends it again (messages are
   * de-duplicated by the core). Without it every delivery runs.
   */
  readonly deliveries?: DeliveryClaims;
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

/** A deep link to a channel thread (repeat pointers link to it); undefined outside channels. */
export function threadLink(place: TeamsPlace, threadId: string): string | undefined {
  if (!place.conversationId.endsWith('@thread.tacv2') && !place.conversationId.endsWith('@thread.skype'))
    return undefined;
  const query = new URLSearchParams({
    parentMessageId: threadId,
    ...(place.workspaceId ? { tenantId: place.workspaceId } : {}),
  });
  return `https://teams.microsoft.com/l/message/${encodeURIComponent(place.conversationId)}/${threadId}?${query}`;
}

export function createTurnHandler(deps: TurnHandlerDeps): (turn: Turn) => Promise<void> {
  const { bot, proactive, inFlight } = deps;
  const cardOptions = deps.language ? { language: deps.language } : {};
  const render = (reply: Reply) => toTeamsActivity(reply, cardOptions);

  async function recordPosted(reply: Reply, activity: TeamsActivity, place: TeamsPlace, messageId: string | undefined) {
    if (!bot.posted || !messageId) return;
    // Outside channel threads (personal and group chats) the user's message stands for the thread.
    const threadId = place.threadId ?? activity.id ?? messageId;
    const permalink = threadLink(place, threadId);
    await bot.posted(reply, {
      platform: 'teams',
      conversationId: place.conversationId,
      threadId,
      messageId,
      ...(place.workspaceId ? { workspaceId: place.workspaceId } : {}),
      ...(permalink ? { permalink } : {}),
    });
  }

  /** Earlier answers the reply asks to refresh (the repeat count on the open answer), each in its own place. */
  async function applyUpdates(reply: Reply, ref: ConversationRef | undefined, log: Logger): Promise<void> {
    if (!reply.updates?.length || !ref) return;
    for (const update of reply.updates) {
      const target: ConversationRef = { ...ref, conversation: { ...ref.conversation, id: update.conversationId } };
      await proactive
        .continue(target, (later) => later.update(update.messageId, render(update.reply)))
        .catch((err: unknown) => log.warn({ err, messageId: update.messageId }, 'teams earlier answer not updated'));
    }
  }

  async function post(turn: Turn, place: TeamsPlace, reply: Reply, log: Logger): Promise<string | undefined> {
    const id = await turn.send(render(reply));
    await recordPosted(reply, turn.activity, place, id);
    await applyUpdates(reply, referenceOf(turn.activity), log);
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

    if (input.kind !== 'message' && deps.deliveries && activity.id) {
      const key = `teams:activity:${place.conversationId}:${activity.id}`;
      if (!(await deps.deliveries.take(key))) {
        log.debug({ kind: input.kind }, 'teams activity already handled');
        if (activity.type === 'invoke') {
          await turn.respond(200, { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'OK' });
        }
        return;
      }
    }

    switch (input.kind) {
      case 'message': {
        // The handoff links each incident to its thread; outside channel threads there is no such link.
        const link = threadLink(place, place.threadId ?? input.message.id);
        const reply = await bot.handle(link ? { ...input.message, permalink: link } : input.message);
        if (reply) await post(turn, place, reply, log);
        log.debug({ answered: reply !== undefined, kind: reply?.kind }, 'teams message handled');
        return;
      }
      case 'command': {
        const outcome = bot.command(input.invocation);
        if (!outcome.progress) {
          await post(turn, place, await outcome.result, log);
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
              ? { statusCode: 200, type: adaptiveCardContentType, value: toAdaptiveCard(outcome.update, cardOptions) }
              : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'OK' },
          );
        } else if (outcome.update && activity.replyToId) {
          // Action.Submit arrives as a message whose replyToId is the card's own message.
          await turn.update(activity.replyToId, render(outcome.update));
        }
        if (outcome.followUp) await post(turn, place, outcome.followUp, log);
        return;
      }
    }
  };
}
