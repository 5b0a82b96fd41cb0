import type { ActionInvocation } from '../../src/bot-api.ts';
import type { CommandInvocation } from '../../src/commands/command.ts';
import type { ActionKind, IncomingMessage } from '../../src/message.ts';
import { type BoundedText, boundText } from '../../src/text-bound.ts';
import type { TeamsActivity, TeamsEntity } from './teams-activity.ts';
import { maxRawChars, readTeamsText } from './teams-text.ts';
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

const actionKinds: readonly string[] = ['resolve', 'dismiss', 'more', 'show'] satisfies readonly ActionKind[];

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
  return entitiesOf(activity).some((e) => e.type === 'mention' && e.mentioned?.id === botId);
}

/** Bot mentions removed from one message; more are not looked for (each removal reads the whole text). */
const maxMentions = 10;

/**
 * The message text without the bot's `<at>…</at>` mention, as plain text, and whether it was cut: the
 * activity's text is bounded before the mention or any markup is read.
 */
export function messageText(activity: TeamsActivity): BoundedText {
  let text = typeof activity.text === 'string' ? activity.text : '';
  if (text === '') text = htmlAttachmentText(activity);
  const raw = boundText(text, maxRawChars);
  text = raw.text;
  const botId = activity.recipient?.id;
  const mentions = entitiesOf(activity).filter(
    (e) => e.type === 'mention' && e.mentioned?.id === botId && typeof e.text === 'string' && e.text !== '',
  );
  for (const entity of mentions.slice(0, maxMentions)) text = text.split(entity.text!).join(' ');
  const plain = readTeamsText(text);
  return { text: plain.text, cut: raw.cut || plain.cut };
}

function htmlAttachmentText(activity: TeamsActivity): string {
  const attachments = Array.isArray(activity.attachments) ? activity.attachments : [];
  const html = attachments.find((a) => a?.contentType === 'text/html');
  return typeof html?.content === 'string' ? html.content : '';
}

/** The activity's entities; a body that is not an array (only a forged activity has one) counts as none. */
function entitiesOf(activity: TeamsActivity): readonly TeamsEntity[] {
  return Array.isArray(activity.entities) ? activity.entities.filter((e) => typeof e === 'object' && e !== null) : [];
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
  const { text, cut } = messageText(activity);
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
    ...(cut ? { cut } : {}),
    ...(Number.isFinite(sentAtMs) ? { sentAtMs } : {}),
  };
  return { kind: 'message', message };
}
