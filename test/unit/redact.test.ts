import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets, redactValues } from '../../src/redact.ts';
import { secretLookalikes, secretSamples } from '../fakes/secret-samples.ts';

describe('redactSecrets over the table of pasted secrets', () => {
  it.each(secretSamples)('removes $family: $kind', ({ paste, secret }) => {
    const out = redactSecrets(paste);
    expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED);
  });

  it.each(secretSamples)('is idempotent on $family: $kind', ({ paste }) => {
    const once = redactSecrets(paste);
    expect(redactSecrets(once)).toBe(once);
  });

  it.each(secretLookalikes)('keeps "%s" as it is', (text) => {
    expect(redactSecrets(text)).toBe(text);
  });

  it.each([
    { why: 'key names', text: 'env DB_PASSWORD=hunter2hunter2 set', kept: 'DB_PASSWORD=' },
    { why: 'the scheme of a header', text: 'Authorization: Bearer abcdefghijklmnop', kept: 'Authorization: Bearer ' },
    { why: 'the host of a URL', text: 'dial redis://admin:pw12345@redis.shop:6379', kept: 'redis://admin:' },
    {
      why: 'the rest of a connection string',
      text: 'AccountName=shop;AccountKey=Zm9vYmFy9==;Suffix=x',
      kept: ';Suffix=x',
    },
  ])('keeps $why readable', ({ text, kept }) => {
    const out = redactSecrets(text);
    expect(out).toContain(kept);
    expect(out).toContain(REDACTED);
  });

  it('removes an API token env value echoed by a start script', () => {
    expect(redactSecrets('env GITPOD_CLI_APITOKEN=6bbf5c36-9c48 started')).not.toContain('6bbf5c36-9c48');
  });

  it('removes a private key block across lines, and one cut short', () => {
    const block = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0vx\nabc\n-----END RSA PRIVATE KEY-----\nnext line';
    expect(redactSecrets(block)).toBe(`${REDACTED}\nnext line`);
    expect(redactSecrets('-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg')).toBe(REDACTED);
  });

  it('removes literal values read from the pod wherever they appear', () => {
    expect(redactSecrets('started with s3cret-value-123 in argv', ['s3cret-value-123'])).toBe(
      `started with ${REDACTED} in argv`,
    );
  });
});

describe('redactValues', () => {
  it('replaces strings under secret-named keys and redacts every other string, at any depth', () => {
    const out = redactValues({
      slack: { botToken: 'xoxb-anything', signingSecret: 'abc' },
      teams: { appPassword: 'p' },
      store: { redisUrl: 'redis://default:hunter2@redis:6379/0' },
      outcome: 'failed: Bearer Zm9vYmFyYmF6MTIz rejected',
      list: ['ok', 'ghp_16C7e42F292c6912E7710c838347Ae178B4a'],
      count: 3,
      empty: { token: '' },
    });
    expect(out).toEqual({
      slack: { botToken: REDACTED, signingSecret: REDACTED },
      teams: { appPassword: REDACTED },
      store: { redisUrl: `redis://default:${REDACTED}@redis:6379/0` },
      outcome: `failed: Bearer ${REDACTED} rejected`,
      list: ['ok', REDACTED],
      count: 3,
      empty: { token: '' },
    });
  });

  it('leaves errors, dates and other objects to their own serializers', () => {
    const err = new Error('x');
    const at = new Date(0);
    const out = redactValues({ err, at });
    expect(out.err).toBe(err);
    expect(out.at).toBe(at);
  });
});
