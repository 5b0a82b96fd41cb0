import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKubeClusterDirectory, loadKubeConfig } from '../../../adapters/kubernetes/kube-clusters.ts';
import { isBotError } from '../../../src/errors.ts';
import { type FakeApiServer, startFakeApiServer } from '../../fakes/fake-apiserver.ts';
import { clusterFromFixture } from '../../fakes/k8s-fixtures.ts';

let server: FakeApiServer | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

const base = { inClusterName: 'in-cluster', callTimeoutMs: 2000 } as const;

describe('cluster directory', () => {
  it('offers only the allowlisted contexts, defaulting to the current one', async () => {
    server = await startFakeApiServer({});
    const dir = createKubeClusterDirectory({
      ...base,
      contexts: ['b', 'missing'],
      inCluster: 'never',
      env: { KUBECONFIG: server.kubeconfig(['a', 'b', 'c']) },
    });
    expect(dir.clusters).toEqual(['b']);
    expect(dir.defaultCluster).toBe('b');
    expect(dir.reader('b').cluster).toBe('b');
    expect(() => dir.reader('a')).toThrow(/not allowed/);
  });

  it('offers the current context only when no allowlist is set', async () => {
    server = await startFakeApiServer({});
    const dir = createKubeClusterDirectory({
      ...base,
      contexts: undefined,
      inCluster: 'never',
      env: { KUBECONFIG: server.kubeconfig(['a', 'b']) },
    });
    expect(dir.clusters).toEqual(['a']);
  });

  it('merges every KUBECONFIG file and skips missing ones, as kubectl does', async () => {
    server = await startFakeApiServer({});
    const first = server.kubeconfig(['one']);
    const dir = mkdtempSync(join(tmpdir(), 'kc-'));
    const second = join(dir, 'second');
    writeFileSync(
      second,
      `apiVersion: v1\nkind: Config\nclusters:\n- name: other\n  cluster:\n    server: "${server.url}"\n    insecure-skip-tls-verify: true\nusers:\n- name: other\n  user: {}\ncontexts:\n- name: two\n  context:\n    cluster: other\n    user: other\ncurrent-context: two\n`,
    );
    const clusters = createKubeClusterDirectory({
      ...base,
      contexts: '*',
      inCluster: 'never',
      env: { KUBECONFIG: [join(dir, 'nope'), first, second].join(':') },
    });
    expect(clusters.clusters).toEqual(['one', 'two']);
    expect(clusters.defaultCluster).toBe('one');
  });

  it('uses the pod ServiceAccount when there is no kubeconfig, sending its token', async () => {
    server = await startFakeApiServer(clusterFromFixture('running-healthy-1'));
    const prefix = mkdtempSync(join(tmpdir(), 'sa-'));
    const sa = join(prefix, 'var/run/secrets/kubernetes.io/serviceaccount');
    mkdirSync(sa, { recursive: true });
    writeFileSync(join(sa, 'token'), 'in-cluster-token');
    writeFileSync(join(sa, 'ca.crt'), '');
    writeFileSync(join(sa, 'namespace'), 'kube-support-bot');
    vi.stubEnv('KUBERNETES_SERVICE_HOST', '127.0.0.1');
    vi.stubEnv('KUBERNETES_SERVICE_PORT', '443');
    const options = {
      ...base,
      contexts: undefined,
      inCluster: 'auto',
      env: { HOME: prefix },
      serviceAccountPrefix: prefix,
    } as const;
    const loaded = loadKubeConfig(options);
    expect(loaded.inCluster).toBe(true);
    expect(loaded.kc.getCurrentCluster()?.server).toBe('https://127.0.0.1:443');
    // The fake speaks plain http: point the in-cluster config at it (client-node needs skipTLSVerify for http).
    const cluster = loaded.kc.clusters[0]!;
    loaded.kc.clusters[0] = { ...cluster, server: server.url, skipTLSVerify: true };
    const dir = createKubeClusterDirectory(options, loaded);
    expect(dir.clusters).toEqual(['in-cluster']);
    const pod = await dir.reader().readPod('default', 'robusta-runner-6958c5bdd8-69gtn', AbortSignal.timeout(2000));
    expect(pod.metadata?.name).toBe('robusta-runner-6958c5bdd8-69gtn');
    expect(server.requests[0]?.headers.authorization).toBe('Bearer in-cluster-token');
  });

  it('refuses to start without any configuration, saying what it looked for', () => {
    const home = mkdtempSync(join(tmpdir(), 'home-'));
    try {
      loadKubeConfig({ env: { HOME: home }, inCluster: 'auto', serviceAccountPrefix: home });
      expect.unreachable();
    } catch (err) {
      expect(isBotError(err) && err.message).toMatch(/KUBECONFIG.*~\/\.kube\/config.*ServiceAccount/);
    }
  });
});
