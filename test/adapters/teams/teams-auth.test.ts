/**
 * Token verification with credentials configured: Bot Framework's signing keys are served on loopback, so
 * the SDK's real checks (signature, issuer, audience, expiry, service URL) run without leaving the machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../../src/bot-api.ts';
import { silentLogger } from '../../../src/log.ts';
import type { IncomingMessage } from '../../../src/message.ts';
import { type FakeConnector, startFakeConnector } from '../../fakes/bot-connector.ts';
import { type FakeBotFrameworkKeys, startFakeBotFrameworkKeys } from '../../fakes/bot-framework-keys.ts';
import { channelMessage, tenantId } from './activities.ts';
import { startTeamsServer, type TeamsServer } from './teams-server.ts';

const appId = '6f0c1a7e-2b3d-4c5e-8f90-123456789abc';

describe('Teams with credentials configured', () => {
  let keys: FakeBotFrameworkKeys;
  let connector: FakeConnector;
  let server: TeamsServer;
  const seen: IncomingMessage[] = [];
  // Silent, so an accepted turn sends nothing (sending would ask Entra ID for a token).
  const bot: Bot = {
    async handle(message) {
      seen.push(message);
      return undefined;
    },
    command: () => ({ result: Promise.reject(new Error('unexpected')) }),
    action: async () => ({}),
    reaction: async () => {},
  };

  beforeAll(async () => {
    keys = await startFakeBotFrameworkKeys();
    connector = await startFakeConnector();
    server = await startTeamsServer({
      bot,
      config: { authenticated: true, appId, appPassword: 'secret', tenantId, openIdMetadataUrl: keys.metadataUrl },
      log: silentLogger,
    });
  });
  afterAll(async () => {
    await server.close();
    await connector.close();
    await keys.close();
  });

  const activity = () => channelMessage('lunch?', { serviceUrl: connector.url });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('accepts a token signed with Bot Framework’s key for this bot', async () => {
    const a = activity();
    const response = await server.post(a, bearer(keys.token({ aud: appId, serviceurl: connector.url })));
    expect(response.status).toBe(200);
    expect(seen.map((m) => m.id)).toContain(a.id);
  });

  it.each([
    { why: 'no token at all', headers: () => ({}) },
    { why: 'a token that is not a JWT', headers: () => bearer('not-a-jwt') },
    {
      why: 'a token signed with another key',
      headers: () => bearer(keys.token({ aud: appId, serviceurl: connector.url }, { key: 'other' })),
    },
    {
      why: 'a token for another bot',
      headers: () => bearer(keys.token({ aud: '00000000-0000-0000-0000-000000000000', serviceurl: connector.url })),
    },
    {
      why: 'an expired token',
      headers: () => bearer(keys.token({ aud: appId, serviceurl: connector.url, nbf: 1, exp: 1000 })),
    },
    {
      why: 'a token from another issuer',
      headers: () => bearer(keys.token({ aud: appId, iss: 'https://evil.example' })),
    },
  ])('refuses $why with 401 and runs no turn', async ({ headers }) => {
    const a = activity();
    const response = await server.post(a, headers());
    expect(response.status).toBe(401);
    expect(seen.map((m) => m.id)).not.toContain(a.id);
    expect(connector.calls).toEqual([]);
  });
});
