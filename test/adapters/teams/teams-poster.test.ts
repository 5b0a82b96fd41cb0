/**
 * The scheduled handoff posted to Teams: the real core records a pasted error in a channel, the real
 * scheduler builds that channel's handoff and hands it to the Teams poster, which starts a new channel post
 * at the loopback Bot Connector.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isTeamsConversationId } from '../../../adapters/teams/teams-poster.ts';
import { createBot } from '../../../src/bot.ts';
import { HandoffScheduler } from '../../../src/handoff/handoff-scheduler.ts';
import { IncidentLog } from '../../../src/incidents/incident-log.ts';
import { FileKnowledgeSource } from '../../../src/knowledge/file-knowledge-source.ts';
import { silentLogger } from '../../../src/log.ts';
import { defaultLexiconDir, matcherFromSource } from '../../../src/matching/load-matcher.ts';
import type { Matcher } from '../../../src/matching/matcher.ts';
import type { Reply } from '../../../src/message.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import { type FakeConnector, startFakeConnector } from '../../fakes/bot-connector.ts';
import { botAccount, channelConversationId, channelMessage, personalMessage, tenantId, user } from './activities.ts';
import { startTeamsServer, type TeamsServer } from './teams-server.ts';

const pullError =
  'Warning  Failed  12s  kubelet  Failed to pull image "us.icr.io/team/api:1.2": rpc error: code = Unknown desc = failed to resolve reference "us.icr.io/team/api:1.2": unexpected status: 401 Unauthorized';
const note: Reply = {
  kind: 'info',
  text: 'Shift summary',
  blocks: [{ type: 'paragraph', text: 'Shift summary' }],
  inThread: false,
};

describe('isTeamsConversationId', () => {
  it('recognises Teams channel and chat ids', () => {
    expect(isTeamsConversationId(channelConversationId)).toBe(true);
    expect(isTeamsConversationId('19:meeting_abc@thread.v2')).toBe(true);
    expect(isTeamsConversationId('C0123ABCD')).toBe(false);
    expect(isTeamsConversationId('a:1personal')).toBe(false);
  });
});

describe('Teams poster', () => {
  let connector: FakeConnector;
  let matcher: Matcher;
  let server: TeamsServer;
  let store: MemoryStore;
  let incidents: IncidentLog;

  beforeAll(async () => {
    connector = await startFakeConnector();
    matcher = (await matcherFromSource(new FileKnowledgeSource(), defaultLexiconDir('knowledge'))).matcher;
  });
  afterAll(async () => {
    await connector.close();
  });
  afterEach(async () => {
    await server.close();
    await incidents.close();
    connector.calls.length = 0;
  });

  async function start() {
    store = new MemoryStore();
    incidents = new IncidentLog({ store, log: silentLogger });
    const bot = createBot({ matcher, store, recorder: incidents, language: 'en' });
    server = await startTeamsServer({
      bot,
      config: { authenticated: false, appId: '', appPassword: '' },
      log: silentLogger,
      store,
      language: 'en',
    });
  }

  it('posts the scheduled handoff as a new post in the channel the bot has seen', async () => {
    await start();
    const paste = channelMessage(pullError, { serviceUrl: connector.url });
    expect((await server.post(paste)).status).toBe(200);
    await connector.waitFor((c) => c.method === 'POST'); // the answer in the thread
    await incidents.flush();

    const scheduler = new HandoffScheduler({
      schedules: [],
      store,
      incidents,
      poster: server.adapter.poster!,
      log: silentLogger,
    });
    const outcome = await scheduler.runSlot(
      { channel: channelConversationId, cron: '0 9,21 * * *', timeZone: 'Asia/Seoul' },
      Date.now() + 60_000,
    );
    expect(outcome).toBe('posted');

    const [created] = await connector.waitFor((c) => c.method === 'POST' && c.path === '/v3/conversations');
    expect(created?.body).toMatchObject({
      isGroup: true,
      channelData: { channel: { id: channelConversationId } },
      bot: { id: botAccount.id },
      tenantId,
    });
    const card = JSON.stringify(created?.body.activity.attachments[0].content);
    expect(card).toContain('ImagePullBackOff');
    expect(card).toContain(user.name);
  });

  it('posts into a group chat it has seen', async () => {
    await start();
    const chat = {
      ...channelMessage('lunch?', { serviceUrl: connector.url }),
      conversation: { id: '19:team-chat@thread.v2', conversationType: 'groupChat', tenantId },
    };
    await server.post(chat);
    await server.adapter.poster!.post('19:team-chat@thread.v2', note);
    const [call] = await connector.waitFor((c) => c.method === 'POST');
    expect(call?.conversationId).toBe('19:team-chat@thread.v2');
    expect(JSON.stringify(call?.body)).toContain('Shift summary');
  });

  it('refuses a conversation it has never seen, saying how to fix it', async () => {
    await start();
    await server.post(personalMessage('hello', { serviceUrl: connector.url }));
    await expect(server.adapter.poster!.post('19:elsewhere@thread.tacv2', note)).rejects.toThrow(
      /19:elsewhere@thread.tacv2 is unknown: add the bot to that team/,
    );
    await expect(server.adapter.poster!.post('a:1personal-chat-id', note)).rejects.toThrow(/is unknown/);
  });
});
