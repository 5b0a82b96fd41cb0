import { describe, expect, it } from 'vitest';
import { fromSlackEvent, maxMessageChars, plainText } from '../../../adapters/slack/from-slack.ts';
import { seededRandom } from '../../fakes/seeded-random.ts';

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

  it.each([
    { markup: '<@U0BOT> pod fails', plain: 'pod fails' },
    { markup: '<@U0BOT|kbot> pod fails', plain: 'pod fails' },
    { markup: 'ask <@U12AB>', plain: 'ask @U12AB' },
    { markup: 'in <#C0SUP>', plain: 'in #C0SUP' },
    { markup: '<!channel> <!subteam^S1|@sre>', plain: '@channel @@sre' },
    { markup: '<mailto:a@b.io|a@b.io>', plain: 'a@b.io' },
    { markup: 'a &lt;pod_name&gt; &amp;&amp; b', plain: 'a <pod_name> && b' },
    { markup: 'kept: <@u1> <foo> <http:> <@>', plain: 'kept: <@u1> <foo> <http:> <@>' },
    { markup: 'unclosed <@U1 and <#C1|ops', plain: 'unclosed <@U1 and <#C1|ops' },
    { markup: '<<@U1> then <https://x.io|<b>', plain: '<@U1 then <https://x.io|<b>' },
  ])('reads $markup', ({ markup, plain }) => {
    expect(plainText(markup, 'U0BOT')).toBe(plain);
  });

  it('reads well-formed Slack text as the earlier regular expressions did', () => {
    // The earlier reading, kept as the reference: right on what Slack sends, quadratic on broken markup.
    const reference = (text: string, bot: string) =>
      text
        .replace(new RegExp(`<@${bot}(\\|[^>]*)?>`, 'g'), '')
        .replace(/<([@#!])[^>|]*\|([^>]*)>/g, (_m, sigil: string, label: string) =>
          sigil === '!' ? `@${label}` : `${sigil}${label}`,
        )
        .replace(/<([@#])([A-Z0-9]+)>/g, '$1$2')
        .replace(/<!(\w+)>/g, '@$1')
        .replace(/<((?:https?|mailto):[^>|]+)\|([^>]*)>/g, '$2')
        .replace(/<((?:https?|mailto):[^>]+)>/g, '$1')
        .replaceAll('&lt;', '<')
        .replaceAll('&gt;', '>')
        .replaceAll('&amp;', '&')
        .trim();
    // What Slack sends: tokens are closed and never hold `<` or `>` (people's ones arrive as &lt; &gt;).
    const pieces = [
      '<@U0BOT>',
      '<@U0BOT|kbot>',
      '<@U12AB>',
      '<@U12AB|kim lee>',
      '<@u1>',
      '<@>',
      '<@|x>',
      '<#C1>',
      '<#C1|ops>',
      '<!here>',
      '<!date^1^{d}|today>',
      '<!>',
      '<http://x.io>',
      '<https://x.io/a?b=c|the doc>',
      '<http:>',
      '<http:|x>',
      '<https://x||y>',
      '<mailto:a@b.c>',
      '<foo|bar>',
      '&lt;',
      '&gt;',
      '&amp;',
      '&amp;lt;',
      '|',
      ' ',
      'pod',
      '\n',
      'Error: 401',
    ];
    const random = seededRandom(7);
    for (let n = 0; n < 2_000; n++) {
      const text = Array.from(
        { length: 1 + Math.floor(random() * 12) },
        () => pieces[Math.floor(random() * pieces.length)],
      ).join('');
      expect(plainText(text, 'U0BOT'), text).toBe(reference(text, 'U0BOT'));
    }
  });
});

describe('the bound on a Slack message', () => {
  const event = (text: string) => ({ type: 'message', channel: 'D1', channel_type: 'im', user: 'U1', text, ts: '1.1' });

  it('reads a message of the longest length Slack sends whole', () => {
    const m = fromSlackEvent(event('x'.repeat(maxMessageChars)), ctx);
    expect(m?.text).toHaveLength(maxMessageChars);
    expect(m?.cut).toBeUndefined();
  });

  it('cuts a longer one before reading its markup, and says so', () => {
    const m = fromSlackEvent(event(`${'<@'.repeat(100_000)}>`), ctx);
    expect(m?.text).toHaveLength(maxMessageChars);
    expect(m?.cut).toBe(true);
  });
});
