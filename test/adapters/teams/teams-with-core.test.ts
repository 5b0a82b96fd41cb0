/**
 * Teams end to end with the real parts: the knowledge in knowledge/ through the real loader and matcher,
 * createBot with a MemoryStore, and `diagnose` reading a pod through client-node from a loopback API
 * server. Activities are POSTed to /api/messages; the cards are caught at the loopback Bot Connector.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createKubeClusterDirectory } from '../../../adapters/kubernetes/kube-clusters.ts';
import { cardBytes, maxCardBytes, toTeamsActivity } from '../../../adapters/teams/to-adaptive-card.ts';
import { createBot } from '../../../src/bot.ts';
import { createDiagnoseCommand } from '../../../src/commands/diagnose-command.ts';
import { FileKnowledgeSource } from '../../../src/knowledge/file-knowledge-source.ts';
import type { Section } from '../../../src/knowledge/section.ts';
import { silentLogger } from '../../../src/log.ts';
import { defaultLexiconDir, matcherFromSource } from '../../../src/matching/load-matcher.ts';
import type { Matcher } from '../../../src/matching/matcher.ts';
import { answerReply } from '../../../src/replies/answer-reply.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import { type ConnectorCall, type FakeConnector, startFakeConnector } from '../../fakes/bot-connector.ts';
import { type FakeApiServer, startFakeApiServer } from '../../fakes/fake-apiserver.ts';
import { clusterFromFixture } from '../../fakes/k8s-fixtures.ts';
import { cardSubmit, channelConversationId, channelMessage, personalMessage, user } from './activities.ts';
import { startTeamsServer, type TeamsServer } from './teams-server.ts';

const pullError = [
  'Events:',
  '  Type     Reason     Age   From     Message',
  '  Warning  Failed     12s   kubelet  Failed to pull image "us.icr.io/team/api:1.2": rpc error: code = Unknown desc = Error response from daemon: denied: You have exceeded your pull traffic quota for the current month.',
  '  Warning  Failed     12s   kubelet  Error: ErrImagePull',
].join('\n');
/** The documented section's English title: the bot speaks English and the Container Registry page has it. */
const pullTitle = 'Push or pull of a Docker image fails';

/** The section whose full answer makes the biggest Teams card: the size limit is checked against it. */
function longestSection(sections: readonly Section[]): Section {
  const size = (s: Section) => cardBytes(toTeamsActivity(answerReply({ section: s, score: 1 }, { replyId: 'x' })));
  return [...sections].sort((a, b) => size(b) - size(a))[0]!;
}

describe('Teams with the real knowledge, matcher, core and diagnosis', () => {
  let connector: FakeConnector;
  let apiServer: FakeApiServer;
  let matcher: Matcher;
  let longest: Section;
  let server: TeamsServer;

  beforeAll(async () => {
    connector = await startFakeConnector();
    apiServer = await startFakeApiServer(clusterFromFixture('crashloopbackoff-1'));
    const loaded = await matcherFromSource(new FileKnowledgeSource(), defaultLexiconDir('knowledge'));
    matcher = loaded.matcher;
    longest = longestSection(loaded.knowledge.sections);
  });
  afterAll(async () => {
    await connector.close();
    await apiServer.close();
  });

  async function start() {
    const store = new MemoryStore();
    const clusters = createKubeClusterDirectory({
      contexts: undefined,
      inCluster: 'never',
      inClusterName: 'in-cluster',
      callTimeoutMs: 2000,
      env: { KUBECONFIG: apiServer.kubeconfig() },
    });
    const diagnose = createDiagnoseCommand({
      clusters,
      matcher,
      log: silentLogger,
      store,
      access: {
        channels: new Map([['*', '*']]),
        namespaces: new Map([['*', '*']]),
        users: new Map([[`teams:${user.aadObjectId}`, { user: 'jiwoo@example.com', groups: ['sre'] }]]),
      },
      language: 'en',
    });
    const bot = createBot({ matcher, store, language: 'en', commands: [diagnose] });
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
    expect(call?.body.replyToId).toBe(activity.id);
    const card = cardOf(call);
    const text = JSON.stringify(card);
    expect(text).toContain(pullTitle);
    expect(text).toContain('"text":"Cause"');
    // The Container Registry page lists its fixes as bullets.
    expect(text).toContain('"text":"How to fix it"');
    expect(text).toContain('"text":"•"');
    expect(text).toMatch(/"fontType":"Monospace"/);
    expect(text).toMatch(
      /"text":"Source: "},\{"type":"TextRun","text":"[^"]+","color":"Accent","selectAction":\{"type":"Action.OpenUrl","url":"https:\/\//,
    );
    expect(card.actions.map((a: { title: string }) => a.title)).toEqual(['This fixed it', 'Not it', 'Other matches']);
  });

  it('answers a confident error pasted in a channel without a mention', async () => {
    await start();
    await say(channelMessage(pullError, { serviceUrl: connector.url }));
    const [call] = await connector.waitFor((c) => c.method === 'POST');
    expect(JSON.stringify(cardOf(call))).toContain(pullTitle);
  });

  it('stays silent on channel chatter that is not an error', async () => {
    await start();
    await say(channelMessage('anyone up for lunch at noon?', { serviceUrl: connector.url }));
    await say(
      channelMessage('hey, something seems off with the cluster today, any idea?', { serviceUrl: connector.url }),
    );
    // Replies are posted before the HTTP response returns, so nothing more can arrive for these turns.
    expect(connector.calls).toEqual([]);
  });

  it('answers anything in a personal chat, saying when it is not sure', async () => {
    await start();
    await say(
      personalMessage('hey, something seems off with the cluster today, any idea?', { serviceUrl: connector.url }),
    );
    const [call] = await connector.waitFor((c) => c.method === 'POST');
    expect(call?.conversationId).toBe('a:1personal-chat-id');
    expect(JSON.stringify(cardOf(call))).toContain('Not sure: no confident answer');
  });

  it('answers help, kb and handoff typed as text, with or without the mention', async () => {
    await start();
    await say(channelMessage('help', { serviceUrl: connector.url, mention: true }));
    await say(personalMessage('kb image pull unauthorized', { serviceUrl: connector.url }));
    await say(channelMessage('handoff 12h', { serviceUrl: connector.url, mention: true }));
    await say(channelMessage('diagnose', { serviceUrl: connector.url, mention: true }));
    const [help, kb, handoff, usage] = await connector.waitFor((c) => c.method === 'POST', 4);
    expect(JSON.stringify(cardOf(help))).toContain('diagnose pod <name>');
    expect(JSON.stringify(cardOf(kb))).toContain('ImagePullBackOff');
    expect(JSON.stringify(cardOf(handoff))).toContain('handoff is not configured');
    expect(JSON.stringify(cardOf(usage))).toContain('diagnose pod <name> [-n namespace] [--context cluster]');
  });

  it('posts "Diagnosing…" and replaces it in place with what is wrong with the pod', async () => {
    await start();
    const activity = channelMessage('diagnose pod my-pod -n argocd', { serviceUrl: connector.url, mention: true });
    await say(activity);
    const [progress] = await connector.waitFor((c) => c.method === 'POST');
    expect(JSON.stringify(cardOf(progress))).toContain('Diagnosing pod my-pod…');
    const [update] = await connector.waitFor((c) => c.method === 'PUT');
    expect(update?.activityId).toBe(progress?.answeredId);
    expect(update?.conversationId).toBe(`${channelConversationId};messageid=${activity.id}`);
    expect(JSON.stringify(cardOf(update))).toMatch(/CrashLoopBackOff/);
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
    expect(JSON.stringify(cardOf(followUp))).toContain('Other matches');
  });

  it('posts a candidate’s full answer when its button under an unsure reply is pressed', async () => {
    await start();
    const activity = channelMessage('Image pull fails: is it the pull secret or a firewall?', {
      serviceUrl: connector.url,
      mention: true,
    });
    await say(activity);
    const [unsure] = await connector.waitFor((c) => c.method === 'POST');
    const card = JSON.stringify(cardOf(unsure));
    expect(card).toContain('Not sure: no confident answer');
    expect(card).toMatch(/"selectAction":\{"type":"Action.OpenUrl","url":"https:\/\//);
    const show = [...card.matchAll(/"data":(\{"ksb":"action","kind":"show","replyId":"[^"]+"\})/g)].map((m) =>
      JSON.parse(m[1]!),
    );
    expect(show.length).toBeGreaterThan(0);
    await say(cardSubmit(show[0], { serviceUrl: connector.url, cardId: unsure!.answeredId!, rootId: activity.id! }));
    const [, answer] = await connector.waitFor((c) => c.method === 'POST', 2);
    expect(answer?.conversationId).toBe(`${channelConversationId};messageid=${activity.id}`);
    expect(cardOf(answer).actions.map((a: { title: string }) => a.title)).toEqual([
      'This fixed it',
      'Not it',
      'Other matches',
    ]);
  });

  it('keeps the longest section in the corpus within the Teams message size limit', async () => {
    await start();
    await say(personalMessage(`kb ${longest.title}`, { serviceUrl: connector.url }));
    const [call] = await connector.waitFor((c) => c.method === 'POST');
    expect(cardBytes(call?.body)).toBeLessThanOrEqual(28 * 1024);
    expect(cardBytes(cardOf(call))).toBeLessThanOrEqual(maxCardBytes);
    const text = JSON.stringify(cardOf(call));
    expect(text).toContain(JSON.stringify(longest.title).slice(1, -1));
    expect(text).toContain(longest.source);
  });
});
