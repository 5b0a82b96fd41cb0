import { describe, expect, it } from 'vitest';
import { fromSlackEvent, plainText } from '../../../adapters/slack/from-slack.ts';

const ctx = { botUserId: 'U0BOT', teamId: 'T1' };

describe('fromSlackEvent', () => {
  it('maps a channel message; a mention makes it addressed and is stripped', () => {
    const m = fromSlackEvent(
      {
        type: 'message',
        channel: 'C1',
        channel_type: 'channel',
        user: 'U1',
        text: '<@U0BOT> pod &lt;web&gt; fails',
        ts: '1.2',
        thread_ts: '1.0',
      },
      ctx,
    );
    expect(m).toEqual({
      platform: 'slack',
      id: '1.2',
      conversationId: 'C1',
      userId: 'U1',
      text: 'pod <web> fails',
      addressed: true,
      workspaceId: 'T1',
      threadId: '1.0',
      sentAtMs: 1200,
    });
  });

  it.each([
    { name: 'its own message', event: { user: 'U0BOT' } },
    { name: 'another bot', event: { bot_id: 'B2' } },
    { name: 'a channel join', event: { subtype: 'channel_join' } },
    { name: 'a deletion', event: { subtype: 'message_deleted' } },
  ])('ignores $name', ({ event }) => {
    expect(
      fromSlackEvent({ type: 'message', channel: 'C1', user: 'U1', text: 'x', ts: '1.1', ...event }, ctx),
    ).toBeUndefined();
  });

  it('maps an edit to the original message id, and ignores an unfurl that changed nothing', () => {
    const edit = {
      type: 'message',
      subtype: 'message_changed',
      channel: 'C1',
      message: { type: 'message', user: 'U1', text: 'new', ts: '5.0' },
      previous_message: { type: 'message', user: 'U1', text: 'old', ts: '5.0' },
    };
    expect(fromSlackEvent(edit, ctx)).toMatchObject({ id: '5.0', text: 'new', edited: true });
    expect(
      fromSlackEvent({ ...edit, previous_message: { ...edit.previous_message, text: 'new' } }, ctx),
    ).toBeUndefined();
  });

  it('treats a DM as addressed and appends shared file text', () => {
    const m = fromSlackEvent(
      { type: 'message', channel: 'D1', channel_type: 'im', user: 'U1', text: 'see file', ts: '1.1' },
      { ...ctx, fileText: 'Error: x' },
    );
    expect(m).toMatchObject({ addressed: true, text: 'see file\n\nError: x' });
  });
});

describe('plainText', () => {
  it('unwraps links and references', () => {
    expect(
      plainText('see <https://x.io/a|the doc> and <https://y.io> from <@U9|kim> in <#C1|ops> <!here>', 'U0BOT'),
    ).toBe('see the doc and https://y.io from @kim in #ops @here');
  });
});
