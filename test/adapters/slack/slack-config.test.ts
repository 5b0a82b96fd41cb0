import { describe, expect, it } from 'vitest';
import { readSlackConfig, redactSlackConfig } from '../../../adapters/slack/slack-config.ts';

describe('readSlackConfig', () => {
  it('is undefined when Slack is not configured', () => {
    expect(readSlackConfig({ PORT: '8080' })).toBeUndefined();
  });

  it('defaults to Socket Mode on Slack itself', () => {
    expect(readSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).toEqual({
      mode: 'socket',
      botToken: 'xoxb-1',
      appToken: 'xapp-1',
      apiUrl: 'https://slack.com/api/',
      port: 3000,
    });
  });

  it('reads HTTP mode with its signing secret, port and API base', () => {
    expect(
      readSlackConfig({
        SLACK_MODE: 'http',
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: 's',
        SLACK_API_URL: 'http://127.0.0.1:9/api',
        PORT: '8080',
      }),
    ).toEqual({ mode: 'http', botToken: 'xoxb-1', signingSecret: 's', apiUrl: 'http://127.0.0.1:9/api/', port: 8080 });
  });

  it('names every wrong or missing value at once', () => {
    const problems: string[] = [];
    expect(
      readSlackConfig(
        { SLACK_MODE: 'webhook', SLACK_BOT_TOKEN: 'xoxp-1', SLACK_API_URL: 'slack', PORT: 'abc' },
        problems,
      ),
    ).toBeUndefined();
    expect(problems).toEqual([
      'SLACK_MODE must be "socket" or "http", got "webhook"',
      'SLACK_BOT_TOKEN must be a bot token starting with "xoxb-"',
      'SLACK_API_URL must be an http(s) URL such as https://slack.com/api/, got "slack"',
      'PORT must be a port number (1-65535), got "abc"',
    ]);
    expect(() => readSlackConfig({ SLACK_MODE: 'http', SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(
      /SLACK_SIGNING_SECRET is missing/,
    );
    expect(() => readSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_APP_TOKEN is missing/);
  });

  it('redacts its secrets for logs', () => {
    const config = readSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-secret', SLACK_APP_TOKEN: 'xapp-secret' })!;
    expect(JSON.stringify(redactSlackConfig(config))).not.toContain('secret');
  });
});
