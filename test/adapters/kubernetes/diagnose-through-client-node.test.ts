import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { createKubeClusterReader } from '../../../adapters/kubernetes/kube-cluster-reader.ts';
import { diagnose } from '../../../src/diagnosis/diagnose.ts';
import { gatherPodSnapshot } from '../../../src/diagnosis/snapshot.ts';
import { silentLogger } from '../../../src/log.ts';
import { type FakeApiServer, type FakeCluster, startFakeApiServer } from '../../fakes/fake-apiserver.ts';
import { clusterFromFixture, readFixture, readNodes } from '../../fakes/k8s-fixtures.ts';

let server: FakeApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function diagnoseFixture(fixture: string, extra: FakeCluster = {}, nowIso?: string) {
  server = await startFakeApiServer(clusterFromFixture(fixture, extra));
  const kc = new KubeConfig();
  kc.loadFromFile(server.kubeconfig());
  const reader = createKubeClusterReader(kc, 'fake', { timeoutMs: 2000 });
  const { pod } = readFixture(fixture);
  const snapshot = await gatherPodSnapshot(reader, pod['metadata'].namespace, pod['metadata'].name, {
    signal: AbortSignal.timeout(5000),
    log: silentLogger,
    ...(nowIso ? { nowMs: Date.parse(nowIso) } : {}),
  });
  return diagnose(snapshot, silentLogger);
}

describe('each fixture state yields its finding, read through client-node from a fake API server', () => {
  it.each([
    {
      why: 'a registry host that does not resolve is a network pull failure',
      fixture: 'errimagepull-2',
      check: 'image-pull',
      text: /cannot reach the registry/,
    },
    {
      why: 'no available registry endpoint behind BackOff events is a network pull failure',
      fixture: 'imagepullbackoff-1',
      check: 'image-pull',
      text: /cannot reach the registry reg\.gitpod\.io:227/,
    },
    {
      why: 'unauthorized in an older event, after BackOff events, is an authentication failure',
      fixture: 'imagepull-unauthorized-1',
      check: 'image-pull',
      text: /refused .* without valid credentials/,
    },
    {
      why: 'exit 1 in CrashLoopBackOff is an application error',
      fixture: 'crashloopbackoff-1',
      check: 'crash-loop',
      text: /CrashLoopBackOff: it exits with code 1/,
    },
    {
      why: 'exit 255 with exec format error names the wrong CPU architecture',
      fixture: 'crashloopbackoff-3',
      check: 'crash-loop',
      text: /exits with code 255 — "exec \/usr\/local\/bin\/stress: exec format error"/,
    },
    {
      why: 'an OOMKilled Job container names the limit it hit',
      fixture: 'oomkilled-2',
      check: 'oom-killed',
      text: /memory limit of 100Mi/,
    },
    {
      why: 'a nodeSelector that matches no node is named',
      fixture: 'pending-failedscheduling-2',
      check: 'scheduling',
      text: /nodeSelector not-existing=not-existing matches no node/,
      extra: { nodes: readNodes('nodes-kind-1') },
    },
    {
      why: 'Insufficient cpu while the pod fits a node means other pods hold the capacity',
      fixture: 'pending-insufficient-cpu-1',
      check: 'scheduling',
      text: /Insufficient cpu on the nodes/,
      extra: { nodes: readNodes('nodes-eks-3') },
    },
    {
      why: 'a hostPath mount failure keeps containers from being created',
      fixture: 'containercreating-failedmount-2',
      check: 'container-creating',
      text: /`vol-this-workspace`\) cannot be mounted/,
    },
    {
      why: 'failed to allocate for range means the pod IP range is used up',
      fixture: 'failedcreatepodsandbox-allocate-1',
      check: 'container-creating',
      text: /pod IP range is used up/,
    },
    {
      why: 'a missing config map is named with the env var that needs it',
      fixture: 'createcontainerconfigerror-1',
      check: 'config-error',
      text: /ConfigMap `some-cm` does not exist/,
    },
    { why: 'DiskPressure eviction names the pressure', fixture: 'evicted-1', check: 'evicted', text: /low on disk/ },
    {
      why: 'an init container with a typo in its command blocks the pod',
      fixture: 'init-container-failure-1',
      check: 'init-containers',
      text: /init container `downloader` fails \(exit code 128, StartError\)/,
    },
    {
      why: 'a readiness probe that keeps failing keeps the pod out of Services',
      fixture: 'readiness-probe-failing-1',
      check: 'probes',
      text: /Readiness probe of container `workspace` failed 604 times/,
    },
  ])('$why ($fixture)', async ({ fixture, check, text, extra }) => {
    const d = await diagnoseFixture(fixture, extra);
    expect(d.findings.map((f) => f.check)).toContain(check);
    const finding = d.findings.find((f) => f.check === check);
    expect(finding?.summary).toMatch(text);
    expect(finding?.evidence.length).toBeGreaterThan(0);
    expect(d.failedChecks).toEqual([]);
  });

  it.each([
    { why: 'a running, ready pod has no findings', fixture: 'running-healthy-1' },
    { why: 'a running, ready Windows pod has no findings', fixture: 'windows-node-1' },
  ])('$why', async ({ fixture }) => {
    const d = await diagnoseFixture(fixture);
    expect(d.findings).toEqual([]);
    expect(d.summary.ready).toBe(true);
  });
});
