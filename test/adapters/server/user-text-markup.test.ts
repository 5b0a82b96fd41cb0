/**
 * What a user wrote never becomes markup in the bot's own posts: a paste carrying a disguised link, a Slack
 * link and a channel-wide mention is recorded, then comes back in /handoff through the real Slack receiver
 * and the real Teams endpoint, shown as text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../../adapters/app.ts';
import { eventually } from '../../contract/store-contract.ts';
import { type FakeConnector, startFakeConnector } from '../../fakes/bot-connector.ts';
import { eventCallback, type FakeSlackApi, sendSigned, startFakeSlackApi } from '../../fakes/slack-api.ts';
import { channelConversationId, channelMessage, user } from '../teams/activities.ts';
import { startTestApp } from './test-app.ts';

const secret = 'markup-signing-secret';
const payload = 'Error: login failed, see [Fix](https://evil.example/login) or <https://evil.example|Fix> <!channel>';
// Slack delivers what a person typed with < > & escaped; its own markup stays raw.
const asSlackSends = payload.replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const evilName = '[Fix](https://evil.example/name)';

let api: FakeSlackApi;
let connector: FakeConnector;
let app: RunningApp;

beforeAll(async () => {
  api = await startFakeSlackApi({ botToken: 'xoxb-markup' });
  connector = await startFakeConnector();
  app = await startTestApp({
    BOT_LANGUAGE: 'en',
    SLACK_MODE: 'http',
    SLACK_BOT_TOKEN: 'xoxb-markup',
    SLACK_SIGNING_SECRET: secret,
    SLACK_API_URL: api.apiUrl,
    TEAMS_ALLOW_UNAUTHENTICATED: 'true',
  });
});
afterAll(async () => {
  await app?.stop('test');
  await api?.close();
  await connector?.close();
});

/** A message ts of now: the handoff's window ends now. */
function nowTs(): string {
  return `${Math.floor(Date.now() / 1000)}.000100`;
}

/** Links to the paste's address and mentions, as Slack would draw them from mrkdwn (`<url|label>`, `<!channel>`). */
function slackMarkup(text: string): string[] {
  return [...text.matchAll(/<(?:https?:\/\/evil[^>]*|![^>]*|@[^>]*)>/g)].map((m) => m[0]);
}

describe('user text in the bot’s posts', () => {
  it('stays text in Slack: the handoff shows the paste without a link or a mention', async () => {
    const event = {
      type: 'message',
      channel: 'C0SUPPORT',
      channel_type: 'channel',
      user: 'U0ALICE',
      text: asSlackSends,
      ts: nowTs(),
    };
    expect((await sendSigned(`${app.url}/slack/events`, secret, JSON.stringify(eventCallback(event)))).status).toBe(
      200,
    );

    const slash = async () => {
      const before = api.responses.length;
      const posts = api.callsTo('chat.postMessage').length;
      const body = new URLSearchParams({
        token: 'legacy',
        team_id: 'T0001',
        channel_id: 'C0SUPPORT',
        user_id: 'U0ALICE',
        user_name: 'alice',
        command: '/handoff',
        text: '1h',
        response_url: `${api.origin}/response_url/handoff`,
        trigger_id: 'trig',
      }).toString();
      await sendSigned(`${app.url}/slack/events`, secret, body, { contentType: 'application/x-www-form-urlencoded' });
      await api.waitFor(() => api.responses.length > before || api.callsTo('chat.postMessage').length > posts);
      return JSON.stringify([...api.responses.slice(before), ...api.callsTo('chat.postMessage').slice(posts)]);
    };
    let posted = '';
    await eventually(async () => {
      posted = await slash();
      expect(posted).toContain('login failed');
    });
    expect(slackMarkup(posted)).toEqual([]);
    expect(posted).toContain('[Fix](https://evil.example/login)');
    expect(posted).toContain('&lt;https://evil.example|Fix&gt;');
    expect(posted).toContain('&lt;!channel&gt;');
    // The bot's own link to the incident's thread is the one link.
    expect(posted).toMatch(/<https:\/\/acme\.slack\.com\/archives\/C0SUPPORT\/p\d+\|thread>/);
  });

  it('stays text in Teams: no Markdown is read from it and nothing links to its address', async () => {
    const send = (text: string, mention: boolean, from = user) =>
      fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...channelMessage(text, { serviceUrl: connector.url, mention }), from }),
      });
    // Teams sends message text as HTML: what the person typed arrives entity-encoded.
    expect((await send(asSlackSends, false, { ...user, name: evilName })).status).toBe(200);
    let card = '';
    await eventually(async () => {
      const asked = channelMessage('handoff 1h', { serviceUrl: connector.url, mention: true });
      await fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(asked),
      });
      const [reply] = await connector.waitFor((c) => c.method === 'POST' && c.activityId === asked.id);
      card = JSON.stringify(reply?.body);
      expect(card).toContain('login failed');
    });
    const elements = JSON.parse(card).attachments[0].content.body as unknown[];
    // TextBlock and FactSet text is Markdown to Teams; a TextRun is shown as written.
    const markdownText = JSON.stringify(elements, (key, value) => (key === 'inlines' ? undefined : value));
    expect(markdownText).not.toContain('evil.example');
    expect(card).not.toMatch(/"url":"https:\/\/evil\.example/);
    expect(card).toContain('[Fix](https://evil.example/login)');
    expect(channelConversationId).toContain('@thread.tacv2');
  });
});
