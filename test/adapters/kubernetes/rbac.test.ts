import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { createKubeClusterDirectory } from '../../../adapters/kubernetes/kube-clusters.ts';
import { runDiagnosis } from '../../../src/commands/diagnose-command.ts';
import { silentLogger } from '../../../src/log.ts';
import { type FakeApiServer, startFakeApiServer } from '../../fakes/fake-apiserver.ts';
import { clusterFromFixture, readFixture, readNodes } from '../../fakes/k8s-fixtures.ts';

interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

const docs = parseAllDocuments(readFileSync('deploy/rbac.yaml', 'utf8')).map((d) => d.toJS());
const role = docs.find((d) => d.kind === 'ClusterRole');
const rules: Rule[] = role.rules;

/** The RBAC attributes of an API request, as the API server derives them. */
function attributes(method: string, url: string): { verb: string; group: string; resource: string } {
  const path = url.split('?')[0] ?? '';
  const parts = path.split('/').filter(Boolean);
  const core = parts[0] === 'api';
  const group = core ? '' : (parts[1] ?? '');
  let rest = parts.slice(core ? 2 : 3);
  if (rest[0] === 'namespaces' && rest.length > 2) rest = rest.slice(2);
  const [resource = '', name, sub] = rest;
  const verb = method === 'POST' ? 'create' : name === undefined ? 'list' : 'get';
  return { verb, group, resource: sub ? `${resource}/${sub}` : resource };
}

const allowed = (a: { verb: string; group: string; resource: string }) =>
  rules.some((r) => r.apiGroups.includes(a.group) && r.resources.includes(a.resource) && r.verbs.includes(a.verb));

let server: FakeApiServer | undefined;
afterAll(async () => {
  await server?.close();
});

describe('deploy/rbac.yaml', () => {
  it('grants no verb that writes', () => {
    const verbs = new Set(rules.flatMap((r) => r.verbs));
    expect([...verbs].filter((v) => !['get', 'list', 'create'].includes(v))).toEqual([]);
    // create only on subjectaccessreviews, which asks a question and stores nothing.
    expect(rules.filter((r) => r.verbs.includes('create')).flatMap((r) => r.resources)).toEqual([
      'subjectaccessreviews',
    ]);
  });

  it('allows every request a diagnosis makes', async () => {
    const fixtures = [
      'imagepullbackoff-1',
      'crashloopbackoff-3',
      'pending-insufficient-cpu-1',
      'oomkilled-2',
      'init-container-failure-1',
    ];
    const cluster = fixtures.map((f) => clusterFromFixture(f));
    server = await startFakeApiServer({
      pods: cluster.flatMap((c) => c.pods ?? []),
      events: cluster.flatMap((c) => c.events ?? []),
      logs: Object.assign({}, ...cluster.map((c) => c.logs)),
      nodes: readNodes('nodes-eks-3'),
    });
    const clusters = createKubeClusterDirectory({
      contexts: '*',
      inCluster: 'never',
      inClusterName: 'in-cluster',
      callTimeoutMs: 2000,
      env: { KUBECONFIG: server.kubeconfig() },
    });
    const reader = clusters.reader();
    await reader.reviewAccess(
      { user: 'alice', groups: [] },
      { verb: 'get', resource: 'pods', namespace: 'default' },
      AbortSignal.timeout(2000),
    );
    for (const f of fixtures) {
      const { pod } = readFixture(f);
      await runDiagnosis(
        { clusters, log: silentLogger },
        { pod: pod['metadata'].name, namespace: pod['metadata'].namespace },
        AbortSignal.timeout(5000),
      );
    }
    await runDiagnosis(
      { clusters, log: silentLogger },
      { pod: 'missing', namespace: 'nowhere' },
      AbortSignal.timeout(5000),
    ).catch(() => undefined);
    const seen = server.requests.map((r) => attributes(r.method, r.url));
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.filter((a) => !allowed(a))).toEqual([]);
    for (const resource of [
      'pods',
      'pods/log',
      'events',
      'secrets',
      'serviceaccounts',
      'nodes',
      'namespaces',
      'subjectaccessreviews',
    ])
      expect(seen.map((a) => a.resource)).toContain(resource);
  });
});
