/**
 * The fuzz test of the chat entry points: one process with Slack (HTTP mode, signed requests through
 * Bolt's receiver), Teams (/api/messages through CloudAdapter) and the playground, the shipped knowledge,
 * and a seeded set of hostile pastes (test/fakes/hostile-text.ts). Every paste gets a reply in its thread
 * or a clear refusal (a 4xx with a reason) within a generous bound, and /healthz keeps answering while
 * they are handled: a parser that stalls the event loop fails it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../../adapters/app.ts';
import { loadMatcher } from '../../../src/matching/load-matcher.ts';
import { type FakeConnector, startFakeConnector } from '../../fakes/bot-connector.ts';
import { type HostileText, hostileTexts } from '../../fakes/hostile-text.ts';
import { eventCallback, type FakeSlackApi, messageTs, sendSigned, startFakeSlackApi } from '../../fakes/slack-api.ts';
import { personalMessage } from '../teams/activities.ts';
import { startTestApp } from './test-app.ts';

const signingSecret = 'fuzz-signing-secret';
/** Generous: a reply normally takes milliseconds; only a stalled or lost one takes this long. */
const replyBoundMs = 20_000;
/** /healthz answers in microseconds; a probe this slow means the event loop was held. */
const healthBoundMs = 3_000;

let api: FakeSlackApi;
let connector: FakeConnector;
let app: RunningApp;

beforeAll(async () => {
  [api, connector] = await Promise.all([startFakeSlackApi(), startFakeConnector()]);
  app = await startTestApp(
    {
      SLACK_MODE: 'http',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: api.apiUrl,
      TEAMS_ALLOW_UNAUTHENTICATED: 'true',
      PLAYGROUND: 'on',
      BOT_LANGUAGE: 'en',
    },
    {
      loadKnowledge: async () => {
        const loaded = await loadMatcher('knowledge');
        return { base: loaded.knowledge, matcher: loaded.matcher };
      },
    },
  );
}, 60_000);

afterAll(async () => {
  await app?.stop('test');
  await Promise.all([api?.close(), connector?.close()]);
});

/** Probes /healthz every 50 ms while `work` runs; resolves to the probes that failed or took too long. */
async function whileHealthProbed(work: () => Promise<void>): Promise<string[]> {
  const failures: string[] = [];
  let done = false;
  const probing = (async () => {
    while (!done) {
      try {
        const response = await fetch(`${app.url}/healthz`, { signal: AbortSignal.timeout(healthBoundMs) });
        if (response.status !== 200) failures.push(`/healthz answered ${response.status}`);
        await response.body?.cancel();
      } catch (err) {
        failures.push(`/healthz: ${err instanceof Error ? err.name : String(err)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  try {
    await work();
  } finally {
    done = true;
    await probing;
  }
  return failures;
}

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no reply within ${replyBoundMs} ms`)), replyBoundMs);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

async function throughSlack(paste: HostileText): Promise<string> {
  const ts = messageTs();
  const event = { type: 'message', channel: 'D0FUZZ', channel_type: 'im', user: 'U0ALICE', text: paste.text, ts };
  const response = await sendSigned(`${app.url}/slack/events`, signingSecret, JSON.stringify(eventCallback(event)));
  if (response.status !== 200) return `refused ${response.status}`;
  await within(
    api.waitFor(() => api.callsTo('chat.postMessage').some((c) => c.params['thread_ts'] === ts), replyBoundMs),
    `slack: ${paste.name}`,
  );
  return 'replied';
}

async function throughTeams(paste: HostileText): Promise<string> {
  const activity = personalMessage(paste.text, { serviceUrl: connector.url });
  const response = await fetch(`${app.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  if (response.status >= 400 && response.status < 500) return `refused ${response.status}: ${await response.text()}`;
  expect(response.status, paste.name).toBe(200);
  await within(
    connector.waitFor((call) => call.method === 'POST' && call.activityId === activity.id),
    `teams: ${paste.name}`,
  );
  return 'replied';
}

async function throughPlayground(paste: HostileText): Promise<string> {
  const response = await within(
    fetch(`${app.url}/api/playground/message`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: paste.text }),
    }),
    `playground: ${paste.name}`,
  );
  const body = (await response.json()) as { reply?: unknown; error?: string };
  if (response.status !== 200) {
    expect(body.error, `${paste.name}: a refusal says why`).toEqual(expect.any(String));
    return `refused ${response.status}`;
  }
  expect(body.reply, paste.name).not.toBeNull();
  return 'replied';
}

const pastes = hostileTexts();

describe('hostile pastes through every chat entry point', () => {
  it.each([
    { platform: 'slack', send: throughSlack },
    { platform: 'teams', send: throughTeams },
    { platform: 'playground', send: throughPlayground },
  ])(
    '$platform answers each one or refuses it clearly, and /healthz answers meanwhile',
    async ({ send }) => {
      const outcomes: Record<string, string> = {};
      const failures = await whileHealthProbed(async () => {
        for (const paste of pastes) outcomes[paste.name] = await send(paste);
      });
      expect(failures).toEqual([]);
      for (const [name, outcome] of Object.entries(outcomes)) {
        // Blank pastes are refused by the playground (nothing to match); everything else is read.
        const blank = name === 'empty' || name === 'only spaces';
        expect(outcome, name).toBe(blank && outcome.startsWith('refused 400') ? outcome : 'replied');
      }
    },
    300_000,
  );
});
