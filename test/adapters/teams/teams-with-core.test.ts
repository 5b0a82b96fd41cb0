/**
 * Teams end to end with the real core (createBot, MemoryStore): activities POSTed to /api/messages, the
 * bot's cards caught at the loopback Bot Connector.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cardBytes, maxCardBytes } from '../../../adapters/teams/to-adaptive-card.ts';
import { createBot } from '../../../src/bot.ts';
import type { Command } from '../../../src/commands/command.ts';
import { silentLogger } from '../../../src/log.ts';
import type { Reply } from '../../../src/message.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import { type ConnectorCall, type FakeConnector, startFakeConnector } from '../../fakes/bot-connector.ts';
import { KeywordMatcher, section } from '../../fakes/keyword-matcher.ts';
import { cardSubmit, channelConversationId, channelMessage, personalMessage } from './activities.ts';
import { startTeamsServer, type TeamsServer } from './teams-server.ts';

const imagePull = section({
  id: 'knowledge/test/doc.md#image-pull',
  title: 'ImagePullBackOff: registry authentication failed',
  causes: 'The pod has no pull secret for the registry.',
  steps: [
    { text: 'Check the pod’s pull secrets.', commands: ['kubectl get pod <pod_name> -o yaml'] },
    { text: 'Create the secret in the pod’s namespace.', commands: ['kubectl create secret docker-registry …'] },
  ],
  url: 'https://example.com/docs/image-pull',
});
const tokenExpired = section({ id: 'knowledge/test/doc.md#token', title: 'Registry token expired' });
const longSection = section({
  id: 'knowledge/test/doc.md#long',
  title: 'Worker nodes NotReady after an upgrade',
  causes: 'Nodes lose contact with the control plane. '.repeat(200),
  steps: Array.from({ length: 40 }, (_, i) => ({
    text: `Step ${i + 1}: ${'Check the kubelet and container runtime logs on every affected node. '.repeat(12)}`,
    commands: Array.from({ length: 6 }, (_, j) => `kubectl describe node worker-${i}-${j}`),
  })),
});

const pullError = 'Failed to pull image "us.icr.io/team/api:1.2": rpc error: unauthorized: authentication required';

/** `diagnose` through the Command port, released by the test so the progress card is seen first. */
function diagnoseCommand(): { command: Command; finish: () => void } {
  let finish: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const done = (text: string): Reply => ({
    kind: 'diagnosis',
    text,
    blocks: [{ type: 'paragraph', text }],
    inThread: true,
  });
  return {
    finish: () => finish(),
    command: {
      name: 'diagnose',
      usage: 'diagnose pod <name> [-n namespace] [--context cluster]',
      description: 'diagnose a pod',
      progress: (invocation) => ({
        kind: 'progress',
        text: `Diagnosing ${invocation.args}…`,
        blocks: [{ type: 'paragraph', text: `Diagnosing ${invocation.args}…` }],
        inThread: true,
      }),
      run: async (invocation) => {
        await gate;
        return done(`${invocation.args}: CrashLoopBackOff, exit code 1`);
      },
    },
  };
}

describe('Teams with the core', () => {
  let connector: FakeConnector;
  let server: TeamsServer;
  let diagnose: ReturnType<typeof diagnoseCommand>;

  beforeAll(async () => {
    connector = await startFakeConnector();
  });
  afterAll(async () => {
    await connector.close();
  });

  async function start() {
    diagnose = diagnoseCommand();
    const matcher = new KeywordMatcher(
      [
        { section: imagePull, keywords: ['failed to pull image', 'unauthorized'] },
        { section: longSection, keywords: ['notready', 'kubelet stopped posting'] },
        { section: tokenExpired, keywords: ['unauthorized', 'token expired'] },
      ],
      { floor: 0.99 },
    );
    const bot = createBot({ matcher, store: new MemoryStore(), language: 'en', commands: [diagnose.command] });
    server = await startTeamsServer({
      bot,
      config: { authenticated: false, appId: '', appPassword: '' },
      log: silentLogger,
      language: 'en',
    });
  }
  afterEach(async () => {
    await server.close();
    connector.calls.length = 0;
  });

  const cardOf = (call: ConnectorCall | undefined) => call?.body.attachments[0].content;
  const say = async (activity: Parameters<TeamsServer['post']>[0]) => {
    const response = await server.post(activity);
    expect(response.status).toBe(200);
  };

  it('answers a mentioned error in the thread with title, cause, steps, source and buttons', async () => {
    await start();
    const activity = channelMessage(pullError, { serviceUrl: connector.url, mention: true });
    await say(activity);
    const [call] = await connector.waitFor((c) => c.method === 'POST');
    expect(call?.conversationId).toBe(`${channelConversationId};messageid=${activity.id}`);
    const text = JSON.stringify(cardOf(call));
    expect(text).toContain('ImagePullBackOff: registry authentication failed');
    expect(text).toContain('The pod has no pull secret for the registry.');
    expect(text).toContain('1. Check the pod’s pull secrets.');
    expect(text).toContain('kubectl get pod <pod_name> -o yaml');
    expect(text).toContain('(https://example.com/docs/image-pull)');
    expect(cardOf(call).actions.map((a: { title: string }) => a.title)).toEqual([
      'This fixed it',
      'Not it',
      'Other matches',
    ]);
  });

  it('answers a confident error pasted in a channel without a mention', async () => {
    await start();
    await say(channelMessage(pullError, { serviceUrl: connector.url }));
    const [call] = await connector.waitFor((c) => c.method === 'POST');
    expect(JSON.stringify(cardOf(call))).toContain('registry authentication failed');
  });

  it('stays silent on channel chatter that is not an error', async () => {
    await start();
    await say(channelMessage('anyone up for lunch at noon?', { serviceUrl: connector.url }));
    // Answered turns have posted before the HTTP response; give a wrong reply a second request to show up behind.
    await say(channelMessage('thanks all', { serviceUrl: connector.url }));
    expect(connector.calls).toEqual([]);
  });

  it('answers anything in a personal chat, saying when it is not sure', async () => {
    await start();
    await say(personalMessage('my deployment looks weird', { serviceUrl: connector.url }));
    const [call] = await connector.waitFor((c) => c.method === 'POST');
    expect(call?.conversationId).toBe('a:1personal-chat-id');
    expect(JSON.stringify(cardOf(call))).toContain('No confident match');
  });

  it('answers help, kb and handoff typed as text', async () => {
    await start();
    await say(channelMessage('help', { serviceUrl: connector.url, mention: true }));
    await say(personalMessage('kb failed to pull image unauthorized', { serviceUrl: connector.url }));
    await say(channelMessage('handoff 12h', { serviceUrl: connector.url, mention: true }));
    const [help, kb, handoff] = await connector.waitFor((c) => c.method === 'POST', 3);
    expect(JSON.stringify(cardOf(help))).toContain('diagnose pod <name>');
    expect(JSON.stringify(cardOf(kb))).toContain('registry authentication failed');
    expect(JSON.stringify(cardOf(handoff))).toContain('`handoff` is not configured');
  });

  it('posts "Diagnosing…" for diagnose and replaces it in place with the result', async () => {
    await start();
    const activity = channelMessage('diagnose pod web-1 -n shop', { serviceUrl: connector.url, mention: true });
    await say(activity);
    const [progress] = await connector.waitFor((c) => c.method === 'POST');
    expect(JSON.stringify(cardOf(progress))).toContain('Diagnosing pod web-1 -n shop…');
    diagnose.finish();
    const [update] = await connector.waitFor((c) => c.method === 'PUT');
    expect(update?.activityId).toBe(progress?.answeredId);
    expect(JSON.stringify(cardOf(update))).toContain('CrashLoopBackOff, exit code 1');
  });

  it('marks the answer resolved in place when "This fixed it" is pressed, and lists other matches', async () => {
    await start();
    const activity = channelMessage(pullError, { serviceUrl: connector.url, mention: true });
    await say(activity);
    const [answer] = await connector.waitFor((c) => c.method === 'POST');
    const [resolve, , more] = cardOf(answer).actions.map((a: { data: unknown }) => a.data);
    const where = { serviceUrl: connector.url, cardId: answer!.answeredId!, rootId: activity.id! };
    await say(cardSubmit(resolve, where));
    const [update] = await connector.waitFor((c) => c.method === 'PUT');
    expect(update?.activityId).toBe(answer?.answeredId);
    expect(update?.conversationId).toBe(`${channelConversationId};messageid=${activity.id}`);
    expect(JSON.stringify(cardOf(update))).toContain('Marked resolved by Ji-woo Park');
    await say(cardSubmit(more, where));
    const [, followUp] = await connector.waitFor((c) => c.method === 'POST', 2);
    expect(followUp?.conversationId).toBe(`${channelConversationId};messageid=${activity.id}`);
    expect(JSON.stringify(cardOf(followUp))).toContain('Registry token expired');
  });

  it('keeps a very long answer within the Teams message size limit', async () => {
    await start();
    await say(
      channelMessage('kubelet stopped posting node status: NotReady', { serviceUrl: connector.url, mention: true }),
    );
    const [call] = await connector.waitFor((c) => c.method === 'POST');
    expect(cardBytes(call?.body)).toBeLessThanOrEqual(28 * 1024);
    expect(cardBytes(cardOf(call))).toBeLessThanOrEqual(maxCardBytes);
    const text = JSON.stringify(cardOf(call));
    expect(text).toContain('Worker nodes NotReady after an upgrade');
    expect(text).toMatch(/more steps in the source document/);
    expect(cardOf(call).actions).toHaveLength(3);
  });
});
