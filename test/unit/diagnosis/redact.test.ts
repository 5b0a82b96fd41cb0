import { describe, expect, it } from 'vitest';
import { REDACTED, redactText, secretValuesOf } from '../../../src/diagnosis/redact.ts';
import { readFixture } from '../../fakes/k8s-fixtures.ts';

describe('redactText', () => {
  it.each([
    {
      why: 'bearer tokens in a log line',
      text: 'GET /api Authorization: Bearer abcdef0123456789xyz',
      gone: 'abcdef0123456789xyz',
    },
    {
      why: 'a password passed as key=value',
      text: 'connecting with DB_PASSWORD=hunter2hunter2 to db:5432',
      gone: 'hunter2hunter2',
    },
    {
      why: 'an API token env var echoed by a start script',
      text: 'env GITPOD_CLI_APITOKEN=6bbf5c36-9c48 started',
      gone: '6bbf5c36-9c48',
    },
    {
      why: 'registry auth in a docker config',
      text: '{"auths":{"us.icr.io":{"auth":"aWFtYXBpa2V5OnNlY3JldA=="}}}',
      gone: 'aWFtYXBpa2V5OnNlY3JldA==',
    },
    {
      why: 'a .dockerconfigjson value',
      text: '.dockerconfigjson: eyJhdXRocyI6eyJyZWdpc3RyeSI6e319fQ==',
      gone: 'eyJhdXRocyI6eyJyZWdpc3RyeSI6e319fQ==',
    },
    {
      why: 'a JWT service account token',
      text: 'token eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJzeXN0ZW0ifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ used',
      gone: 'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ',
    },
    {
      why: 'a password inside a connection URL',
      text: 'dial postgres://app:s3cr3tpw@db.shop:5432/app failed',
      gone: 's3cr3tpw',
    },
    { why: 'a JSON password field', text: '{"user":"app","password":"pa55word!"}', gone: 'pa55word!' },
  ])('removes $why', ({ text, gone }) => {
    const out = redactText(text);
    expect(out).not.toContain(gone);
    expect(out).toContain(REDACTED);
  });

  it.each([
    'unauthorized: authentication required',
    'failed to fetch oauth token: unexpected status: 401 Unauthorized',
    'Readiness probe failed: HTTP probe failed with statuscode: 404',
    'configmap "some-cm" not found',
  ])('keeps the error wording in "%s"', (text) => {
    expect(redactText(text)).toBe(text);
  });

  it('removes literal secret values wherever they appear', () => {
    expect(redactText('started with s3cret-value-123 in argv', ['s3cret-value-123'])).toBe(
      `started with ${REDACTED} in argv`,
    );
  });
});

describe('secretValuesOf: the dead API tokens the fixtures carry in env values', () => {
  it.each([
    { fixture: 'imagepullbackoff-1', names: ['GITPOD_CLI_APITOKEN', 'THEIA_SUPERVISOR_TOKEN'] },
    { fixture: 'errimagepull-2', names: ['GITPOD_CLI_APITOKEN'] },
    { fixture: 'containercreating-failedmount-2', names: ['GITPOD_CLI_APITOKEN', 'GITPOD_WSSYNC_APITOKEN'] },
  ])('collects the token env values of $fixture', ({ fixture, names }) => {
    const { pod } = readFixture(fixture);
    const values = secretValuesOf(pod);
    // biome-ignore lint/suspicious/noExplicitAny: raw fixture JSON
    const env = pod['spec'].containers.flatMap((c: any) => c.env ?? []);
    for (const name of names) {
      // biome-ignore lint/suspicious/noExplicitAny: raw fixture JSON
      const value = env.find((e: any) => e.name === name)?.value as string;
      expect(value.length).toBeGreaterThan(6);
      expect(values).toContain(value);
      expect(redactText(`leaked ${value} here`, values)).toBe(`leaked ${REDACTED} here`);
    }
  });

  it('keeps ids that are part of the pod name readable', () => {
    const { pod } = readFixture('errimagepull-2');
    const values = secretValuesOf(pod);
    expect(values.some((v) => (pod['metadata'].name as string).includes(v))).toBe(false);
  });
});
