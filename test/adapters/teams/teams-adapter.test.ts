/**
 * The adapter's wiring over the real protocol: activities POSTed to /api/messages served by CloudAdapter,
 * replies caught at the activity's serviceUrl. The core is a double at the `Bot` port here so that each
 * adapter behaviour (thread, card, in-place update, refusal) is checked on its own; the same paths with the
 * real core are in teams-with-core.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ActionInvocation, Bot } from '../../../src/bot-api.ts';
import type { CommandInvocation } from '../../../src/commands/command.ts';
import { silentLogger } from '../../../src/log.ts';
import type { IncomingMessage, Reply } from '../../../src/message.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import { type FakeConnector, startFakeConnector } from '../../fakes/bot-connector.ts';
import { cardExecute, cardSubmit, channelConversationId, channelMessage, personalMessage } from './activities.ts';
import { startTeamsServer, type TeamsServer } from './teams-server.ts';

function answer(replyId: string): Reply {
  return {
    kind: 'answer',
    text: 'ImagePullBackOff: the registry refused the pull',
    inThread: true,
    replyId,
    blocks: [
      { type: 'heading', text: 'ImagePullBackOff' },
      { type: 'steps', steps: [{ text: 'Check the pull secret', commands: ['kubectl get secret -n shop'] }] },
      { type: 'actions', replyId, actions: ['resolve', 'dismiss', 'more'] },
    ],
  };
}

/** Records what reaches the core and answers like it would, without any matching. */
function recordingBot() {
  const seen = {
    messages: [] as IncomingMessage[],
    commands: [] as CommandInvocation[],
    actions: [] as ActionInvocation[],
    posted: [] as string[],
  };
  let release: () => void = () => {};
  const bot: Bot = {
    async handle(message) {
      seen.messages.push(message);
      if (message.text.includes('ImagePullBackOff')) return answer(`r-${message.id}`);
      return message.addressed ? { kind: 'unsure', text: 'no confident match', blocks: [], inThread: true } : undefined;
    },
    command(invocation) {
      seen.commands.push(invocation);
      const done = (text: string): Reply => ({
        kind: 'info',
        text,
        blocks: [{ type: 'paragraph', text }],
        inThread: true,
      });
      if (invocation.name !== 'diagnose')
        return { result: Promise.resolve(done(`${invocation.name}: ${invocation.args}`)) };
      return {
        progress: {
          kind: 'progress',
          text: 'Diagnosing…',
          blocks: [{ type: 'paragraph', text: 'Diagnosing…' }],
          inThread: true,
        },
        result: new Promise<void>((resolve) => {
          release = resolve;
        }).then(() => done('pod web-1: CrashLoopBackOff')),
      };
    },
    async action(invocation) {
      seen.actions.push(invocation);
      if (invocation.kind === 'more')
        return { followUp: { kind: 'more', text: 'Other matches', blocks: [], inThread: true } };
      return { update: { kind: 'resolved', text: `Resolved by ${invocation.userName}`, blocks: [], inThread: true } };
    },
    async reaction() {},
    async posted(_reply, where) {
      seen.posted.push(where.messageId);
    },
  };
  return { bot, seen, finishDiagnosis: () => release() };
}

describe('Teams adapter on /api/messages', () => {
  let connector: FakeConnector;
  let server: TeamsServer;
  let core: ReturnType<typeof recordingBot>;

  beforeAll(async () => {
    connector = await startFakeConnector();
  });
  afterAll(async () => {
    await connector.close();
  });
  afterEach(async () => {
    await server?.close();
    connector.calls.length = 0;
  });

  async function start(options: { store?: MemoryStore } = {}) {
    core = recordingBot();
    server = await startTeamsServer({
      bot: core.bot,
      config: { authenticated: false, appId: '', appPassword: '' },
      log: silentLogger,
      ...(options.store ? { store: options.store } : {}),
    });
  }

  it('answers a mention in a channel with a card in the message thread', async () => {
    await start();
    const activity = channelMessage('Back-off pulling image: ImagePullBackOff', {
      serviceUrl: connector.url,
      mention: true,
    });
    const response = await server.post(activity);
    expect(response.status).toBe(200);
    const [call] = await connector.waitFor((c) => c.method === 'POST');
    expect(call?.conversationId).toBe(`${channelConversationId};messageid=${activity.id}`);
    expect(call?.activityId).toBe(activity.id);
    expect(call?.body.replyToId).toBe(activity.id);
    expect(call?.body.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(core.seen.messages[0]).toMatchObject({
      addressed: true,
      text: 'Back-off pulling image: ImagePullBackOff',
      conversationId: channelConversationId,
    });
    expect(core.seen.posted).toEqual([call?.answeredId]);
  });

  it('passes overheard channel messages as not addressed and stays silent when the core does', async () => {
    await start();
    const response = await server.post(channelMessage('lunch at noon?', { serviceUrl: connector.url }));
    expect(response.status).toBe(200);
    expect(core.seen.messages[0]).toMatchObject({ addressed: false, text: 'lunch at noon?' });
    expect(connector.calls).toEqual([]);
  });

  it('treats every personal message as addressed', async () => {
    await start();
    await server.post(personalMessage('what is this', { serviceUrl: connector.url }));
    expect(core.seen.messages[0]).toMatchObject({ addressed: true });
    const [call] = await connector.waitFor((c) => c.method === 'POST');
    expect(call?.conversationId).toBe('a:1personal-chat-id');
  });

  it('posts "Diagnosing…" and replaces it in place when the diagnosis is ready', async () => {
    await start();
    const activity = channelMessage('diagnose pod web-1 -n shop', { serviceUrl: connector.url, mention: true });
    expect((await server.post(activity)).status).toBe(200);
    const [progress] = await connector.waitFor((c) => c.method === 'POST');
    expect(JSON.stringify(progress?.body)).toContain('Diagnosing…');
    expect(core.seen.commands[0]).toMatchObject({ name: 'diagnose', args: 'pod web-1 -n shop' });
    core.finishDiagnosis();
    const [update] = await connector.waitFor((c) => c.method === 'PUT');
    expect(update?.activityId).toBe(progress?.answeredId);
    expect(update?.conversationId).toBe(`${channelConversationId};messageid=${activity.id}`);
    expect(JSON.stringify(update?.body)).toContain('CrashLoopBackOff');
  });

  it('updates the card in place when "This fixed it" is pressed (Action.Submit)', async () => {
    await start();
    const submit = cardSubmit(
      { ksb: 'action', kind: 'resolve', replyId: 'r-1' },
      { serviceUrl: connector.url, cardId: 'card-7', rootId: 'root-1' },
    );
    expect((await server.post(submit)).status).toBe(200);
    const [update] = await connector.waitFor((c) => c.method === 'PUT');
    expect(update?.activityId).toBe('card-7');
    expect(core.seen.actions[0]).toMatchObject({
      kind: 'resolve',
      replyId: 'r-1',
      threadId: 'root-1',
      conversationId: channelConversationId,
    });
    expect(JSON.stringify(update?.body)).toContain('Resolved by Ji-woo Park');
  });

  it('answers Action.Execute with the updated card in the invoke response', async () => {
    await start();
    const execute = cardExecute(
      'resolve',
      { ksb: 'action', replyId: 'r-2' },
      { serviceUrl: connector.url, cardId: 'card-8', rootId: 'root-2' },
    );
    const response = await server.post(execute);
    expect(response.status).toBe(200);
    const body = JSON.parse(response.body);
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(body.value)).toContain('Resolved by');
  });

  it('posts "Other matches" as a follow-up in the thread', async () => {
    await start();
    const submit = cardSubmit(
      { ksb: 'action', kind: 'more', replyId: 'r-3' },
      { serviceUrl: connector.url, cardId: 'card-9', rootId: 'root-3' },
    );
    await server.post(submit);
    const [followUp] = await connector.waitFor((c) => c.method === 'POST');
    expect(followUp?.conversationId).toBe(`${channelConversationId};messageid=root-3`);
  });

  it('runs a command and a button press Teams delivers three times once each', async () => {
    await start({ store: new MemoryStore() });
    const command = channelMessage('kb ImagePullBackOff', { serviceUrl: connector.url, mention: true });
    const submit = cardSubmit(
      { ksb: 'action', kind: 'more', replyId: 'r-4' },
      { serviceUrl: connector.url, cardId: 'card-4', rootId: 'root-4' },
    );
    for (let i = 0; i < 3; i++) {
      expect((await server.post(command)).status).toBe(200);
      expect((await server.post(submit)).status).toBe(200);
    }
    expect(core.seen.commands).toHaveLength(1);
    expect(core.seen.actions).toHaveLength(1);
    expect(connector.calls.filter((c) => c.method === 'POST')).toHaveLength(2);
  });

  it('refuses a request with no token when credentials are configured, without calling out', async () => {
    core = recordingBot();
    server = await startTeamsServer({
      bot: core.bot,
      config: { authenticated: true, appId: '00000000-0000-0000-0000-00000000b07a', appPassword: 'not-used', tenantId },
      log: silentLogger,
    });
    const activity = channelMessage('ImagePullBackOff', { serviceUrl: connector.url, mention: true });
    expect((await server.post(activity)).status).toBe(401);
    expect((await server.post(activity, { authorization: 'Bearer not-a-jwt' })).status).toBe(401);
    // A well-formed JWT from an issuer Bot Framework does not use: refused by the SDK before any key lookup.
    const forged = [
      { alg: 'RS256', kid: 'k1' },
      { iss: 'https://evil.example', aud: 'x' },
    ]
      .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
      .join('.');
    expect((await server.post(activity, { authorization: `Bearer ${forged}.c2ln` })).status).toBe(401);
    expect(core.seen.messages).toEqual([]);
    expect(connector.calls).toEqual([]);
  });

  it('answers malformed requests with a clear status', async () => {
    await start();
    expect((await server.post('{not json')).status).toBe(400);
    expect((await server.post('[1,2]')).status).toBe(400);
    expect((await fetch(server.endpoint)).status).toBe(405);
  });
});

const tenantId = '72f988bf-0000-0000-0000-000000000001';
