/**
 * `/handoff #other-channel` through the running process: signed Slack requests through Bolt's receiver,
 * Slack's membership answered by the local Web API, and the playground. Another channel's record (what was
 * pasted there, by whom, its threads) is shown only to that channel's members, or where
 * HANDOFF_CHANNEL_ACCESS says so.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../../adapters/app.ts';
import type { Reply } from '../../../src/message.ts';
import { eventually } from '../../contract/store-contract.ts';
import { eventCallback, type FakeSlackApi, messageTs, sendSigned, startFakeSlackApi } from '../../fakes/slack-api.ts';
import { postJson, startTestApp } from './test-app.ts';

const signingSecret = 'handoff-access-secret';
const secretPaste = 'Failed to pull image "vault.internal/payroll:7": 401 Unauthorized pull';

let api: FakeSlackApi;
let app: RunningApp | undefined;
beforeAll(async () => {
  api = await startFakeSlackApi();
  // G0PRIV is private: Alice and the bot are in it. C0PUB is public and everyone's.
  api.channelMembers('G0PRIV', ['U0ALICE', 'U0BOT']);
  api.channelMembers('C0PUB', ['U0ALICE', 'U0MAL', 'U0BOB', 'U0BOT']);
});
afterAll(async () => {
  await api.close();
});
afterEach(async () => {
  await app?.stop('test');
  app = undefined;
  api.calls.length = 0;
  api.responses.length = 0;
});

async function startWithSlack(env: Record<string, string> = {}): Promise<RunningApp> {
  return startTestApp({
    SLACK_MODE: 'http',
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: api.apiUrl,
    BOT_LANGUAGE: 'en',
    ...env,
  });
}

async function pasteInPrivateChannel(running: RunningApp): Promise<void> {
  const event = { type: 'message', channel: 'G0PRIV', channel_type: 'group', user: 'U0ALICE', text: secretPaste };
  // Sent now, so that it falls in the handoff's window.
  const ts = `${Math.floor(Date.now() / 1000)}.${messageTs().split('.')[1]}`;
  const body = JSON.stringify(eventCallback({ ...event, ts }));
  expect((await sendSigned(`${running.url}/slack/events`, signingSecret, body)).status).toBe(200);
  await api.waitFor(() => api.callsTo('chat.postMessage').some((c) => c.params['channel'] === 'G0PRIV'));
}

let triggers = 0;

/** `/handoff <text>` typed by `user` in `channel`; resolves to everything the bot posted or answered for it. */
async function handoff(running: RunningApp, user: string, channel: string, text: string): Promise<string> {
  const before = { posts: api.callsTo('chat.postMessage').length, responses: api.responses.length };
  const body = new URLSearchParams({
    token: 'legacy',
    team_id: 'T0001',
    channel_id: channel,
    user_id: user,
    user_name: user.toLowerCase(),
    command: '/handoff',
    text,
    response_url: `${api.origin}/response_url/handoff-${++triggers}`,
    trigger_id: `trigger-${triggers}`,
  }).toString();
  const res = await sendSigned(`${running.url}/slack/events`, signingSecret, body, {
    contentType: 'application/x-www-form-urlencoded',
  });
  expect(res.status).toBe(200);
  await api.waitFor(
    () => api.callsTo('chat.postMessage').length > before.posts || api.responses.length > before.responses,
  );
  const posted = api.callsTo('chat.postMessage').slice(before.posts);
  const answered = api.responses.slice(before.responses);
  return JSON.stringify([...posted.map((c) => c.params), ...answered.map((r) => r.body)]);
}

describe('/handoff of another channel in Slack', () => {
  it('shows a private channel to no one outside it, and to its members from anywhere', async () => {
    const running = await startWithSlack();
    app = running;
    await pasteInPrivateChannel(running);
    await eventually(async () => expect(await handoff(running, 'U0ALICE', 'G0PRIV', '1h')).toContain('1 incident'));

    const outsider = await handoff(running, 'U0MAL', 'C0PUB', '1h <#G0PRIV|secret-ops>');
    expect(outsider).not.toContain('vault.internal');
    expect(outsider).not.toContain('U0ALICE');
    expect(outsider).toContain('I can only summarise #secret-ops for its members');

    const member = await handoff(running, 'U0ALICE', 'C0PUB', '1h <#G0PRIV|secret-ops>');
    expect(member).toContain('1 incident');
    expect(api.callsTo('conversations.members').map((c) => c.params['channel'])).toContain('G0PRIV');
  });

  it('refuses a channel Slack will not describe, and a typed name', async () => {
    const running = await startWithSlack();
    app = running;
    expect(await handoff(running, 'U0ALICE', 'C0PUB', '1h <#C0UNKNOWN|gone>')).toContain('only summarise #gone');
    expect(await handoff(running, 'U0ALICE', 'C0PUB', '1h #secret-ops')).toContain('only summarise #secret-ops');
  });

  it('shows another channel where HANDOFF_CHANNEL_ACCESS lets the asking channel see it', async () => {
    const running = await startWithSlack({ HANDOFF_CHANNEL_ACCESS: 'C0ONCALL=G0PRIV' });
    app = running;
    await pasteInPrivateChannel(running);
    await eventually(async () =>
      expect(await handoff(running, 'U0BOB', 'C0ONCALL', '1h <#G0PRIV|secret-ops>')).toContain('1 incident'),
    );
    expect(await handoff(running, 'U0BOB', 'C0PUB', '1h <#G0PRIV|secret-ops>')).toContain('only summarise');
  });
});

describe('/handoff of another channel in the playground', () => {
  it('shows the playground channel only', async () => {
    app = await startTestApp({ BOT_LANGUAGE: 'en' });
    const body = await (await postJson(app, '/api/playground/command', { text: '/handoff 12h #C0PRIVATE' })).text();
    const result = (JSON.parse(body.trim().split('\n').at(-1) ?? '{}') as { result: Reply }).result;
    expect(result.kind).toBe('info');
    expect(result.text).toContain('only summarise #C0PRIVATE');
  });
});
