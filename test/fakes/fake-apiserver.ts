import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RequestAttributes, requestAttributes } from './rbac.ts';

/** Raw API objects as JSON (timestamps are strings on the wire, as from a real API server). */
// biome-ignore lint/suspicious/noExplicitAny: fixtures are raw JSON API objects of many kinds
type Obj = Record<string, any>;

export interface FakeCluster {
  pods?: Obj[];
  events?: Obj[];
  /** Keyed "namespace/pod/container" (current) or "namespace/pod/container/previous". */
  logs?: Record<string, string>;
  nodes?: Obj[];
  namespaces?: string[];
  serviceAccounts?: Obj[];
  /** Full secrets: the fake strips them to metadata when asked for PartialObjectMetadataList, as the API server does. */
  secrets?: Obj[];
  pvcs?: Obj[];
  priorityClasses?: Obj[];
  replicaSets?: Obj[];
  jobs?: Obj[];
  /** SubjectAccessReview answer for a spec; default: allowed. */
  review?: (spec: Obj) => { allowed: boolean; reason?: string };
  /** RBAC for the bot's own account: a request it does not allow is refused 403, as the API server does. */
  authorize?: (attributes: RequestAttributes) => boolean;
  /** Return a status to force for a request (403, 500…), or "hang" to never answer. */
  fault?: (req: { method: string; path: string; query: URLSearchParams }) => number | 'hang' | undefined;
}

export interface FakeApiServer {
  readonly url: string;
  /** Every request seen: method, path with query, headers. */
  readonly requests: { method: string; url: string; headers: IncomingMessage['headers'] }[];
  /** Writes a kubeconfig pointing at the server (context "fake" unless named) and returns its path. */
  kubeconfig(contexts?: readonly string[], namespace?: string): string;
  close(): Promise<void>;
}

function status(res: ServerResponse, code: number, reason: string, message: string): void {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code }));
}

function json(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function list(kind: string, items: Obj[]): Obj {
  return { kind, apiVersion: 'v1', metadata: { resourceVersion: '1' }, items };
}

function fieldSelector(query: URLSearchParams): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of (query.get('fieldSelector') ?? '').split(',').filter(Boolean)) {
    const [k, v] = part.split('=');
    if (k !== undefined && v !== undefined) map.set(k, v);
  }
  return map;
}

const inNs = (ns: string) => (o: Obj) => o['metadata']?.namespace === ns;
const named = (name: string) => (o: Obj) => o['metadata']?.name === name;

/**
 * A loopback HTTP server that answers the read-only calls /diagnose makes, from fixture objects, the
 * way the API server does: Status bodies on errors, text/plain logs, 400 for logs that do not exist.
 */
export async function startFakeApiServer(cluster: FakeCluster): Promise<FakeApiServer> {
  const requests: FakeApiServer['requests'] = [];
  const hanging = new Set<ServerResponse>();
  const namespaces = new Set([
    ...(cluster.namespaces ?? []),
    ...(cluster.pods ?? []).map((p) => p['metadata']?.namespace),
  ]);

  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://fake');
    requests.push({ method: req.method ?? 'GET', url: `${u.pathname}${u.search}`, headers: req.headers });
    const fault = cluster.fault?.({ method: req.method ?? 'GET', path: u.pathname, query: u.searchParams });
    if (fault === 'hang') {
      hanging.add(res);
      return;
    }
    if (fault === 403) {
      const m = /\/namespaces\/([^/]+)\/([^/]+)(?:\/[^/]+)?(\/log)?/.exec(u.pathname);
      const resource = m ? `${m[2]}${m[3] ? '/log' : ''}` : 'nodes';
      const rest = u.pathname
        .split('/')
        .filter(Boolean)
        .slice(u.pathname.startsWith('/api/') ? 4 : 5);
      const verb = req.method === 'POST' ? 'create' : rest.length <= 1 ? 'list' : 'get';
      return status(
        res,
        403,
        'Forbidden',
        `${resource} is forbidden: User "system:serviceaccount:bot:kube-support-bot" cannot ${verb} resource "${resource}" in API group ""${m ? ` in the namespace "${m[1]}"` : ''}`,
      );
    }
    if (fault !== undefined)
      return status(res, fault, fault === 500 ? 'InternalError' : 'Unknown', `fake fault ${fault}`);
    const attributes = requestAttributes(req.method ?? 'GET', req.url ?? '/');
    if (cluster.authorize && !cluster.authorize(attributes)) {
      const { verb, group, resource, namespace } = attributes;
      return status(
        res,
        403,
        'Forbidden',
        `${resource}${attributes.name ? ` "${attributes.name}"` : ''} is forbidden: User "system:serviceaccount:kube-support-bot:kube-support-bot" cannot ${verb} resource "${resource}" in API group "${group}"${namespace ? ` in the namespace "${namespace}"` : ' at the cluster scope'}`,
      );
    }
    if (req.method === 'POST' && u.pathname === '/apis/authorization.k8s.io/v1/subjectaccessreviews') {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        const review = JSON.parse(body) as Obj;
        const answer = cluster.review?.(review['spec']) ?? { allowed: true };
        json(res, { ...review, status: answer });
      });
      return;
    }
    route(u, req, res);
  });

  function route(u: URL, req: IncomingMessage, res: ServerResponse) {
    const p = u.pathname.split('/').filter(Boolean);
    const q = u.searchParams;
    // /api/v1/namespaces/{ns}
    if (p[0] === 'api' && p[2] === 'namespaces' && p.length === 4) {
      const ns = p[3] as string;
      return namespaces.has(ns)
        ? json(res, { kind: 'Namespace', apiVersion: 'v1', metadata: { name: ns } })
        : status(res, 404, 'NotFound', `namespaces "${ns}" not found`);
    }
    if (p[0] === 'api' && p[2] === 'nodes' && p.length === 3) return json(res, list('NodeList', cluster.nodes ?? []));
    if (p[0] === 'api' && p[2] === 'namespaces' && p.length >= 5) {
      const ns = p[3] as string;
      const resource = p[4];
      const name = p[5];
      if (resource === 'pods' && name === undefined)
        return json(res, list('PodList', (cluster.pods ?? []).filter(inNs(ns))));
      if (resource === 'pods' && p[6] === 'log') {
        const container = q.get('container') ?? '';
        const previous = q.get('previous') === 'true';
        const text = cluster.logs?.[`${ns}/${name}/${container}${previous ? '/previous' : ''}`];
        if (!(cluster.pods ?? []).some((o) => inNs(ns)(o) && named(name ?? '')(o)))
          return status(res, 404, 'NotFound', `pods "${name}" not found`);
        if (text === undefined)
          return status(
            res,
            400,
            'BadRequest',
            previous
              ? `previous terminated container "${container}" in pod "${name}" not found`
              : `container "${container}" in pod "${name}" is waiting to start: ContainerCreating`,
          );
        const lines = text.split('\n');
        const tail = Number(q.get('tailLines') ?? lines.length);
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(lines.slice(-tail).join('\n'));
        return;
      }
      if (resource === 'pods') {
        const pod = (cluster.pods ?? []).find((o) => inNs(ns)(o) && named(name ?? '')(o));
        return pod
          ? json(res, { apiVersion: 'v1', kind: 'Pod', ...pod })
          : status(res, 404, 'NotFound', `pods "${name}" not found`);
      }
      if (resource === 'events') {
        const sel = fieldSelector(q);
        const items = (cluster.events ?? []).filter(
          (e) =>
            (!sel.has('involvedObject.name') || e['involvedObject']?.name === sel.get('involvedObject.name')) &&
            (!sel.has('involvedObject.kind') || e['involvedObject']?.kind === sel.get('involvedObject.kind')) &&
            // Fixtures keep their events with their pod, whatever namespace label the source gave them.
            (e['metadata']?.namespace === ns ||
              e['involvedObject']?.namespace === ns ||
              (cluster.pods ?? []).some(inNs(ns))),
        );
        return json(res, list('EventList', items));
      }
      if (resource === 'serviceaccounts' && name) {
        const sa = (cluster.serviceAccounts ?? []).find((o) => inNs(ns)(o) && named(name)(o));
        return sa ? json(res, sa) : status(res, 404, 'NotFound', `serviceaccounts "${name}" not found`);
      }
      if (resource === 'secrets' && name === undefined) {
        const sel = fieldSelector(q);
        const type = sel.get('type');
        const byName = sel.get('metadata.name');
        const items = (cluster.secrets ?? []).filter(
          (s) => inNs(ns)(s) && (!type || s['type'] === type) && (!byName || named(byName)(s)),
        );
        const metadataOnly = (req.headers.accept ?? '').includes('as=PartialObjectMetadataList');
        if (!metadataOnly) return json(res, list('SecretList', items));
        res.writeHead(200, { 'content-type': 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1' });
        res.end(
          JSON.stringify({
            kind: 'PartialObjectMetadataList',
            apiVersion: 'meta.k8s.io/v1',
            metadata: {},
            items: items.map((s) => ({
              kind: 'PartialObjectMetadata',
              apiVersion: 'meta.k8s.io/v1',
              metadata: s['metadata'],
            })),
          }),
        );
        return;
      }
      if (resource === 'persistentvolumeclaims' && name === undefined)
        return json(res, list('PersistentVolumeClaimList', (cluster.pvcs ?? []).filter(inNs(ns))));
    }
    // /apis/{group}/{version}/namespaces/{ns}/{resource}/{name}
    if (p[0] === 'apis' && p[3] === 'namespaces' && p.length === 7) {
      const [, group, , , ns, resource, name] = p as [string, string, string, string, string, string, string];
      const pool =
        group === 'apps' && resource === 'replicasets'
          ? cluster.replicaSets
          : group === 'batch' && resource === 'jobs'
            ? cluster.jobs
            : undefined;
      const found = pool?.find((o) => inNs(ns)(o) && named(name)(o));
      return found ? json(res, found) : status(res, 404, 'NotFound', `${resource}.${group} "${name}" not found`);
    }
    if (p[0] === 'apis' && p[1] === 'scheduling.k8s.io' && p[3] === 'priorityclasses' && p[4]) {
      const pc = (cluster.priorityClasses ?? []).find(named(p[4]));
      return pc ? json(res, pc) : status(res, 404, 'NotFound', `priorityclasses.scheduling.k8s.io "${p[4]}" not found`);
    }
    status(res, 404, 'NotFound', `the server could not find the requested resource (${u.pathname})`);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dir = mkdtempSync(join(tmpdir(), 'fake-apiserver-'));
  return {
    url,
    requests,
    kubeconfig(contexts = ['fake'], namespace) {
      const path = join(dir, `kubeconfig-${contexts.join('-')}`);
      const lines = [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        `- name: fake\n  cluster:\n    server: "${url}"\n    insecure-skip-tls-verify: true`,
        'users:',
        '- name: fake\n  user:\n    token: fixture-token',
        'contexts:',
        ...contexts.map(
          (c) =>
            `- name: ${c}\n  context:\n    cluster: fake\n    user: fake${namespace ? `\n    namespace: ${namespace}` : ''}`,
        ),
        `current-context: ${contexts[0]}`,
      ];
      writeFileSync(path, `${lines.join('\n')}\n`);
      return path;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
