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

let commands = 0;

async function throughSlackCommand(paste: HostileText): Promise<string> {
  const n = ++commands;
  const before = api.callsTo('chat.postMessage').length + api.responses.length;
  const body = new URLSearchParams({
    team_id: 'T0001',
    channel_id: 'C0FUZZ',
    user_id: 'U0ALICE',
    user_name: 'alice',
    command: '/kb',
    text: paste.text,
    response_url: `${api.origin}/response_url/fuzz-${n}`,
    trigger_id: `fuzz-${n}`,
  }).toString();
  const response = await sendSigned(`${app.url}/slack/events`, signingSecret, body, {
    contentType: 'application/x-www-form-urlencoded',
  });
  if (response.status !== 200) return `refused ${response.status}`;
  await within(
    api.waitFor(() => api.callsTo('chat.postMessage').length + api.responses.length > before, replyBoundMs),
    `slack /kb: ${paste.name}`,
  );
  return 'replied';
}

async function throughPlaygroundCommand(paste: HostileText): Promise<string> {
  const response = await within(
    fetch(`${app.url}/api/playground/command`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: `/kb ${paste.text}` }),
    }),
    `playground /kb: ${paste.name}`,
  );
  const lines = (await response.text()).trim().split('\n');
  if (response.status !== 200) return `refused ${response.status}`;
  expect(JSON.parse(lines.at(-1) ?? '{}'), paste.name).toHaveProperty('result.kind');
  return 'replied';
}

const pastes = hostileTexts();

describe('hostile pastes through every chat entry point', () => {
  it.each([
    { platform: 'slack', send: throughSlack },
    { platform: 'teams', send: throughTeams },
    { platform: 'playground', send: throughPlayground },
    { platform: 'slack /kb', send: throughSlackCommand },
    { platform: 'playground /kb', send: throughPlaygroundCommand },
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

/** Arrays nested `depth` deep, written out (JSON.stringify would recurse that deep). */
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('hostile request bodies through every chat entry point', () => {
  it('answers each with a reply or a 4xx that says what is wrong, and /healthz answers meanwhile', async () => {
    const message = (text: unknown) =>
      JSON.stringify(
        eventCallback({
          type: 'message',
          channel: 'D0FUZZ',
          channel_type: 'im',
          user: 'U0ALICE',
          ts: messageTs(),
          text,
        }),
      );
    const activity = (fields: Record<string, unknown>) =>
      JSON.stringify({ ...personalMessage('hi', { serviceUrl: connector.url }), ...fields });
    const cases: { to: 'slack' | 'teams' | 'playground'; name: string; body: string; status: number }[] = [
      { to: 'slack', name: 'not JSON', body: '{oops', status: 400 },
      { to: 'slack', name: 'null', body: 'null', status: 400 },
      { to: 'slack', name: 'an array', body: '[1]', status: 400 },
      { to: 'slack', name: 'arrays nested 100,000 deep', body: nested(100_000), status: 400 },
      { to: 'slack', name: 'text that is an object', body: message({ a: 1 }), status: 200 },
      { to: 'slack', name: 'text that is an array', body: message(['x']), status: 200 },
      {
        to: 'slack',
        name: 'blocks nested 100,000 deep',
        body: message('X').replace('"X"', nested(100_000)),
        status: 200,
      },
      { to: 'teams', name: 'not JSON', body: '{oops', status: 400 },
      { to: 'teams', name: 'null', body: 'null', status: 400 },
      { to: 'teams', name: 'arrays nested 100,000 deep', body: nested(100_000), status: 400 },
      { to: 'teams', name: 'an empty activity', body: '{}', status: 400 },
      { to: 'teams', name: 'a type that is a number', body: activity({ type: 5 }), status: 400 },
      { to: 'teams', name: 'no serviceUrl', body: activity({ serviceUrl: undefined }), status: 400 },
      { to: 'teams', name: 'text that is a number', body: activity({ text: 5 }), status: 200 },
      { to: 'teams', name: 'entities that are a string', body: activity({ entities: 'mention' }), status: 200 },
      { to: 'teams', name: 'from that is an array', body: activity({ from: [] }), status: 200 },
      {
        to: 'teams',
        name: 'entities nested deep',
        body: activity({ entities: 'X' }).replace('"X"', nested(50_000)),
        status: 200,
      },
      { to: 'playground', name: 'not JSON', body: '{oops', status: 400 },
      { to: 'playground', name: 'arrays nested 100,000 deep', body: nested(100_000), status: 400 },
      { to: 'playground', name: 'text nested 50,000 deep', body: `{"text":${nested(50_000)}}`, status: 400 },
      { to: 'playground', name: 'text that is an object', body: '{"text":{"a":1}}', status: 400 },
    ];
    const answered: string[] = [];
    const failures = await whileHealthProbed(async () => {
      for (const c of cases) {
        const url = {
          slack: `${app.url}/slack/events`,
          teams: `${app.url}/api/messages`,
          playground: `${app.url}/api/playground/message`,
        }[c.to];
        const response = await within(
          c.to === 'slack'
            ? sendSigned(url, signingSecret, c.body)
            : fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: c.body }),
          `${c.to}: ${c.name}`,
        );
        const text = await response.text();
        if (response.status >= 400 && c.to !== 'slack')
          expect(text.length, `${c.to}: ${c.name} says why`).toBeGreaterThan(10);
        answered.push(`${c.to}: ${c.name}: ${response.status}`);
      }
    });
    expect(failures).toEqual([]);
    expect(answered).toEqual(cases.map((c) => `${c.to}: ${c.name}: ${c.status}`));
  }, 120_000);
});
