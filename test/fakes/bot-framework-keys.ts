/**
 * Bot Framework's token side on loopback: an OpenID configuration and a JWKS with one RSA key, and
 * tokens signed as the Bot Connector signs them (RS256, issuer https://api.botframework.com).
 */
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeBotFrameworkKeys {
  /** Give this to the adapter as `openIdMetadataUrl`. */
  readonly metadataUrl: string;
  /** A token as the channel sends it; `claims` override the defaults, `key: 'other'` signs with an unpublished key. */
  token(claims: Record<string, unknown>, options?: { key?: 'published' | 'other' }): string;
  close(): Promise<void>;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function jwt(claims: Record<string, unknown>, key: KeyObject, kid: string): string {
  const head = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64(claims)}`;
  return `${head}.${sign('sha256', Buffer.from(head), key).toString('base64url')}`;
}

export async function startFakeBotFrameworkKeys(): Promise<FakeBotFrameworkKeys> {
  const published = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = published.publicKey.export({ format: 'jwk' });
  let base = '';
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/.well-known/openidconfiguration') {
      res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${base}/v1/.well-known/keys` }));
    } else if (req.url === '/v1/.well-known/keys') {
      res.end(
        JSON.stringify({
          keys: [{ kty: 'RSA', use: 'sig', kid: 'key-1', n: jwk.n, e: jwk.e, endorsements: ['msteams'] }],
        }),
      );
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    metadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    token(claims, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const key = options.key === 'other' ? other.privateKey : published.privateKey;
      return jwt({ iss: 'https://api.botframework.com', nbf: now - 60, exp: now + 3600, ...claims }, key, 'key-1');
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
