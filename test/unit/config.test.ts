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
  it('has a default for everything', () => {
    const config = loadConfig({});
    expect(config.server).toEqual({ port: 3000, host: '127.0.0.1', shutdownTimeoutMs: 10_000, maxInFlight: 256 });
    expect(config.playground).toBe('auto');
    expect(config.language).toBe('ko');
    expect(config.knowledge).toEqual({ dir: 'knowledge', watch: true });
  });

  it('reports every problem at once, each naming the variable and what was expected', () => {
    const message = problemsOf({
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      KNOWLEDGE_WATCH: 'maybe',
      PLAYGROUND: 'sometimes',
    });
    expect(message).toContain('PORT must be an integer in [0, 65535], got "eighty"');
    expect(message).toContain('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"');
    expect(message).toContain('KNOWLEDGE_WATCH must be true or false, got "maybe"');
    expect(message).toContain('PLAYGROUND must be one of auto, on, off, got "sometimes"');
  });
});

describe('redactConfig', () => {
  it('masks tokens, secrets, passwords and URL credentials at any depth', () => {
    const redacted = redactConfig({
      slack: { botToken: 'xoxb-secret-bot', appToken: 'xapp-secret-app', signingSecret: 'sig', mode: 'socket' },
      teams: { appId: 'app', appPassword: 'teams-password' },
      handoff: { redisUrl: 'redis://default:hunter2@redis:6379/0', schedules: [{ channel: 'C1' }] },
    });
    const text = JSON.stringify(redacted);
    for (const secret of ['xoxb-secret-bot', 'xapp-secret-app', '"sig"', 'hunter2', 'teams-password']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('redis://default:[redacted]@redis:6379/0');
    expect(text).toContain('"mode":"socket"');
    expect(text).toContain('"appId":"app"');
  });
});
