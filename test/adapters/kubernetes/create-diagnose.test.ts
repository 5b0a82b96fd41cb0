import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiagnoseFromConfig } from '../../../adapters/kubernetes/create-diagnose.ts';
import { readDiagnosisConfig } from '../../../src/diagnosis/diagnosis-config.ts';
import { silentLogger } from '../../../src/log.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import { type FakeApiServer, startFakeApiServer } from '../../fakes/fake-apiserver.ts';
import { clusterFromFixture } from '../../fakes/k8s-fixtures.ts';

let server: FakeApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('createDiagnoseFromConfig', () => {
  it('builds a working /diagnose from the environment', async () => {
    server = await startFakeApiServer(clusterFromFixture('oomkilled-2'));
    const env = {
      KUBECONFIG: server.kubeconfig(['prod']),
      DIAGNOSE_CHANNELS: 'prod=C1',
      DIAGNOSE_NAMESPACES: 'prod=message-oomkill-pod',
      DIAGNOSE_USERS: '{"U1": "alice"}',
    };
    const { command, warning } = createDiagnoseFromConfig({
      config: readDiagnosisConfig(env),
      env,
      store: new MemoryStore(),
      log: silentLogger,
    });
    expect(warning).toBeUndefined();
    const reply = await command!.run(
      {
        name: 'diagnose',
        args: 'pod oom-kill-job3-gbb89 -n message-oomkill-pod',
        platform: 'slack',
        conversationId: 'C1',
        userId: 'U1',
      },
      AbortSignal.timeout(10_000),
    );
    expect(reply.text).toContain('was OOMKilled: it hit its memory limit of 100Mi');
  });

  it('disables diagnose with a warning when there is no Kubernetes configuration', () => {
    const env = { HOME: mkdtempSync(join(tmpdir(), 'home-')), KUBE_IN_CLUSTER: 'false' };
    const result = createDiagnoseFromConfig({
      config: readDiagnosisConfig(env),
      env,
      store: new MemoryStore(),
      log: silentLogger,
    });
    expect(result.command).toBeUndefined();
    expect(result.warning).toMatch(/diagnose disabled: no Kubernetes configuration/);
  });

  it('warns when no chat user is mapped', async () => {
    server = await startFakeApiServer({});
    const env = { KUBECONFIG: server.kubeconfig() };
    const result = createDiagnoseFromConfig({
      config: readDiagnosisConfig(env),
      env,
      store: new MemoryStore(),
      log: silentLogger,
    });
    expect(result.command).toBeDefined();
    expect(result.warning).toMatch(/DIAGNOSE_USERS is empty/);
  });

  it('collects config problems with the other readers when asked', () => {
    const problems: string[] = [];
    readDiagnosisConfig({ DIAGNOSE_BUDGET_MS: 'soon' }, problems);
    expect(problems).toEqual([
      'DIAGNOSE_BUDGET_MS must be a whole number of milliseconds in [500, 120000], got "soon"',
    ]);
  });
});
