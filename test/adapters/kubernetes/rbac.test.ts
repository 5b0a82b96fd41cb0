import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createKubeClusterDirectory } from '../../../adapters/kubernetes/kube-clusters.ts';
import { runDiagnosis } from '../../../src/commands/diagnose-command.ts';
import { silentLogger } from '../../../src/log.ts';
import { type FakeApiServer, type FakeCluster, startFakeApiServer } from '../../fakes/fake-apiserver.ts';
import { clusterFromFixture, readFixture, readNodes } from '../../fakes/k8s-fixtures.ts';
import { manifests, type PolicyRule, requestAttributes, rolesIn, rulesAllow } from '../../fakes/rbac.ts';

const shipped = readdirSync('deploy')
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => rolesIn(`deploy/${f}`));
const rules: PolicyRule[] = shipped.flatMap((r) => r.rules);

/** The optional grant deploy/README.md documents, read from its YAML block. */
function optionalGrant(): { namespace: string; rules: PolicyRule[] } {
  const blocks = [...readFileSync('deploy/README.md', 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map(
    (m) => m[1] ?? '',
  );
  const role = blocks.flatMap((b) => manifests(b)).find((m) => m['kind'] === 'Role');
  return { namespace: role?.['metadata']?.namespace as string, rules: (role?.['rules'] ?? []) as PolicyRule[] };
}

const reads = ['get', 'list', 'watch', '*'];

let server: FakeApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function diagnoseAll(cluster: FakeCluster, pods: { name: string; namespace: string }[]) {
  server = await startFakeApiServer(cluster);
  const clusters = createKubeClusterDirectory({
    contexts: '*',
    inCluster: 'never',
    inClusterName: 'in-cluster',
    callTimeoutMs: 2000,
    env: { KUBECONFIG: server.kubeconfig() },
  });
  await clusters
    .reader()
    .reviewAccess(
      { user: 'alice', groups: [] },
      { verb: 'get', resource: 'pods', namespace: 'default' },
      AbortSignal.timeout(2000),
    );
  const results = [];
  for (const pod of pods) {
    results.push(
      await runDiagnosis(
        { clusters, log: silentLogger },
        { pod: pod.name, namespace: pod.namespace },
        AbortSignal.timeout(5000),
      ),
    );
  }
  await runDiagnosis(
    { clusters, log: silentLogger },
    { pod: 'missing', namespace: 'nowhere' },
    AbortSignal.timeout(5000),
  ).catch(() => undefined);
  return { results, seen: server.requests.map((r) => requestAttributes(r.method, r.url)) };
}

/** A pull failure whose pod names a pull secret that exists in its namespace. */
function pullWithSecret(): { cluster: FakeCluster; pod: { name: string; namespace: string } } {
  const { pod } = readFixture('imagepullbackoff-1');
  const namespace = pod['metadata'].namespace as string;
  return {
    pod: { name: pod['metadata'].name, namespace },
    cluster: clusterFromFixture('imagepullbackoff-1', {
      serviceAccounts: [
        { metadata: { name: pod['spec'].serviceAccountName ?? pod['spec'].serviceAccount ?? 'default', namespace } },
      ],
      secrets: [
        {
          metadata: { name: 'workspace-registry-pull-secret', namespace },
          type: 'kubernetes.io/dockerconfigjson',
          data: { '.dockerconfigjson': 'eyJhdXRocyI6e319' },
        },
      ],
    }),
  };
}

describe('deploy/', () => {
  it('grants no verb that writes', () => {
    const verbs = new Set(rules.flatMap((r) => r.verbs));
    expect([...verbs].filter((v) => !['get', 'list', 'create'].includes(v))).toEqual([]);
    // create only on subjectaccessreviews, which asks a question and stores nothing.
    expect(rules.filter((r) => r.verbs.includes('create')).flatMap((r) => r.resources)).toEqual([
      'subjectaccessreviews',
    ]);
  });

  it('grants nothing that reads a Secret', () => {
    expect(shipped.length).toBeGreaterThan(0);
    const secretRules = rules.filter(
      (r) =>
        (r.resources.includes('secrets') || r.resources.includes('*')) &&
        (r.apiGroups.includes('') || r.apiGroups.includes('*')) &&
        r.verbs.some((v) => reads.includes(v)),
    );
    expect(secretRules).toEqual([]);
  });

  it('allows every request a diagnosis makes, except the optional pull-secret check', async () => {
    const fixtures = ['crashloopbackoff-3', 'pending-insufficient-cpu-1', 'oomkilled-2', 'init-container-failure-1'];
    const pull = pullWithSecret();
    const cluster = fixtures.map((f) => clusterFromFixture(f));
    const { seen } = await diagnoseAll(
      {
        pods: [...cluster.flatMap((c) => c.pods ?? []), ...(pull.cluster.pods ?? [])],
        events: [...cluster.flatMap((c) => c.events ?? []), ...(pull.cluster.events ?? [])],
        logs: Object.assign({}, ...cluster.map((c) => c.logs), pull.cluster.logs),
        nodes: readNodes('nodes-eks-3'),
        ...(pull.cluster.secrets ? { secrets: pull.cluster.secrets } : {}),
      },
      [
        ...fixtures.map((f) => ({
          name: readFixture(f).pod['metadata'].name as string,
          namespace: readFixture(f).pod['metadata'].namespace as string,
        })),
        pull.pod,
      ],
    );
    expect(seen.length).toBeGreaterThan(10);
    const refused = seen.filter((a) => !rulesAllow(rules, a));
    expect(refused.length).toBeGreaterThan(0);
    // Only lists of one secret by name, which the documented Role can grant by resourceNames.
    for (const a of refused) expect(a).toMatchObject({ verb: 'list', resource: 'secrets', name: expect.any(String) });
    for (const resource of [
      'pods',
      'pods/log',
      'events',
      'serviceaccounts',
      'nodes',
      'namespaces',
      'subjectaccessreviews',
    ])
      expect(seen.map((a) => a.resource)).toContain(resource);
  });

  it('documents an optional Role that allows exactly those requests for the secrets it names', () => {
    const grant = optionalGrant();
    expect(grant.rules).toEqual([
      { apiGroups: [''], resources: ['secrets'], resourceNames: ['regcred'], verbs: ['list'] },
    ]);
    const byName = (name: string, type?: string) =>
      requestAttributes(
        'GET',
        `/api/v1/namespaces/${grant.namespace}/secrets?fieldSelector=${encodeURIComponent(`metadata.name=${name}${type ? `,type=${type}` : ''}`)}`,
      );
    expect(rulesAllow(grant.rules, byName('regcred'))).toBe(true);
    expect(rulesAllow(grant.rules, byName('regcred', 'kubernetes.io/dockerconfigjson'))).toBe(true);
    expect(rulesAllow(grant.rules, byName('db-password'))).toBe(false);
    expect(rulesAllow(grant.rules, requestAttributes('GET', `/api/v1/namespaces/${grant.namespace}/secrets`))).toBe(
      false,
    );
    expect(
      rulesAllow(grant.rules, requestAttributes('GET', `/api/v1/namespaces/${grant.namespace}/secrets/regcred`)),
    ).toBe(false);
  });
});

describe('a pull failure diagnosed under deploy/rbac.yaml, enforced by the API server', () => {
  it('names the attached secrets from the pod and says the kubelet found no trouble, without reading secrets', async () => {
    const pull = pullWithSecret();
    const { results, seen } = await diagnoseAll({ ...pull.cluster, authorize: (a) => rulesAllow(rules, a) }, [
      pull.pod,
    ]);
    const evidence = results[0]?.diagnosis.findings.find((f) => f.check === 'image-pull')?.evidence ?? [];
    expect(evidence).toContain(
      'imagePullSecret `workspace-registry-pull-secret` from the pod spec: no FailedToRetrieveImagePullSecret event names it (the bot does not read secrets to check further)',
    );
    expect(results[0]?.diagnosis.gaps).toEqual([]);
    expect(seen.filter((a) => a.resource === 'secrets').every((a) => a.name === 'workspace-registry-pull-secret')).toBe(
      true,
    );
  });

  it('confirms the secret and its type where the optional Role grants it', async () => {
    const pull = pullWithSecret();
    const grant: PolicyRule = {
      apiGroups: [''],
      resources: ['secrets'],
      resourceNames: ['workspace-registry-pull-secret'],
      verbs: ['list'],
    };
    const { results } = await diagnoseAll({ ...pull.cluster, authorize: (a) => rulesAllow([...rules, grant], a) }, [
      pull.pod,
    ]);
    const evidence = results[0]?.diagnosis.findings.find((f) => f.check === 'image-pull')?.evidence ?? [];
    expect(evidence).toContain(
      `imagePullSecret \`workspace-registry-pull-secret\` from the pod spec: exists in namespace \`${pull.pod.namespace}\`, type kubernetes.io/dockerconfigjson`,
    );
  });
});
