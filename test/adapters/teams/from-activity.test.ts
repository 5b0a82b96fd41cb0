import { describe, expect, it } from 'vitest';
import { fromActivity } from '../../../adapters/teams/from-activity.ts';
import type { TeamsActivity } from '../../../adapters/teams/teams-activity.ts';
import { maxRawChars, maxTextChars, toPlainText } from '../../../adapters/teams/teams-text.ts';
import {
  botAccount,
  cardExecute,
  cardSubmit,
  channelConversationId,
  channelMessage,
  personalMessage,
  tenantId,
  user,
} from './activities.ts';

const serviceUrl = 'http://127.0.0.1:1/';

describe('fromActivity', () => {
  it('strips the bot mention and marks a channel mention as addressed', () => {
    const activity = channelMessage('Error: ErrImagePull', { serviceUrl, mention: true, id: '1700' });
    expect(fromActivity(activity)).toEqual({
      kind: 'message',
      message: expect.objectContaining({
        platform: 'teams',
        id: '1700',
        workspaceId: tenantId,
        conversationId: channelConversationId,
        threadId: '1700',
        userId: user.aadObjectId,
        userName: user.name,
        text: 'Error: ErrImagePull',
        addressed: true,
      }),
    });
  });

  it('marks a channel message without the mention as not addressed (read through RSC)', () => {
    const input = fromActivity(channelMessage('0/3 nodes are available: 3 Insufficient cpu', { serviceUrl }));
    expect(input).toMatchObject({ kind: 'message', message: { addressed: false } });
  });

  it('keeps the thread root of a reply in a channel thread', () => {
    const input = fromActivity(channelMessage('still failing', { serviceUrl, id: '1801', rootId: '1800' }));
    expect(input).toMatchObject({ kind: 'message', message: { id: '1801', threadId: '1800' } });
  });

  it('does not count a mention of someone else as addressing the bot', () => {
    const activity = {
      ...channelMessage('<at>Min-su</at> look at this', { serviceUrl }),
      entities: [{ type: 'mention', mentioned: { id: '29:min-su', name: 'Min-su' }, text: '<at>Min-su</at>' }],
    };
    expect(fromActivity(activity)).toMatchObject({
      kind: 'message',
      message: { addressed: false, text: 'Min-su look at this' },
    });
  });

  it('addresses every personal message', () => {
    expect(fromActivity(personalMessage('pod stuck pending', { serviceUrl }))).toMatchObject({
      kind: 'message',
      message: { addressed: true, conversationId: 'a:1personal-chat-id' },
    });
  });

  it('reads commands with and without the mention', () => {
    expect(fromActivity(channelMessage('diagnose pod web-1 -n shop', { serviceUrl, mention: true }))).toMatchObject({
      kind: 'command',
      invocation: {
        name: 'diagnose',
        args: 'pod web-1 -n shop',
        platform: 'teams',
        conversationId: channelConversationId,
      },
    });
    expect(fromActivity(personalMessage('kb image pull', { serviceUrl }))).toMatchObject({
      kind: 'command',
      invocation: { name: 'kb', args: 'image pull' },
    });
    expect(fromActivity(channelMessage('handoff 12h', { serviceUrl }))).toMatchObject({
      kind: 'command',
      invocation: { name: 'handoff' },
    });
  });

  it('answers a bare mention with help', () => {
    expect(fromActivity(channelMessage('', { serviceUrl, mention: true }))).toMatchObject({
      kind: 'command',
      invocation: { name: 'help' },
    });
  });

  it('reads button data from Action.Submit and Action.Execute', () => {
    const data = { ksb: 'action', kind: 'resolve', replyId: 'r-1' };
    expect(fromActivity(cardSubmit(data, { serviceUrl, cardId: 'c', rootId: 'root' }))).toEqual({
      kind: 'action',
      invocation: expect.objectContaining({ kind: 'resolve', replyId: 'r-1', threadId: 'root', platform: 'teams' }),
    });
    expect(
      fromActivity(cardExecute('more', { replyId: 'r-2' }, { serviceUrl, cardId: 'c', rootId: 'root' })),
    ).toMatchObject({
      kind: 'action',
      invocation: { kind: 'more', replyId: 'r-2' },
    });
  });

  it('ignores button data it did not make', () => {
    expect(
      fromActivity(cardSubmit({ kind: 'drop-table', replyId: 'r' }, { serviceUrl, cardId: 'c', rootId: 'r' })),
    ).toBeUndefined();
    expect(fromActivity(cardSubmit('just a string', { serviceUrl, cardId: 'c', rootId: 'r' }))).toBeUndefined();
  });

  it('ignores its own messages, other bots and non-message activities', () => {
    const own = { ...channelMessage('hi', { serviceUrl }), from: botAccount };
    expect(fromActivity(own)).toBeUndefined();
    expect(
      fromActivity({ ...channelMessage('hi', { serviceUrl }), from: { id: '28:other', role: 'bot' } }),
    ).toBeUndefined();
    expect(fromActivity({ ...channelMessage('hi', { serviceUrl }), type: 'conversationUpdate' })).toBeUndefined();
    expect(fromActivity({ ...channelMessage('hi', { serviceUrl }), type: 'typing' })).toBeUndefined();
  });

  it('passes an edit on as an edited message, never as a command', () => {
    const edit = { ...channelMessage('diagnose pod web-1', { serviceUrl, id: '42' }), type: 'messageUpdate' };
    expect(fromActivity(edit)).toMatchObject({ kind: 'message', message: { id: '42', edited: true } });
  });
});

describe('toPlainText', () => {
  it('turns Teams HTML into the text that was pasted', () => {
    expect(
      toPlainText(
        '<p>Failed to pull image &quot;us.icr.io/a/b:1&quot;:</p><pre>rpc error: code = Unknown<br>desc = 401 &lt;Unauthorized&gt;</pre>',
      ),
    ).toBe('Failed to pull image "us.icr.io/a/b:1":\nrpc error: code = Unknown\ndesc = 401 <Unauthorized>');
  });

  it('keeps angle brackets that are not tags', () => {
    expect(toPlainText('kubectl logs <pod_name> -n <namespace>')).toBe('kubectl logs <pod_name> -n <namespace>');
  });

  it('bounds a 2 MB paste', () => {
    expect(toPlainText('x'.repeat(2 * 1024 * 1024)).length).toBe(32_000);
  });
});

describe('the bound on a Teams message', () => {
  it('cuts the activity text before the mention or any markup is read, and says so', () => {
    const activity = channelMessage(`${'<at>KubeSupport</at> '.repeat(10_000)}ImagePullBackOff`, {
      serviceUrl,
      mention: true,
    });
    const input = fromActivity(activity);
    expect(input?.kind).toBe('message');
    const message = input?.kind === 'message' ? input.message : undefined;
    expect(message?.cut).toBe(true);
    expect(message?.text).not.toContain('<at>');
    expect(message?.text.length).toBeLessThanOrEqual(maxTextChars);
  });

  it('reads a message within the bounds whole', () => {
    const input = fromActivity(personalMessage('x'.repeat(maxTextChars), { serviceUrl }));
    expect(input).toMatchObject({ kind: 'message', message: { text: 'x'.repeat(maxTextChars) } });
    expect(input?.kind === 'message' ? input.message.cut : 'not a message').toBeUndefined();
    expect(maxRawChars).toBeGreaterThan(maxTextChars);
  });

  it('reads a forged activity whose text and entities have the wrong shape as no text', () => {
    const forged = {
      ...personalMessage('', { serviceUrl }),
      text: 12 as unknown as string,
      entities: 'mention' as unknown as TeamsActivity['entities'],
    };
    expect(fromActivity(forged)).toMatchObject({ kind: 'command', invocation: { name: 'help' } });
  });
});
