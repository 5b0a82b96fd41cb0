import { describe, expect, it } from 'vitest';
import { secretValuesOf } from '../../../src/diagnosis/secret-values.ts';
import { REDACTED, redactSecrets } from '../../../src/redact.ts';
import { readFixture } from '../../fakes/k8s-fixtures.ts';

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
      expect(redactSecrets(`leaked ${value} here`, values)).toBe(`leaked ${REDACTED} here`);
    }
  });

  it('keeps ids that are part of the pod name readable', () => {
    const { pod } = readFixture('errimagepull-2');
    const values = secretValuesOf(pod);
    expect(values.some((v) => (pod['metadata'].name as string).includes(v))).toBe(false);
  });
});
