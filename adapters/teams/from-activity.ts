import type { ActionInvocation } from '../../src/bot-api.ts';
import type { CommandInvocation } from '../../src/commands/command.ts';
import type { ActionKind, IncomingMessage } from '../../src/message.ts';
import type { TeamsActivity } from './teams-activity.ts';
import { toPlainText } from './teams-text.ts';
import { parseTextCommand } from './text-command.ts';

/** What an activity asks of the core, or undefined when the bot has nothing to do with it. */
export type TeamsInput =
  | { readonly kind: 'message'; readonly message: IncomingMessage }
  | { readonly kind: 'command'; readonly invocation: CommandInvocation }
  | { readonly kind: 'action'; readonly invocation: ActionInvocation };

/** Where an activity happened, in the core's terms. */
export interface TeamsPlace {
  readonly workspaceId?: string;
  /** The conversation without its `;messageid=` thread suffix: a channel, a group chat, a personal chat. */
  readonly conversationId: string;
  /** Root message of the channel thread the activity is in; undefined outside channel threads. */
  readonly threadId?: string;
  readonly userId: string;
  readonly userName?: string;
}

/** The data an answer card's Action.Submit buttons carry; Action.Execute carries it as `data` with `verb`. */
export interface CardActionData {
  readonly ksb: 'action';
  readonly kind: ActionKind;
  readonly replyId: string;
}

const actionKinds: readonly string[] = ['resolve', 'dismiss', 'more'] satisfies readonly ActionKind[];

export function placeOf(activity: TeamsActivity): TeamsPlace {
  const [conversationId = '', threadId] = (activity.conversation?.id ?? '').split(';messageid=');
  const workspaceId = activity.conversation?.tenantId ?? activity.channelData?.tenant?.id;
  // The Entra object id is stable across bots and tenants' apps; the channel account id is per bot.
  const userId = activity.from?.aadObjectId ?? activity.from?.id ?? '';
  return {
    conversationId,
    userId,
    ...(workspaceId ? { workspaceId } : {}),
    ...(threadId ? { threadId } : {}),
    ...(activity.from?.name ? { userName: activity.from.name } : {}),
  };
}

export function isPersonal(activity: TeamsActivity): boolean {
  return activity.conversation?.conversationType === 'personal';
}

/** True when the message mentions the bot itself (not just anyone). */
export function mentionsBot(activity: TeamsActivity): boolean {
  const botId = activity.recipient?.id;
  return (activity.entities ?? []).some((e) => e.type === 'mention' && e.mentioned?.id === botId);
}

/** The message text without the bot's `<at>…</at>` mention, as plain text. */
export function messageText(activity: TeamsActivity): string {
  let text = activity.text ?? '';
  if (text === '') text = htmlAttachmentText(activity);
  const botId = activity.recipient?.id;
  for (const entity of activity.entities ?? []) {
    if (entity.type === 'mention' && entity.mentioned?.id === botId && entity.text) {
      text = text.split(entity.text).join(' ');
    }
  }
  return toPlainText(text);
}

function htmlAttachmentText(activity: TeamsActivity): string {
  const html = activity.attachments?.find((a) => a.contentType === 'text/html');
  return typeof html?.content === 'string' ? html.content : '';
}

/** Reads the button data from an Action.Submit (message with value) or an Action.Execute invoke. */
export function cardActionOf(activity: TeamsActivity): { kind: ActionKind; replyId: string } | undefined {
  let data: unknown = activity.value;
  let verb: unknown;
  if (activity.type === 'invoke') {
    const action = (activity.value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
    data = action?.data;
    verb = action?.verb;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const { kind = verb, replyId } = data as Partial<Record<keyof CardActionData, unknown>>;
  if (typeof kind !== 'string' || !actionKinds.includes(kind)) return undefined;
  if (typeof replyId !== 'string' || replyId === '' || replyId.length > 200) return undefined;
  return { kind: kind as ActionKind, replyId };
}

/**
 * Maps an activity to what it asks of the core. Personal chats and mentions are addressed (the bot always
 * answers); channel messages read through the resource-specific consent permission are not, and the core
 * stays silent unless it is confident. Commands are recognised with or without the mention.
 */
export function fromActivity(activity: TeamsActivity): TeamsInput | undefined {
  const isMessage = activity.type === 'message' || activity.type === 'messageUpdate';
  const isCardInvoke = activity.type === 'invoke' && activity.name === 'adaptiveCard/action';
  if (!isMessage && !isCardInvoke) return undefined;
  if (activity.from?.role === 'bot' || (activity.from?.id && activity.from.id === activity.recipient?.id)) {
    return undefined;
  }
  const place = placeOf(activity);

  const action = cardActionOf(activity);
  if (action) return { kind: 'action', invocation: { ...action, ...place, platform: 'teams' } };
  if (!isMessage) return undefined;
  if (activity.value !== undefined && !activity.text) return undefined; // a submit from a card that is not ours

  const addressed = isPersonal(activity) || mentionsBot(activity);
  const text = messageText(activity);
  const edited = activity.type === 'messageUpdate';
  // A bare mention asks what the bot can do.
  if (text === '' && addressed && !edited) {
    return { kind: 'command', invocation: { name: 'help', args: '', ...place, platform: 'teams' } };
  }
  if (text === '') return undefined;

  const command = edited ? undefined : parseTextCommand(text, addressed);
  if (command) return { kind: 'command', invocation: { ...command, ...place, platform: 'teams' } };

  const sentAtMs = activity.timestamp === undefined ? Number.NaN : new Date(activity.timestamp).getTime();
  const message: IncomingMessage = {
    platform: 'teams',
    id: activity.id ?? '',
    ...place,
    text,
    addressed,
    ...(edited ? { edited } : {}),
    ...(Number.isFinite(sentAtMs) ? { sentAtMs } : {}),
  };
  return { kind: 'message', message };
}
