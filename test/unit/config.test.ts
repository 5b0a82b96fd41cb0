import { describe, expect, it } from 'vitest';
import { loadConfig, redactConfig } from '../../src/config.ts';
import { BotError } from '../../src/errors.ts';

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(BotError);
    return (err as BotError).message;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('runs with nothing configured: memory store, playground on auto, no Slack', () => {
    const config = loadConfig({});
    expect(config.server).toEqual({ port: 3000, host: '127.0.0.1', shutdownTimeoutMs: 10_000 });
    expect(config.store.redisUrl).toBeUndefined();
    expect(config.slack).toBeUndefined();
    expect(config.playground).toBe('auto');
    expect(config.language).toBe('ko');
    expect(config.knowledge).toEqual({ dir: 'knowledge', watch: true });
  });

  it('reports every problem at once, each naming the variable and what was expected', () => {
    const message = problemsOf({
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      KNOWLEDGE_WATCH: 'maybe',
      SLACK_MODE: 'carrier-pigeon',
    });
    expect(message).toContain('PORT must be an integer in [0, 65535], got "eighty"');
    expect(message).toContain('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"');
    expect(message).toContain('KNOWLEDGE_WATCH must be true or false, got "maybe"');
    expect(message).toContain('SLACK_MODE must be one of socket, http, got "carrier-pigeon"');
    expect(message).toContain('SLACK_BOT_TOKEN is required');
  });

  it('starts Slack in Socket Mode by default and needs the app-level token for it', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1' })).toContain('SLACK_APP_TOKEN is required with SLACK_MODE=socket');
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    expect(config.slack).toEqual({ mode: 'socket', botToken: 'xoxb-1', appToken: 'xapp-1' });
  });

  it('needs the signing secret in HTTP mode and normalises the Web API base', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_MODE: 'http' })).toContain(
      'SLACK_SIGNING_SECRET is required with SLACK_MODE=http',
    );
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_MODE: 'http',
      SLACK_SIGNING_SECRET: 's3cret',
      SLACK_API_URL: 'http://127.0.0.1:9/api',
    });
    expect(config.slack).toMatchObject({ mode: 'http', signingSecret: 's3cret', apiUrl: 'http://127.0.0.1:9/api/' });
  });

  it('rejects tokens of the wrong kind', () => {
    const message = problemsOf({ SLACK_BOT_TOKEN: 'xapp-oops', SLACK_APP_TOKEN: 'xoxb-oops' });
    expect(message).toContain('SLACK_BOT_TOKEN must be a bot token starting with "xoxb-"');
    expect(message).toContain('SLACK_APP_TOKEN must be an app-level token starting with "xapp-"');
  });

  it('refuses a REDIS_URL it cannot use without echoing its password', () => {
    const message = problemsOf({ REDIS_URL: 'http://user:hunter2@redis:6379' });
    expect(message).toContain('REDIS_URL must use');
    expect(message).not.toContain('hunter2');
    expect(problemsOf({ REDIS_URL: 'not a url :hunter2' })).not.toContain('hunter2');
  });
});

describe('redactConfig', () => {
  it('masks tokens, secrets, passwords and URL credentials', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-secret-bot',
      SLACK_APP_TOKEN: 'xapp-secret-app',
      REDIS_URL: 'redis://default:hunter2@redis:6379/0',
    });
    const text = JSON.stringify(redactConfig(config));
    for (const secret of ['xoxb-secret-bot', 'xapp-secret-app', 'hunter2']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('redis://[redacted]@redis:6379/0');
    expect(text).toContain('"mode":"socket"');
  });
});
