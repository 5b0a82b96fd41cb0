/**
 * Secrets pasted into Slack and Teams channels, through the whole process (signed requests through Bolt's
 * receiver, activities on the Teams endpoint with replies caught at the serviceUrl, a real Redis): nothing
 * the bot stores, logs or posts afterwards (/handoff in each channel, the handoff CLI over the same Redis)
 * may carry one.
 */
import { execFile } from 'node:child_process';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../adapters/app.ts';
import { createLogger } from '../../adapters/logging.ts';
import type { TeamsActivity } from '../../adapters/teams/teams-activity.ts';
import { startTestApp } from '../adapters/server/test-app.ts';
import { channelMessage } from '../adapters/teams/activities.ts';
import { eventually } from '../contract/store-contract.ts';
import { type FakeConnector, startFakeConnector } from '../fakes/bot-connector.ts';
import { type RedisServer, startRedisServer } from '../fakes/redis-server.ts';
import { type SecretSample, secretSamples } from '../fakes/secret-samples.ts';
import { eventCallback, type FakeSlackApi, sendSigned, startFakeSlackApi } from '../fakes/slack-api.ts';

const signingSecret = 'pasted-secrets-signing-secret';
/** A busy two-core machine can pause a process for over a second: that must not look like Redis down here. */
const busyMachineTimeoutMs = '10000';
/** A handoff lists ten items per part: one channel per eight pastes, so every summary is posted. */
const perChannel = 8;
const channels = Array.from({ length: Math.ceil(secretSamples.length / perChannel) }, (_, i) => `C0PASTE${i}`);
const channelOf = (i: number) => channels[Math.floor(i / perChannel)] as string;

let redis: RedisServer;
let api: FakeSlackApi;
let app: RunningApp;
const logLines: string[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  api = await startFakeSlackApi({ botToken: 'xoxb-pasted' });
  const destination = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  app = await startTestApp(
    {
      SLACK_MODE: 'http',
      SLACK_BOT_TOKEN: 'xoxb-pasted',
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: api.apiUrl,
      REDIS_URL: redis.url,
      REDIS_TIMEOUT_MS: busyMachineTimeoutMs,
      BOT_LANGUAGE: 'en',
    },
    { log: createLogger({ level: 'debug', destination }) },
  );
});
afterAll(async () => {
  await app?.stop('test');
  await api?.close();
  await redis?.close();
});

/** Every key and value in Redis, as one text. */
async function redisDump(url: string): Promise<string> {
  const client = new Redis(url);
  try {
    const parts: string[] = [];
    for (const key of await client.keys('*')) {
      const type = await client.type(key);
      const value =
        type === 'hash'
          ? JSON.stringify(await client.hgetall(key))
          : type === 'zset'
            ? JSON.stringify(await client.zrange(key, '0', '-1'))
            : type === 'string'
              ? await client.get(key)
              : type;
      parts.push(`${key} ${value}`);
    }
    return parts.join('\n');
  } finally {
    client.disconnect();
  }
}

const leaked = (text: string) => secretSamples.filter((s: SecretSample) => text.includes(s.secret)).map((s) => s.kind);

async function slashCommand(channel: string, text: string): Promise<void> {
  const body = new URLSearchParams({
    token: 'legacy',
    team_id: 'T0001',
    team_domain: 'acme',
    channel_id: channel,
    channel_name: channel.toLowerCase(),
    user_id: 'U0ONCALL',
    user_name: 'oncall',
    command: '/handoff',
    text,
    api_app_id: 'A0001',
    response_url: `${api.origin}/response_url/handoff-${channel}`,
    // Slack gives every invocation its own trigger id (the bot runs one id once).
    trigger_id: `trig-${channel}-${text}`,
  }).toString();
  const res = await sendSigned(`${app.url}/slack/events`, signingSecret, body, {
    contentType: 'application/x-www-form-urlencoded',
  });
  expect(res.status).toBe(200);
}

describe(`${secretSamples.length} kinds of pasted secret`, () => {
  it('are neither stored, logged nor posted: in Redis, in /handoff, in the handoff CLI, in the log', async () => {
    for (const [i, sample] of secretSamples.entries()) {
      const event = {
        type: 'message',
        channel: channelOf(i),
        channel_type: 'channel',
        user: 'U0ALICE',
        text: sample.paste,
        ts: `${Math.floor(Date.now() / 1000)}.${String(i).padStart(6, '0')}`,
      };
      const res = await sendSigned(`${app.url}/slack/events`, signingSecret, JSON.stringify(eventCallback(event)));
      expect(res.status).toBe(200);
    }
    // Every paste is an error worth recording: one incident each, in its channel.
    await eventually(async () => {
      expect((await redisDump(redis.url)).match(/"e:[^"]+":/g)?.length).toBe(secretSamples.length);
    }, 20_000);
    const stored = await redisDump(redis.url);
    expect(stored).toContain('InvalidClientTokenId');

    for (const channel of channels) await slashCommand(channel, '1h');
    const handoffs = () => api.callsTo('chat.postMessage').filter((c) => /incidents?:/.test(c.params['text'] ?? ''));
    await api.waitFor(() => handoffs().length === channels.length, 20_000);
    const posted = JSON.stringify(api.responses) + JSON.stringify(api.calls);
    expect(posted).toContain('InvalidClientTokenId');
    expect(posted).not.toContain('…and');

    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', 'adapters/cli/main.ts', 'handoff', '1h', '--all'],
      { env: { PATH: process.env['PATH'] ?? '', REDIS_URL: redis.url, BOT_LANGUAGE: 'en' } },
    );
    expect(stdout).toContain(`${secretSamples.length} incidents`);

    expect({
      stored: leaked(stored),
      posted: leaked(posted),
      cli: leaked(stdout),
      logged: leaked(logLines.join('')),
    }).toEqual({ stored: [], posted: [], cli: [], logged: [] });
  });
});

describe(`${secretSamples.length} kinds of pasted secret in Teams`, () => {
  let connector: FakeConnector | undefined;
  let teams: RunningApp | undefined;
  afterAll(async () => {
    await teams?.stop('test');
    await connector?.close();
  });

  /** A channel message moved to another channel of the team. */
  const inChannel = (activity: TeamsActivity, channel: string): TeamsActivity => {
    const [, thread] = (activity.conversation?.id ?? '').split(';messageid=');
    return {
      ...activity,
      conversation: { ...activity.conversation, id: `${channel};messageid=${thread}` },
      channelData: { ...activity.channelData, channel: { id: channel }, teamsChannelId: channel },
    } as TeamsActivity;
  };
  const post = async (app: RunningApp, activity: TeamsActivity) => {
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    expect(res.status).toBe(200);
  };

  it('are neither stored nor posted: in Redis, in the handoff of each channel', async () => {
    connector = await startFakeConnector();
    teams = await startTestApp({
      TEAMS_ALLOW_UNAUTHENTICATED: 'true',
      REDIS_URL: redis.url,
      REDIS_TIMEOUT_MS: busyMachineTimeoutMs,
      BOT_LANGUAGE: 'en',
    });
    const teamsChannel = (i: number) => `19:paste${Math.floor(i / perChannel)}@thread.tacv2`;
    for (const [i, sample] of secretSamples.entries()) {
      await post(teams, inChannel(channelMessage(sample.paste, { serviceUrl: connector.url }), teamsChannel(i)));
    }
    const teamsChannels = [...new Set(secretSamples.map((_, i) => teamsChannel(i)))];
    const running = teams;
    const asked = new Set<string>();
    for (const channel of teamsChannels) {
      const handoff = inChannel(channelMessage('handoff 1h', { serviceUrl: connector.url, mention: true }), channel);
      asked.add(handoff.id as string);
      await post(running, handoff);
    }
    // Whatever each handoff says, so a summary that is not one fails here rather than timing out.
    const handoffs = await connector.waitFor((c) => asked.has(c.activityId ?? ''), teamsChannels.length);
    for (const handoff of handoffs) expect(JSON.stringify(handoff.body)).toMatch(/\d+ incidents?:/);
    const posted = JSON.stringify(connector.calls.map((c) => c.body));
    expect(posted).toContain('InvalidClientTokenId');
    expect(posted).not.toContain('…and');
    const stored = await redisDump(redis.url);
    expect(stored).toContain('19:paste0@thread.tacv2');
    expect({ stored: leaked(stored), posted: leaked(posted) }).toEqual({ stored: [], posted: [] });
  });
});
