import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createKubeClusterReader } from '../../../adapters/kubernetes/kube-cluster-reader.ts';
import { diagnose } from '../../../src/diagnosis/diagnose.ts';
import { linkSections } from '../../../src/diagnosis/link-sections.ts';
import { gatherPodSnapshot } from '../../../src/diagnosis/snapshot.ts';
import { silentLogger } from '../../../src/log.ts';
import { loadMatcher } from '../../../src/matching/load-matcher.ts';
import type { Matcher } from '../../../src/matching/matcher.ts';
import { type FakeApiServer, type FakeCluster, startFakeApiServer } from '../../fakes/fake-apiserver.ts';
import { clusterFromFixture, readFixture, readNodes } from '../../fakes/k8s-fixtures.ts';

let matcher: Matcher;
beforeAll(async () => {
  matcher = (await loadMatcher('knowledge')).matcher;
});

let server: FakeApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Each fixture through client-node, the checks and the real corpus matcher. */
async function linked(fixture: string, extra: FakeCluster = {}) {
  server = await startFakeApiServer(clusterFromFixture(fixture, extra));
  const kc = new KubeConfig();
  kc.loadFromFile(server.kubeconfig());
  const { pod } = readFixture(fixture);
  const snapshot = await gatherPodSnapshot(
    createKubeClusterReader(kc, 'fake'),
    pod['metadata'].namespace,
    pod['metadata'].name,
    {
      signal: AbortSignal.timeout(5000),
      log: silentLogger,
    },
  );
  return linkSections(diagnose(snapshot, silentLogger).findings, matcher);
}

describe('findings carry the corpus section that documents their fix', () => {
  it.each([
    {
      why: 'an unauthorized pull gets the ImagePullBackOff/authorization section',
      fixture: 'imagepull-unauthorized-1',
      check: 'image-pull',
      // The clusters guide's section, or the ImagePullBackOff page that republishes it (with an English original).
      section:
        /^ibm-cloud\/(?:kubernetes-service-clusters#ts_image_pull|imagepullbackoff#imagepullbackoff-또는-인증-오류로)/,
    },
    {
      why: 'a crash loop gets the "pod restarts keep failing" section',
      fixture: 'crashloopbackoff-3',
      check: 'crash-loop',
      section: 'ibm-cloud/kubernetes-service-clusters#pods_fail',
    },
    {
      why: 'an OOMKilled container gets the section that explains OOM Killed',
      fixture: 'oomkilled-2',
      check: 'oom-killed',
      section: 'ibm-cloud/kubernetes-service-clusters#pods_fail',
    },
    {
      why: 'an eviction gets the "pod removed unexpectedly" section',
      fixture: 'evicted-1',
      check: 'evicted',
      section: 'ibm-cloud/kubernetes-service-clusters#pods_fail',
    },
    {
      why: 'failed to allocate for range gets the Windows IP range section',
      fixture: 'failedcreatepodsandbox-allocate-1',
      check: 'container-creating',
      section: /^microsoft\/windows-kubernetes-common-problems#/,
    },
    {
      why: 'a missing config map gets the runbook',
      fixture: 'createcontainerconfigerror-1',
      check: 'config-error',
      section: 'runbooks/configmap-key-missing#configmap-key-missing',
    },
    {
      why: 'Insufficient cpu gets the "pod stays pending" section',
      fixture: 'pending-insufficient-cpu-1',
      check: 'scheduling',
      section: 'ibm-cloud/kubernetes-service-clusters#cs_pods_pending',
      extra: { nodes: readNodes('nodes-eks-3') },
    },
  ])('$why', async ({ fixture, check, section, extra }) => {
    const found = (await linked(fixture, extra)).find((l) => l.finding.check === check);
    expect(found?.sections[0]?.id).toMatch(
      section instanceof RegExp ? section : new RegExp(`^${section.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`),
    );
    expect(found?.sections[0]?.steps.length).toBeGreaterThan(0);
  });

  it.each([
    {
      why: 'a hostPath mount failure, which the corpus does not cover',
      fixture: 'containercreating-failedmount-2',
      check: 'container-creating',
    },
    {
      why: 'a nodeSelector that matches no node, which the corpus does not cover',
      fixture: 'pending-failedscheduling-2',
      check: 'scheduling',
      extra: { nodes: readNodes('nodes-kind-1') },
    },
    {
      why: 'a failing readiness probe, which the corpus does not cover',
      fixture: 'readiness-probe-failing-1',
      check: 'probes',
    },
  ])('links nothing for $why', async ({ fixture, check, extra }) => {
    const found = (await linked(fixture, extra)).find((l) => l.finding.check === check);
    expect(found).toBeDefined();
    expect(found?.sections).toEqual([]);
  });
});
