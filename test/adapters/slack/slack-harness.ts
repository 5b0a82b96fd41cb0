import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/slack-adapter.ts';
import type { SlackConfig } from '../../../adapters/slack/slack-config.ts';
import { createBot } from '../../../src/bot.ts';
import type { Command } from '../../../src/commands/command.ts';
import type { Learning } from '../../../src/learning/learner.ts';
import { type Logger, silentLogger } from '../../../src/log.ts';
import type { Matcher } from '../../../src/matching/matcher.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import type { Store } from '../../../src/store/store.ts';
import { RecordingRecorder } from '../../fakes/recording-recorder.ts';
import type { FakeSlackApi } from '../../fakes/slack-api.ts';

export const signingSecret = 'test-signing-secret';
export const botToken = 'xoxb-test';

export interface Harness {
  readonly adapter: SlackAdapter;
  readonly recorder: RecordingRecorder;
  /** POST target for events, commands and actions (HTTP mode). */
  readonly eventsUrl: string;
  stop(): Promise<void>;
}

/** One bot instance wired to the fake Slack, as adapters/main.ts would wire it. */
export async function startSlackBot(
  api: FakeSlackApi,
  options: {
    matcher: Matcher;
    mode?: 'http' | 'socket';
    store?: Store;
    commands?: Command[];
    language?: 'ko' | 'en';
    processBeforeResponse?: boolean;
    /** Where the bot and the adapter log; silent by default. */
    log?: Logger;
    /** Where presses teach the matcher. */
    learning?: Learning;
  },
): Promise<Harness> {
  const log = options.log ?? silentLogger;
  const store = options.store ?? new MemoryStore();
  const recorder = new RecordingRecorder();
  const language = options.language ?? 'en';
  const bot = createBot({
    matcher: options.matcher,
    store,
    recorder,
    language,
    log,
    ...(options.commands ? { commands: options.commands } : {}),
    ...(options.learning ? { learning: options.learning } : {}),
  });
  const mode = options.mode ?? 'http';
  const config: SlackConfig = {
    mode,
    botToken,
    apiUrl: api.apiUrl,
    port: 0,
    ...(mode === 'socket' ? { appToken: 'xapp-test' } : { signingSecret }),
  };
  const adapter = createSlackAdapter({
    bot,
    config,
    store,
    log,
    language,
    retryConfig: { retries: 3, factor: 1, minTimeout: 10, maxTimeout: 50 },
    ...(mode === 'http' ? { listen: { port: 0, host: '127.0.0.1' } } : {}),
    ...(options.processBeforeResponse !== undefined ? { processBeforeResponse: options.processBeforeResponse } : {}),
  });
  await adapter.start();
  return {
    adapter,
    recorder,
    eventsUrl: `http://127.0.0.1:${adapter.port()}/slack/events`,
    stop: () => adapter.stop(),
  };
}
