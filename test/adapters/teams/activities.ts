/** Activities shaped as Teams sends them (fields from captured channel, personal and card-action payloads). */
import type { TeamsActivity } from '../../../adapters/teams/teams-activity.ts';

export const botAccount = { id: '28:bot-app-id', name: 'KubeSupport' };
export const user = { id: '29:user-1', name: 'Ji-woo Park', aadObjectId: '00000000-0000-0000-0000-0000000000a1' };
export const tenantId = '72f988bf-0000-0000-0000-000000000001';
export const channelConversationId = '19:support@thread.tacv2';

let counter = 1000;
const nextId = () => `${Date.now()}${counter++}`;

interface Options {
  readonly serviceUrl: string;
  readonly id?: string;
}

function base(
  serviceUrl: string,
  id: string,
): Pick<TeamsActivity, 'type' | 'id' | 'timestamp' | 'serviceUrl' | 'channelId' | 'from' | 'recipient' | 'locale'> {
  return {
    type: 'message',
    id,
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: user,
    recipient: botAccount,
    locale: 'ko-KR',
  };
}

const channelData = {
  tenant: { id: tenantId },
  team: { id: '19:team@thread.tacv2', name: 'Platform' },
  channel: { id: channelConversationId, name: 'k8s-support' },
  teamsChannelId: channelConversationId,
};

/** A top-level post in a channel; `mention` puts `<at>KubeSupport</at>` in front of the text. */
export function channelMessage(text: string, o: Options & { mention?: boolean; rootId?: string }): TeamsActivity {
  const id = o.id ?? nextId();
  const at = `<at>${botAccount.name}</at>`;
  return {
    ...base(o.serviceUrl, id),
    conversation: {
      id: `${channelConversationId};messageid=${o.rootId ?? id}`,
      conversationType: 'channel',
      tenantId,
      isGroup: true,
    },
    text: o.mention ? `${at} ${text}` : text,
    textFormat: 'plain',
    entities: o.mention ? [{ type: 'mention', mentioned: botAccount, text: at }] : [],
    channelData,
  };
}

export function personalMessage(text: string, o: Options): TeamsActivity {
  return {
    ...base(o.serviceUrl, o.id ?? nextId()),
    conversation: { id: 'a:1personal-chat-id', conversationType: 'personal', tenantId },
    text,
    textFormat: 'plain',
    channelData: { tenant: { id: tenantId } },
  };
}

/** An Action.Submit click: a message with the button's data as `value`, replying to the card's message. */
export function cardSubmit(data: unknown, o: Options & { cardId: string; rootId: string }): TeamsActivity {
  return {
    ...base(o.serviceUrl, o.id ?? nextId()),
    conversation: {
      id: `${channelConversationId};messageid=${o.rootId}`,
      conversationType: 'channel',
      tenantId,
      isGroup: true,
    },
    replyToId: o.cardId,
    value: data,
    channelData: { ...channelData, source: { name: 'message' } } as TeamsActivity['channelData'],
  };
}

/** An Action.Execute click (Universal Actions): an invoke activity named adaptiveCard/action. */
export function cardExecute(
  verb: string,
  data: unknown,
  o: Options & { cardId: string; rootId: string },
): TeamsActivity {
  return {
    ...base(o.serviceUrl, o.id ?? nextId()),
    type: 'invoke',
    name: 'adaptiveCard/action',
    conversation: {
      id: `${channelConversationId};messageid=${o.rootId}`,
      conversationType: 'channel',
      tenantId,
      isGroup: true,
    },
    replyToId: o.cardId,
    value: { action: { type: 'Action.Execute', verb, data } },
    channelData,
  };
}
