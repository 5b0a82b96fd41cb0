import { describe, expect, it } from 'vitest';
import { readTeamsConfig, redactTeamsConfig } from '../../../adapters/teams/teams-config.ts';

const appId = '6f0c1a7e-2b3d-4c5e-8f90-123456789abc';
const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';

describe('readTeamsConfig', () => {
  it('is off when nothing is set', () => {
    expect(readTeamsConfig({})).toBeUndefined();
  });

  it('reads a single-tenant bot', () => {
    expect(readTeamsConfig({ TEAMS_APP_ID: appId, TEAMS_APP_PASSWORD: 's3cret', TEAMS_TENANT_ID: tenant })).toEqual({
      authenticated: true,
      appId,
      appPassword: 's3cret',
      tenantId: tenant,
    });
  });

  it('turns on the unauthenticated endpoint only when explicitly asked', () => {
    expect(readTeamsConfig({ TEAMS_ALLOW_UNAUTHENTICATED: 'true' })).toEqual({
      authenticated: false,
      appId: '',
      appPassword: '',
    });
    expect(readTeamsConfig({ TEAMS_ALLOW_UNAUTHENTICATED: 'false' })).toBeUndefined();
  });

  it('reports every problem, naming the variable', () => {
    const problems: string[] = [];
    expect(
      readTeamsConfig(
        { TEAMS_APP_ID: 'my-bot', TEAMS_TENANT_ID: 'contoso', TEAMS_ALLOW_UNAUTHENTICATED: 'yes' },
        problems,
      ),
    ).toBeUndefined();
    expect(problems).toEqual([
      'TEAMS_ALLOW_UNAUTHENTICATED must be "true" or "false", got "yes"',
      'TEAMS_APP_ID must be the bot\'s Microsoft app id (a GUID), got "my-bot"',
      'TEAMS_APP_PASSWORD is missing: set it to the client secret of the app registration TEAMS_APP_ID',
      'TEAMS_TENANT_ID must be a Microsoft Entra tenant id (a GUID), got "contoso"',
    ]);
  });

  it('refuses to turn authentication off for a configured bot', () => {
    expect(() =>
      readTeamsConfig({ TEAMS_APP_ID: appId, TEAMS_APP_PASSWORD: 'x', TEAMS_ALLOW_UNAUTHENTICATED: 'true' }),
    ).toThrow(/cannot be combined with TEAMS_APP_ID/);
  });

  it('notices a password without an app id', () => {
    expect(() => readTeamsConfig({ TEAMS_APP_PASSWORD: 'x' })).toThrow(
      /TEAMS_APP_PASSWORD is set but TEAMS_APP_ID is not/,
    );
  });

  it('never shows the password when redacted', () => {
    const config = readTeamsConfig({ TEAMS_APP_ID: appId, TEAMS_APP_PASSWORD: 's3cret' });
    expect(JSON.stringify(redactTeamsConfig(config!))).not.toContain('s3cret');
  });
});
