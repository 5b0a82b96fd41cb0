import { once } from 'node:events';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../../adapters/server/http-server.ts';
import { createSlackAdapter } from '../../../adapters/slack/slack-adapter.ts';
import { createBot } from '../../../src/bot.ts';
import type { Command } from '../../../src/commands/command.ts';
import { createLearner } from '../../../src/learning/learner.ts';
import { defaultLearningConfig } from '../../../src/learning/learning-config.ts';
import { silentLogger } from '../../../src/log.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import {
  type ApiCall,
  eventCallback,
  type FakeSlackApi,
  messageTs,
  sendSigned,
  startFakeSlackApi,
} from '../../fakes/slack-api.ts';
import { type Harness, signingSecret, startSlackBot } from './slack-harness.ts';
import { learningMatcher, pastes, testMatcher } from './test-matcher.ts';

let api: FakeSlackApi;
const harnesses: Harness[] = [];

async function start(options: Partial<Parameters<typeof startSlackBot>[1]> = {}): Promise<Harness> {
  const harness = await startSlackBot(api, { matcher: await testMatcher(), ...options });
  harnesses.push(harness);
  return harness;
}

beforeEach(async () => {
  api = await startFakeSlackApi();
});

afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.stop();
  await api.close();
});

function channelMessage(text: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'message',
    channel: 'C0SUPPORT',
    channel_type: 'channel',
    user: 'U0ALICE',
    text,
    ts: messageTs(),
    ...extra,
  };
}

async function sendEvent(
  h: Harness,
  event: Record<string, unknown>,
  overrides: Record<string, unknown> = {},
  retryNum?: number,
) {
  const body = JSON.stringify(eventCallback(event, overrides));
  const res = await sendSigned(h.eventsUrl, signingSecret, body, retryNum ? { retryNum } : {});
  expect(res.status).toBe(200);
  return body;
}

let triggers = 0;
/** Slack gives every command invocation and button press its own trigger id. */
const triggerId = () => `13345224609.738474920.${++triggers}`;

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** Sends a slash command; `times` delivers the very same request (one trigger id) that often. */
async function sendCommand(h: Harness, command: string, text: string, times = 1) {
  const body = form({
    token: 'legacy',
    team_id: 'T0001',
    team_domain: 'acme',
    channel_id: 'C0SUPPORT',
    channel_name: 'support',
    user_id: 'U0ALICE',
    user_name: 'alice',
    command,
    text,
    api_app_id: 'A0001',
    response_url: `${api.origin}/response_url/${encodeURIComponent(command)}`,
    trigger_id: triggerId(),
  });
  for (let i = 0; i < times; i++) {
    const res = await sendSigned(h.eventsUrl, signingSecret, body, {
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(200);
  }
}

/** Presses a button of a reply; `times` delivers the very same press that often. */
async function pressButton(h: Harness, reply: ApiCall & { ts: string }, actionId: string, user = 'U0BOB', times = 1) {
  const button = api
    .blocksOf(reply)
    .flatMap((b) => [
      ...((b['elements'] as { action_id: string; value: string }[] | undefined) ?? []),
      ...(b['accessory'] ? [b['accessory'] as { action_id: string; value: string }] : []),
    ])
    .find((e) => e.action_id === actionId);
  expect(button).toBeDefined();
  const payload = {
    type: 'block_actions',
    team: { id: 'T0001', domain: 'acme' },
    user: { id: user, username: 'bob', name: 'bob', team_id: 'T0001' },
    api_app_id: 'A0001',
    token: 'legacy',
    container: { type: 'message', message_ts: reply.ts, channel_id: 'C0SUPPORT', is_ephemeral: false },
    trigger_id: triggerId(),
    channel: { id: 'C0SUPPORT', name: 'support' },
    message: { type: 'message', ts: reply.ts, thread_ts: reply.params['thread_ts'], text: reply.params['text'] },
    response_url: `${api.origin}/response_url/action`,
    actions: [{ action_id: actionId, block_id: 'b', value: button!.value, type: 'button', action_ts: '1' }],
  };
  const body = form({ payload: JSON.stringify(payload) });
  for (let i = 0; i < times; i++) {
    const res = await sendSigned(h.eventsUrl, signingSecret, body, {
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(200);
  }
}

/** The recorded postMessage calls with the ts the fake gave each, in order. */
function posts(): (ApiCall & { ts: string })[] {
  let n = 0;
  return api.callsTo('chat.postMessage').map((c) => ({ ...c, ts: `1700000000.${String(++n).padStart(6, '0')}` }));
}

const settle = () => new Promise((r) => setTimeout(r, 150));

/**
 * Starts a POST, writes 256 KiB of its body and keeps it open: a server that reads the whole body before
 * it answers never answers (given up after 5 s).
 */
async function postWithoutEnding(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error('no answer while the body was still open'));
    }, 5_000);
    req.on('response', (res) => {
      clearTimeout(timer);
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', () => undefined);
    req.write(Buffer.alloc(256 * 1024, 'x'));
  });
}

describe('Slack over HTTP: listening in channels', () => {
  it('answers the url_verification challenge', async () => {
    const h = await start();
    const body = JSON.stringify({ token: 'legacy', challenge: 'ch-123', type: 'url_verification' });
    const res = await sendSigned(h.eventsUrl, signingSecret, body);
    expect(await res.json()).toEqual({ challenge: 'ch-123' });
  });

  it('answers a pasted error in its thread with Block Kit: title, cause, steps, source and buttons', async () => {
    const h = await start();
    // An answer whose steps carry their commands as code blocks.
    const event = channelMessage(pastes.pending);
    await sendEvent(h, event);
    await api.waitFor(() => api.callsTo('chat.postMessage').length === 1);
    const [reply] = api.callsTo('chat.postMessage');
    expect(reply?.params).toMatchObject({ channel: 'C0SUPPORT', thread_ts: event.ts });
    expect(reply?.token).toBe('xoxb-test');
    const blocks = api.blocksOf(reply!);
    expect(blocks[0]?.type).toBe('header');
    expect(blocks.some((b) => b.type === 'section' && JSON.stringify(b).includes('```'))).toBe(true);
    const buttons = blocks.find((b) => b.type === 'actions')?.['elements'] as { text: { text: string } }[];
    expect(buttons.map((b) => b.text.text)).toEqual(['This fixed it', 'Not it', 'Other matches']);
    expect(h.recorder.events).toMatchObject([
      { type: 'opened', confident: true, place: { workspaceId: 'T0001', threadId: event.ts } },
    ]);
  });

  it('ignores chatter, its own messages, other bots and channel joins', async () => {
    const h = await start();
    await sendEvent(h, channelMessage('good morning everyone, coffee is ready'));
    await sendEvent(h, channelMessage(pastes.pullQuota, { user: 'U0BOT' }));
    await sendEvent(
      h,
      channelMessage(pastes.pullQuota, { subtype: 'bot_message', bot_id: 'B0OTHER', user: undefined }),
    );
    await sendEvent(h, channelMessage('<@U0ALICE> has joined the channel', { subtype: 'channel_join' }));
    // A real answer afterwards shows the events above were processed, not just slow.
    await sendEvent(h, channelMessage(pastes.pullQuota));
    await api.waitFor(() => api.callsTo('chat.postMessage').length === 1);
    await settle();
    expect(api.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('refuses a wrong or stale signature', async () => {
    const h = await start();
    const body = JSON.stringify(eventCallback(channelMessage(pastes.pullQuota)));
    const forged = await sendSigned(h.eventsUrl, 'not-the-secret', body);
    expect(forged.status).toBe(401);
    const stale = await sendSigned(h.eventsUrl, signingSecret, body, {
      timestampSec: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(stale.status).toBe(401);
    await settle();
    expect(api.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('refuses a timestamp more than five minutes ahead, as a stale one is', async () => {
    const h = await start();
    const body = JSON.stringify(eventCallback(channelMessage(pastes.pullQuota)));
    const ahead = await sendSigned(h.eventsUrl, signingSecret, body, {
      timestampSec: Math.floor(Date.now() / 1000) + 6 * 60,
    });
    expect(ahead.status).toBe(401);
    const slightlyAhead = await sendSigned(h.eventsUrl, signingSecret, body, {
      timestampSec: Math.floor(Date.now() / 1000) + 60,
    });
    expect(slightlyAhead.status).toBe(200);
    await api.waitFor(() => api.callsTo('chat.postMessage').length === 1);
  });

  it('answers a request without signature headers before its body is sent', async () => {
    const h = await start();
    expect(await postWithoutEnding(h.eventsUrl, { 'content-type': 'application/json' })).toBe(401);
    // Slack's ssl_check, the one request it sends unsigned, is still answered.
    const sslCheck = await fetch(h.eventsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'ssl_check=1&token=legacy',
    });
    expect(sslCheck.status).toBe(200);
  });

  it('answers a signed-looking request with a bad timestamp before its body is sent', async () => {
    const h = await start();
    const status = await postWithoutEnding(h.eventsUrl, {
      'content-type': 'application/json',
      'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000) + 3600),
      'x-slack-signature': `v0=${'0'.repeat(64)}`,
    });
    expect(status).toBe(401);
  });

  it('refuses a body larger than any Slack sends with 413', async () => {
    const h = await start();
    const text = 'x'.repeat(3 * 1024 * 1024);
    const res = await sendSigned(h.eventsUrl, signingSecret, JSON.stringify(eventCallback(channelMessage(text))));
    expect(res.status).toBe(413);
  });

  it('gives one reply when Slack retries an event and when a mention arrives as message and app_mention', async () => {
    const h = await start();
    const event = channelMessage(pastes.pullQuota);
    const body = eventCallback(event);
    await sendEvent(h, event, { event_id: body['event_id'] });
    await sendEvent(h, event, { event_id: body['event_id'] }, 1);
    await sendEvent(h, event, { event_id: body['event_id'] }, 2);
    const mention = channelMessage(`<@U0BOT> ${pastes.pending}`);
    await sendEvent(h, mention);
    await sendEvent(h, { ...mention, type: 'app_mention', channel_type: undefined });
    await api.waitFor(() => api.callsTo('chat.postMessage').length === 2);
    await settle();
    expect(api.callsTo('chat.postMessage').map((c) => c.params['thread_ts'])).toEqual([event.ts, mention.ts]);
  });

  it('gives one reply from two app instances sharing a store', async () => {
    const store = new MemoryStore();
    const a = await start({ store });
    const b = await start({ store });
    const event = channelMessage(pastes.pullQuota);
    const body = eventCallback(event);
    await Promise.all([
      sendEvent(a, event, { event_id: body['event_id'] }),
      sendEvent(b, event, { event_id: body['event_id'] }),
    ]);
    await api.waitFor(() => api.callsTo('chat.postMessage').length >= 1);
    await settle();
    expect(api.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('when mentioned without a confident match, says so with the closest candidates', async () => {
    const h = await start();
    await sendEvent(h, channelMessage(`<@U0BOT> ${pastes.vague}`));
    await api.waitFor(() => api.callsTo('chat.postMessage').length === 1);
    expect(api.callsTo('chat.postMessage')[0]?.params['text']).toContain('Not sure: no confident answer');
  });

  it('posts a candidate’s full answer in the thread when its button is pressed', async () => {
    const h = await start();
    await sendEvent(h, channelMessage(`<@U0BOT> Image pull fails: is it the pull secret or a firewall?`));
    await api.waitFor(() => api.callsTo('chat.postMessage').length === 1);
    const [unsure] = posts();
    const candidates = api.blocksOf(unsure!).filter((b) => b['accessory']);
    expect(candidates.length).toBeGreaterThan(0);
    // Each candidate links to its section and has its own button; action ids stay unique in the message.
    expect(JSON.stringify(candidates[0])).toMatch(/<https:\/\/[^|>]+\|[^>]+>/);
    expect(new Set(candidates.map((b) => (b['accessory'] as { action_id: string }).action_id)).size).toBe(
      candidates.length,
    );
    await pressButton(h, unsure!, 'ksb:show:0');
    await api.waitFor(() => api.callsTo('chat.postMessage').length === 2);
    const shown = posts()[1]!;
    expect(shown.params['thread_ts']).toBe(unsure!.params['thread_ts']);
    expect(api.blocksOf(shown).map((b) => b.type)).toContain('actions');
  });

  it('learns from two people choosing a candidate: the same question is then answered outright', async () => {
    const store = new MemoryStore();
    const learner = createLearner({ store, config: defaultLearningConfig });
    const h = await start({ store, learning: learner, matcher: await learningMatcher(learner.view) });
    const question = '<@U0BOT> Image pull fails: is it the pull secret or a firewall?';
    for (const [i, user] of ['U0BOB', 'U0CAROL'].entries()) {
      await sendEvent(h, channelMessage(question, { user }));
      await api.waitFor(() => api.callsTo('chat.postMessage').length === 2 * i + 1);
      const unsure = posts()[2 * i]!;
      expect(unsure.params['text']).toContain('Not sure');
      await pressButton(h, unsure, 'ksb:show:0', user);
      await api.waitFor(() => api.callsTo('chat.postMessage').length === 2 * i + 2);
    }
    await sendEvent(h, channelMessage(question, { user: 'U0DAVE' }));
    await api.waitFor(() => api.callsTo('chat.postMessage').length === 5);
    const answer = posts()[4]!;
    expect(answer.params['text']).not.toContain('Not sure');
    expect(api.blocksOf(answer).some((b) => b.type === 'actions')).toBe(true);
    expect(learner.list()).toMatchObject([{ kind: 'confirm', people: 2, counts: true }]);
  });

  it('takes no press from the bot’s own user', async () => {
    const store = new MemoryStore();
    const learner = createLearner({ store, config: { ...defaultLearningConfig, confirmations: 1 } });
    const h = await start({ store, learning: learner, matcher: await learningMatcher(learner.view) });
    await sendEvent(h, channelMessage('<@U0BOT> Image pull fails: is it the pull secret or a firewall?'));
    await api.waitFor(() => api.callsTo('chat.postMessage').length === 1);
    await pressButton(h, posts()[0]!, 'ksb:show:0', 'U0BOT');
    await pressButton(h, posts()[0]!, 'ksb:show:1', 'U0BOB');
    await api.waitFor(() => api.callsTo('chat.postMessage').length === 2);
    await settle();
    expect(learner.list()).toMatchObject([{ people: 1, counts: true }]);
    expect(api.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('answers a direct message', async () => {
    const h = await start();
    await sendEvent(h, channelMessage(pastes.pending, { channel: 'D0DM', channel_type: 'im' }));
    await api.waitFor(() => api.callsTo('chat.postMessage').length === 1);
    expect(api.callsTo('chat.postMessage')[0]?.params['channel']).toBe('D0DM');
  });

  it('answers an edit that turns a message into a recognised error, once', async () => {
    const h = await start();
    const original = channelMessage('one sec, pasting the log');
    await sendEvent(h, original);
    const changed = (text: string) => ({
      type: 'message',
      subtype: 'message_changed',
      hidden: true,
      channel: 'C0SUPPORT',
      channel_type: 'channel',
      ts: messageTs(),
      message: { type: 'message', user: 'U0ALICE', text, ts: original.ts, edited: { user: 'U0ALICE', ts: '1' } },
      previous_message: { type: 'message', user: 'U0ALICE', text: original.text, ts: original.ts },
    });
    await sendEvent(h, changed(pastes.pullQuota));
    await sendEvent(h, changed(`${pastes.pullQuota}\n(edited again)`));
    await api.waitFor(() => api.callsTo('chat.postMessage').length === 1);
    await settle();
    expect(api.callsTo('chat.postMessage')).toHaveLength(1);
    expect(api.callsTo('chat.postMessage')[0]?.params['thread_ts']).toBe(original.ts);
  });

  it('reads a shared snippet and a text file found through files.info, but not binary files', async () => {
    const h = await start();
    const snippetUrl = api.serveFile('paste.txt', `lots of log lines\n${pastes.pullQuota}\nmore lines`);
    await sendEvent(
      h,
      channelMessage('', {
        subtype: 'file_share',
        files: [
          { id: 'F1', mode: 'snippet', filetype: 'text', mimetype: 'text/plain', size: 120, url_private: snippetUrl },
        ],
      }),
    );
    const logUrl = api.serveFile('describe.log', pastes.pending);
    api.fileInfo('F2', { id: 'F2', filetype: 'text', mimetype: 'text/plain', size: 200, url_private: logUrl });
    api.fileInfo('F3', {
      id: 'F3',
      filetype: 'binary',
      mimetype: 'application/octet-stream',
      size: 10,
      url_private: api.serveFile('x.bin', Buffer.from([0, 1, 2])),
    });
    await sendEvent(h, channelMessage('see attached', { subtype: 'file_share', files: [{ id: 'F3' }, { id: 'F2' }] }));
    await api.waitFor(() => api.callsTo('chat.postMessage').length === 2);
    expect(api.callsTo('files.info').map((c) => c.params['file'])).toEqual(['F3', 'F2']);
  });

  it('does not read a shared file over the size bound', async () => {
    const h = await start();
    const url = api.serveFile('huge.log', `${pastes.pullQuota}\n${'x'.repeat(2_000_000)}`);
    await sendEvent(
      h,
      channelMessage('', {
        subtype: 'file_share',
        files: [{ id: 'F9', filetype: 'text', mimetype: 'text/plain', size: 2_000_300, url_private: url }],
      }),
    );
    await sendEvent(h, channelMessage(pastes.pending));
    await api.waitFor(() => api.callsTo('chat.postMessage').length === 1);
    await settle();
    expect(api.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('points a repeat of the same problem to the open thread and shows the count there', async () => {
    const h = await start();
    const first = channelMessage(pastes.pullQuota);
    await sendEvent(h, first);
    await api.waitFor(() => api.callsTo('chat.postMessage').length === 1);
    await settle();
    await sendEvent(h, channelMessage(pastes.pullQuota, { user: 'U0BOB' }));
    await api.waitFor(() => api.callsTo('chat.update').length === 1);
    const pointer = api.callsTo('chat.postMessage')[1];
    expect(pointer?.params['text']).toContain('reported 2 times');
    expect(pointer?.params['text']).toContain(
      `https://acme.slack.com/archives/C0SUPPORT/p${first.ts.replace('.', '')}`,
    );
    const update = api.callsTo('chat.update')[0];
    expect(update?.params).toMatchObject({ channel: 'C0SUPPORT', ts: posts()[0]?.ts });
    expect(update?.params['text']).toContain('Reported 2 times');
  });

  it('records a ✅ reaction as resolving the incident', async () => {
    const h = await start();
    const event = channelMessage(pastes.pullQuota);
    await sendEvent(h, event);
    await api.waitFor(() => api.callsTo('chat.postMessage').length === 1);
    await settle();
    await sendEvent(h, {
      type: 'reaction_added',
      user: 'U0BOB',
      reaction: 'white_check_mark',
      item: { type: 'message', channel: 'C0SUPPORT', ts: event.ts },
      event_ts: '1',
    });
    await api.waitFor(() => h.recorder.events.some((e) => e.type === 'resolved'));
    expect(h.recorder.events.find((e) => e.type === 'resolved')).toMatchObject({ how: 'reaction', by: 'U0BOB' });
  });
});

describe('Slack over HTTP: scheduled posts', () => {
  it('posts a top-level message in the channel, rendered as replies are', async () => {
    const h = await start();
    await h.adapter.poster.post('C0ONCALL', {
      kind: 'info',
      text: 'Shift handoff: nothing open',
      blocks: [{ type: 'heading', text: 'Shift handoff' }],
      inThread: false,
    });
    const [posted] = api.callsTo('chat.postMessage');
    expect(posted?.params['channel']).toBe('C0ONCALL');
    expect(posted?.params['thread_ts']).toBeUndefined();
    expect(api.blocksOf(posted!)[0]).toMatchObject({ type: 'header' });
  });
});

describe('Slack over HTTP: startup', () => {
  it('refuses to start with a bot token Slack rejects, naming the variable', async () => {
    const adapter = createSlackAdapter({
      bot: createBot({ matcher: await testMatcher(), store: new MemoryStore() }),
      store: new MemoryStore(),
      log: silentLogger,
      config: { mode: 'http', botToken: 'xoxb-revoked', signingSecret, apiUrl: api.apiUrl, port: 0 },
      retryConfig: { retries: 0 },
    });
    await expect(adapter.start()).rejects.toThrow(/Slack refused SLACK_BOT_TOKEN \(invalid_auth\)/);
  });

  it('answers 503 before it is started and 404 off its path', async () => {
    const adapter = createSlackAdapter({
      bot: createBot({ matcher: await testMatcher(), store: new MemoryStore() }),
      store: new MemoryStore(),
      log: silentLogger,
      config: { mode: 'http', botToken: 'xoxb-test', signingSecret, apiUrl: api.apiUrl, port: 0 },
      listen: { port: 0, host: '127.0.0.1' },
    });
    const server = createServer(adapter.requestListener);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${base}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(503);
      await adapter.start();
      expect((await fetch(`${base}/elsewhere`, { method: 'POST', body: '{}' })).status).toBe(404);
    } finally {
      await adapter.stop();
      server.close();
    }
  });
});

describe('Slack over HTTP: on the shared server', () => {
  it('answers events routed to its request listener by the one-port server', async () => {
    const store = new MemoryStore();
    const adapter = createSlackAdapter({
      bot: createBot({ matcher: await testMatcher(), store, language: 'en' }),
      store,
      log: silentLogger,
      config: { mode: 'http', botToken: 'xoxb-test', signingSecret, apiUrl: api.apiUrl },
    });
    const http = createHttpServer({
      routes: [{ method: 'POST', path: '/slack/events', handler: adapter.requestListener, events: true }],
      log: silentLogger,
    });
    const port = await http.listen(0, '127.0.0.1');
    await adapter.start();
    try {
      const event = channelMessage(pastes.pullQuota);
      const res = await sendSigned(
        `http://127.0.0.1:${port}/slack/events`,
        signingSecret,
        JSON.stringify(eventCallback(event)),
      );
      expect(res.status).toBe(200);
      await api.waitFor(() => api.callsTo('chat.postMessage').length === 1);
      expect(api.callsTo('chat.postMessage')[0]?.params['thread_ts']).toBe(event.ts);
    } finally {
      await adapter.stop();
      await http.close(100);
    }
  });
});

describe('Slack over HTTP: buttons', () => {
  it('"This fixed it" updates the answer in place with who resolved it; "Other matches" answers in the thread', async () => {
    const h = await start();
    const event = channelMessage(pastes.pullQuota);
    await sendEvent(h, event);
    await api.waitFor(() => api.callsTo('chat.postMessage').length === 1);
    await settle();
    const [answer] = posts();
    await pressButton(h, answer!, 'ksb:more');
    await api.waitFor(() => api.callsTo('chat.postMessage').length === 2);
    expect(api.callsTo('chat.postMessage')[1]?.params).toMatchObject({ thread_ts: event.ts });
    expect(api.callsTo('chat.postMessage')[1]?.params['text']).toContain('Other matches');
    await pressButton(h, answer!, 'ksb:resolve');
    await api.waitFor(() => api.callsTo('chat.update').length === 1);
    const update = api.callsTo('chat.update')[0]!;
    expect(update.params).toMatchObject({ channel: 'C0SUPPORT', ts: answer!.ts });
    expect(update.params['text']).toContain('Marked resolved by bob');
    expect(api.blocksOf(update).some((b) => b.type === 'actions')).toBe(false);
    expect(h.recorder.events.at(-1)).toMatchObject({ type: 'resolved', how: 'button', by: 'bob' });
  });

  it('answers a button press delivered three times once', async () => {
    const h = await start();
    await sendEvent(h, channelMessage(pastes.pullQuota));
    await api.waitFor(() => api.callsTo('chat.postMessage').length === 1);
    await settle();
    const [answer] = posts();
    await pressButton(h, answer!, 'ksb:more', 'U0BOB', 3);
    await api.waitFor(() => api.callsTo('chat.postMessage').length >= 2);
    await settle();
    expect(api.callsTo('chat.postMessage')).toHaveLength(2);
  });
});

describe('Slack over HTTP: slash commands', () => {
  it('/kb posts the best section in the channel', async () => {
    const h = await start();
    await sendCommand(h, '/kb', pastes.pending);
    await api.waitFor(() => api.callsTo('chat.postMessage').length === 1);
    expect(api.blocksOf(api.callsTo('chat.postMessage')[0]!)[0]?.type).toBe('header');
  });

  it('runs a command delivered three times once, acknowledging every delivery', async () => {
    const h = await start();
    await sendCommand(h, '/kb', pastes.pending, 3);
    await api.waitFor(() => api.callsTo('chat.postMessage').length >= 1);
    await settle();
    expect(api.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('answers a malformed command with its usage, an unconfigured one plainly, and an unknown one with help', async () => {
    const h = await start();
    await sendCommand(h, '/kb', '   ');
    await sendCommand(h, '/diagnose', 'pod web-1');
    await sendCommand(h, '/frobnicate', 'now');
    await api.waitFor(() => api.responses.length === 3);
    const byPath = Object.fromEntries(api.responses.map((r) => [decodeURIComponent(r.path.split('/').pop()!), r.body]));
    expect(byPath['/kb']).toMatchObject({ response_type: 'ephemeral' });
    expect(byPath['/kb']?.['text']).toContain('kb &lt;query&gt;');
    expect(byPath['/diagnose']?.['text']).toContain('diagnose is not configured');
    expect(byPath['/frobnicate']?.['text']).toContain('Unknown command');
    expect(api.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('posts "Diagnosing <pod>…" at once and updates it in place with the result', async () => {
    let finish: (text: string) => void = () => {};
    const diagnose: Command = {
      name: 'diagnose',
      usage: 'diagnose pod <name>',
      description: 'diagnose a pod',
      progress: (inv) => ({
        kind: 'progress',
        text: `Diagnosing ${inv.args.split(' ')[1]}…`,
        blocks: [],
        inThread: true,
      }),
      run: () =>
        new Promise((resolve) => {
          finish = (text) =>
            resolve({ kind: 'diagnosis', text, blocks: [{ type: 'paragraph', text }], inThread: true });
        }),
    };
    const h = await start({ commands: [diagnose] });
    await sendCommand(h, '/diagnose', 'pod web-1 -n shop');
    await api.waitFor(() => api.callsTo('chat.postMessage').length === 1);
    expect(api.callsTo('chat.postMessage')[0]?.params['text']).toBe('Diagnosing web-1…');
    expect(api.callsTo('chat.update')).toHaveLength(0);
    finish('web-1 is OOMKilled');
    await api.waitFor(() => api.callsTo('chat.update').length === 1);
    expect(api.callsTo('chat.update')[0]?.params).toMatchObject({ ts: posts()[0]?.ts, text: 'web-1 is OOMKilled' });
  });
});

describe('Slack over HTTP: rate limits', () => {
  it('retries a 429 after Retry-After and posts the answer once', async () => {
    const h = await start();
    api.rateLimit('chat.postMessage', 1, 1);
    await sendEvent(h, channelMessage(pastes.pullQuota));
    await api.waitFor(() => api.callsTo('chat.postMessage').length === 1);
    await settle();
    expect(api.callsTo('chat.postMessage')).toHaveLength(1);
    expect(api.calls.filter((c) => c.method === 'chat.postMessage' && c.rateLimited)).toHaveLength(1);
  });

  it('does not drop answers in a burst of pastes while rate limited', async () => {
    const h = await start();
    api.rateLimit('chat.postMessage', 3, 1);
    const events = Array.from({ length: 30 }, (_, i) =>
      channelMessage(`${pastes.pullQuota.replace('api:1.2', `api:${i}`)}`, { channel: `C${i}` }),
    );
    await Promise.all(events.map((e) => sendEvent(h, e)));
    await api.waitFor(
      () => new Set(api.callsTo('chat.postMessage').map((c) => c.params['thread_ts'])).size === 30,
      20_000,
    );
    await settle();
    const answered = api.callsTo('chat.postMessage').map((c) => c.params['thread_ts']);
    expect(new Set(answered).size).toBe(30);
    expect(answered.length).toBe(30);
    expect(api.calls.filter((c) => c.rateLimited)).toHaveLength(3);
  });
});
