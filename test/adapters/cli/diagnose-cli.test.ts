import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeApiServer, type FakeCluster, startFakeApiServer } from '../../fakes/fake-apiserver.ts';
import { clusterFromFixture } from '../../fakes/k8s-fixtures.ts';

let server: FakeApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Runs `npm run -s cli -- diagnose …` as a user would: the real entry point, a real kubeconfig. */
function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', 'adapters/cli/main.ts', 'diagnose', ...args],
      {
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: mkdtempSync(join(tmpdir(), 'home-')),
          BOT_LANGUAGE: 'en',
          ...env,
        },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function serve(cluster: FakeCluster) {
  server = await startFakeApiServer(cluster);
  return server;
}

// Each case starts a Node process that loads the knowledge: give a busy machine room.
describe('npm run -s cli -- diagnose', { timeout: 90_000 }, () => {
  it('prints exactly the documented JSON, reading KUBECONFIG', async () => {
    const s = await serve(clusterFromFixture('crashloopbackoff-3'));
    const out = await cli(['pod', 'frontend-service', '-n', 'default', '--json'], { KUBECONFIG: s.kubeconfig() });
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(Object.keys(json)).toEqual(['pod', 'namespace', 'phase', 'findings']);
    expect(json).toMatchObject({ pod: 'frontend-service', namespace: 'default', phase: 'Running' });
    expect(Object.keys(json.findings[0])).toEqual(['check', 'severity', 'summary', 'evidence', 'sections']);
    expect(json.findings[0]).toMatchObject({ check: 'crash-loop', severity: 'critical' });
    expect(Object.keys(json.findings[0].sections[0])).toEqual(['id', 'source', 'lines', 'title']);
  });

  it('prints empty findings for a healthy pod, using ~/.kube/config when KUBECONFIG is unset', async () => {
    const s = await serve(clusterFromFixture('running-healthy-1'));
    const home = join(s.kubeconfig(), '..');
    const { mkdirSync, copyFileSync } = await import('node:fs');
    mkdirSync(join(home, '.kube'), { recursive: true });
    copyFileSync(s.kubeconfig(), join(home, '.kube', 'config'));
    const out = await cli(['pod', 'robusta-runner-6958c5bdd8-69gtn', '--json'], { HOME: home });
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({
      pod: 'robusta-runner-6958c5bdd8-69gtn',
      namespace: 'default',
      phase: 'Running',
      findings: [],
    });
  });

  it('notes an OOMKill long ago on a pod running since, with when and the limit, and calls the pod healthy', async () => {
    const s = await serve(clusterFromFixture('oomkilled-long-ago-1'));
    const pod = 'robusta-runner-6958c5bdd8-69gtn';
    const json = await cli(['pod', pod, '--json'], { KUBECONFIG: s.kubeconfig() });
    expect(json.code).toBe(0);
    const findings = JSON.parse(json.stdout).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ check: 'oom-killed', severity: 'info', sections: [] });
    expect(findings[0].summary).toMatch(
      /^Last restart of container `runner`: OOMKilled at 2024-11-12T03:41:26Z \(\d+y\d+d ago\), limit 1Gi; running since\.$/,
    );
    expect(findings[0].evidence).toContain('memory limit: 1Gi; request: 1Gi');

    const text = await cli(['pod', pod], { KUBECONFIG: s.kubeconfig(), BOT_LANGUAGE: 'en' });
    expect(text.stdout).toMatch(/^Pod robusta-runner-6958c5bdd8-69gtn is healthy\n/);
    expect(text.stdout).toContain('ℹ️ info: Last restart of container `runner`: OOMKilled at 2024-11-12T03:41:26Z');
  });

  it('prints the reply as text, with the context chosen by --context', async () => {
    const s = await serve(clusterFromFixture('crashloopbackoff-1'));
    const out = await cli(['pod', 'my-pod', '-n', 'argocd', '--context', 'second'], {
      KUBECONFIG: s.kubeconfig(['first', 'second']),
    });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('pod my-pod · namespace argocd · cluster second');
    expect(out.stdout).toContain('exits with code 1');
  });

  it('exits 1 with a clear message for a pod that does not exist', async () => {
    const s = await serve(clusterFromFixture('crashloopbackoff-1'));
    const out = await cli(['pod', 'my-pdo', '-n', 'argocd'], { KUBECONFIG: s.kubeconfig() });
    expect(out.code).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain('Pod my-pdo was not found in namespace argocd of cluster fake. Did you mean my-pod?');
  });

  it('prints a failure as JSON with --json, in the language asked for', async () => {
    const s = await serve(clusterFromFixture('crashloopbackoff-1'));
    const out = await cli(['pod', 'my-pdo', '-n', 'argocd', '--json', '--language', 'ko'], {
      KUBECONFIG: s.kubeconfig(),
    });
    expect(out.code).toBe(1);
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout)).toEqual({
      error: { code: 'not_found', message: expect.stringMatching(/my-pdo.*my-pod/) },
    });
    expect(JSON.parse(out.stdout).error.message).toMatch(/[가-힣]/);
  });

  it('exits 1 for an unknown context', async () => {
    const s = await serve({});
    const out = await cli(['pod', 'x', '--context', 'nope'], { KUBECONFIG: s.kubeconfig() });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('Unknown context nope. Allowed: fake.');
  });

  it('exits 2 with the usage for a malformed command', async () => {
    const out = await cli(['deployment', 'web'], {});
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('only pods can be diagnosed');
    expect(out.stderr).toContain('usage: npm run -s cli -- diagnose pod <name>');
  });

  it('exits 1 and says so when there is no kubeconfig at all', async () => {
    const out = await cli(['pod', 'x'], { KUBE_IN_CLUSTER: 'false' });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('no Kubernetes configuration');
  });
});
