import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventCallback, type FakeSlackApi, messageTs, startFakeSlackApi } from '../../fakes/slack-api.ts';
import { type Harness, startSlackBot } from './slack-harness.ts';
import { pastes, testMatcher } from './test-matcher.ts';

let api: FakeSlackApi;
let harness: Harness | undefined;

beforeEach(async () => {
  api = await startFakeSlackApi();
});

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  await api.close();
});

describe('Slack in Socket Mode', () => {
  it('connects through apps.connections.open, acknowledges an event envelope and answers it', async () => {
    harness = await startSlackBot(api, { matcher: await testMatcher(), mode: 'socket' });
    expect(api.callsTo('apps.connections.open')[0]?.token).toBe('xapp-test');
    expect(api.socketClients()).toBe(1);
    const ts = messageTs();
    api.sendEnvelope({
      envelope_id: 'env-1',
      type: 'events_api',
      accepts_response_payload: false,
      retry_attempt: 0,
      retry_reason: '',
      payload: eventCallback({
        type: 'message',
        channel: 'C0SUPPORT',
        channel_type: 'channel',
        user: 'U0ALICE',
        text: pastes.pullQuota,
        ts,
      }),
    });
    await api.waitFor(() => api.callsTo('chat.postMessage').length === 1);
    expect(api.acks).toContainEqual({ envelope_id: 'env-1', payload: {} });
    expect(api.callsTo('chat.postMessage')[0]?.params).toMatchObject({ channel: 'C0SUPPORT', thread_ts: ts });
  });

  it('acknowledges a slash command envelope and answers through response_url', async () => {
    harness = await startSlackBot(api, { matcher: await testMatcher(), mode: 'socket' });
    api.sendEnvelope({
      envelope_id: 'env-2',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        command: '/handoff',
        text: '12h',
        team_id: 'T0001',
        channel_id: 'C0SUPPORT',
        user_id: 'U0ALICE',
        user_name: 'alice',
        response_url: `${api.origin}/response_url/handoff`,
        trigger_id: 't',
      },
    });
    await api.waitFor(() => api.responses.length === 1);
    expect(api.acks.some((a) => a['envelope_id'] === 'env-2')).toBe(true);
    expect(api.responses[0]?.body['text']).toContain('handoff is not configured');
  });

  it('gives one answer to an envelope Slack redelivers', async () => {
    harness = await startSlackBot(api, { matcher: await testMatcher(), mode: 'socket' });
    const payload = eventCallback({
      type: 'message',
      channel: 'C0SUPPORT',
      channel_type: 'channel',
      user: 'U0ALICE',
      text: pastes.pending,
      ts: messageTs(),
    });
    api.sendEnvelope({ envelope_id: 'env-3', type: 'events_api', retry_attempt: 0, retry_reason: '', payload });
    api.sendEnvelope({ envelope_id: 'env-4', type: 'events_api', retry_attempt: 1, retry_reason: 'timeout', payload });
    await api.waitFor(() => api.acks.length >= 2 && api.callsTo('chat.postMessage').length >= 1);
    await new Promise((r) => setTimeout(r, 150));
    expect(api.callsTo('chat.postMessage')).toHaveLength(1);
  });
});
