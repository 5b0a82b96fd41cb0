/**
 * The client side of the hostile-paste benchmark, in a worker thread so that building and signing the
 * requests, and playing Slack's Web API and Teams' connector, takes nothing from the event loop being
 * measured: it sends the seeded hostile set (test/fakes/hostile-text.ts) through Slack, Teams and the
 * playground one at a time and times each until its reply (or refusal) arrives.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startFakeConnector } from '../test/fakes/bot-connector.ts';
import { hostileTexts } from '../test/fakes/hostile-text.ts';
import { eventCallback, messageTs, sendSigned, startFakeSlackApi } from '../test/fakes/slack-api.ts';

export interface HostileLoadRequest {
  readonly appUrl: string;
  readonly secret: string;
}

export interface HostileTiming {
  readonly platform: 'slack' | 'teams' | 'playground';
  readonly name: string;
  readonly outcome: string;
  readonly ms: number;
}

const port = parentPort!;
const { botToken } = workerData as { botToken: string };
const [api, connector] = await Promise.all([startFakeSlackApi({ botToken }), startFakeConnector()]);
port.postMessage({ apiUrl: api.apiUrl });

const { appUrl, secret } = await new Promise<HostileLoadRequest>((resolve) => port.once('message', resolve));
const timings: HostileTiming[] = [];
const time = async (platform: HostileTiming['platform'], name: string, send: () => Promise<string>) => {
  const started = performance.now();
  const outcome = await send();
  timings.push({ platform, name, outcome, ms: performance.now() - started });
};

for (const paste of hostileTexts()) {
  await time('slack', paste.name, async () => {
    const ts = messageTs();
    const event = { type: 'message', channel: 'D0LOAD', channel_type: 'im', user: 'U0LOAD', text: paste.text, ts };
    const response = await sendSigned(`${appUrl}/slack/events`, secret, JSON.stringify(eventCallback(event)));
    if (response.status !== 200) return `refused ${response.status}`;
    await api.waitFor(() => api.callsTo('chat.postMessage').some((c) => c.params['thread_ts'] === ts), 60_000);
    return 'replied';
  });
  await time('teams', paste.name, async () => {
    const id = `load-${timings.length}`;
    const activity = {
      type: 'message',
      id,
      timestamp: new Date().toISOString(),
      serviceUrl: connector.url,
      channelId: 'msteams',
      from: { id: '29:load', name: 'Load' },
      recipient: { id: '28:bot', name: 'Bot' },
      conversation: { id: 'a:load', conversationType: 'personal', tenantId: 't' },
      text: paste.text,
    };
    const response = await fetch(`${appUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    if (response.status !== 200) return `refused ${response.status}`;
    await connector.waitFor((call) => call.method === 'POST' && call.activityId === id);
    return 'replied';
  });
  await time('playground', paste.name, async () => {
    const response = await fetch(`${appUrl}/api/playground/message`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: paste.text }),
    });
    await response.arrayBuffer();
    return response.status === 200 ? 'replied' : `refused ${response.status}`;
  });
}

port.postMessage(timings);
await Promise.all([api.close(), connector.close()]);
