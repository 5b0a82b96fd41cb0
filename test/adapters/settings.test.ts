import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSettings, settingVariables } from '../../adapters/settings.ts';
import { BotError } from '../../src/errors.ts';

const teamsId = '00000000-0000-4000-8000-000000000001';

describe('loadSettings', () => {
  it('with nothing configured runs the playground alone, on SQLite in ./data', () => {
    const settings = loadSettings({});
    expect(settings.playground).toBe(true);
    expect(settings.teams).toBeUndefined();
    expect(settings.slack).toBeUndefined();
    expect(settings.store).toEqual({ kind: 'sqlite', stateDir: 'data' });
    expect(settings.warnings).toEqual([]);
  });

  it('reports the problems of every reader together', () => {
    let message = '';
    try {
      loadSettings({ PORT: '-1', TEAMS_APP_ID: 'not-a-guid', SLACK_MODE: 'http', SLACK_BOT_TOKEN: 'xoxb-1' });
    } catch (err) {
      expect(err).toBeInstanceOf(BotError);
      message = (err as BotError).message;
    }
    expect(message).toContain('PORT must be an integer in [0, 65535], got "-1"');
    expect(message).toContain('TEAMS_APP_ID must be');
    expect(message).toContain('TEAMS_APP_PASSWORD is missing');
    expect(message).toContain('SLACK_SIGNING_SECRET is missing');
  });

  it('turns the playground off next to a chat platform unless PLAYGROUND=on, and warns about memory', () => {
    const teams = { TEAMS_APP_ID: teamsId, TEAMS_APP_PASSWORD: 'pw' };
    const settings = loadSettings(teams);
    expect(settings.teams).toMatchObject({ authenticated: true, appId: teamsId });
    expect(settings.playground).toBe(false);
    expect(settings.warnings).toEqual([]);
    expect(loadSettings({ ...teams, STORE: 'memory' }).warnings.join('\n')).toContain('STORE=memory: the record is');
    const both = loadSettings({ ...teams, PLAYGROUND: 'on', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(both.playground).toBe(true);
    expect(both.warnings).toEqual([]);
    expect(loadSettings({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).playground).toBe(false);
  });

  it('keeps the playground to loopback unless PLAYGROUND_ORIGIN opens it, and warns when it does', () => {
    expect(loadSettings({}).config.playgroundOrigin).toBeUndefined();
    const opened = loadSettings({ PLAYGROUND_ORIGIN: 'https://KSB.example.com/' });
    expect(opened.config.playgroundOrigin).toBe('https://ksb.example.com');
    expect(opened.warnings.join('\n')).toContain('anyone who can open it can run commands');
    expect(() => loadSettings({ PLAYGROUND_ORIGIN: 'ksb.example.com/playground' })).toThrow(
      /PLAYGROUND_ORIGIN must be an http\(s\) origin/,
    );
  });

  it('lists every variable with its default in .env.example', () => {
    const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    const listed = new Map(
      [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1] as string, (m[2] ?? '').trim()]),
    );
    for (const [name, fallback] of Object.entries(settingVariables)) {
      expect(listed.get(name), name).toBe(fallback);
    }
  });
});
