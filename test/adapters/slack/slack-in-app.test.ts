import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../../adapters/app.ts';
import { eventCallback, type FakeSlackApi, messageTs, sendSigned, startFakeSlackApi } from '../../fakes/slack-api.ts';
import { pullSection, startTestApp } from '../server/test-app.ts';

let api: FakeSlackApi;
let app: RunningApp;
const secret = 'app-signing-secret';

beforeAll(async () => {
  api = await startFakeSlackApi({ botToken: 'xoxb-app' });
  app = await startTestApp({
    SLACK_MODE: 'http',
    SLACK_BOT_TOKEN: 'xoxb-app',
    SLACK_SIGNING_SECRET: secret,
    SLACK_API_URL: api.apiUrl,
  });
});
afterAll(async () => {
  await app.stop('test');
  await api.close();
});

describe('Slack in the process (npm start with SLACK_* set)', () => {
  it('serves /slack/events on the one port and answers a pasted error in its thread', async () => {
    expect(app.platforms).toContain('slack');
    const ts = messageTs();
    const event = {
      type: 'message',
      channel: 'C0SUPPORT',
      channel_type: 'channel',
      user: 'U0ALICE',
      text: 'Failed to pull image "x/y:1": 401 Unauthorized pull',
      ts,
    };
    const res = await sendSigned(`${app.url}/slack/events`, secret, JSON.stringify(eventCallback(event)));
    expect(res.status).toBe(200);
    await api.waitFor(() => api.callsTo('chat.postMessage').length === 1);
    const [reply] = api.callsTo('chat.postMessage');
    expect(reply?.params['thread_ts']).toBe(ts);
    expect(reply?.params['text']).toContain(pullSection.title);
    const forged = await sendSigned(`${app.url}/slack/events`, 'wrong', JSON.stringify(eventCallback(event)));
    expect(forged.status).toBe(401);
  });
});
