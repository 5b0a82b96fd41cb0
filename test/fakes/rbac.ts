/**
 * Kubernetes RBAC as the API server applies it, for the fake API server and the RBAC tests: the request
 * attributes it derives from a URL (a list narrowed by a `metadata.name` field selector carries that name,
 * so `resourceNames` can grant it) and whether a set of PolicyRules allows them.
 */
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

export interface PolicyRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames?: readonly string[];
}

export interface RequestAttributes {
  readonly verb: string;
  readonly group: string;
  /** With its subresource: `pods/log`. */
  readonly resource: string;
  readonly namespace?: string;
  readonly name?: string;
}

/** The attributes of an API request, as the API server's RequestInfo derives them. */
export function requestAttributes(method: string, url: string): RequestAttributes {
  const u = new URL(url, 'http://api');
  const parts = u.pathname.split('/').filter(Boolean);
  const core = parts[0] === 'api';
  const group = core ? '' : (parts[1] ?? '');
  let rest = parts.slice(core ? 2 : 3);
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length > 2) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource = '', pathName, sub] = rest;
  let name = pathName;
  let verb = method === 'POST' ? 'create' : method === 'GET' && pathName === undefined ? 'list' : 'get';
  if (verb === 'list' && u.searchParams.get('watch') === 'true') verb = 'watch';
  if (verb === 'list' || verb === 'watch') {
    const byName = (u.searchParams.get('fieldSelector') ?? '')
      .split(',')
      .map((term) => term.split('='))
      .find(([field]) => field === 'metadata.name');
    name = byName?.[1];
  }
  return {
    verb,
    group,
    resource: sub ? `${resource}/${sub}` : resource,
    ...(namespace ? { namespace } : {}),
    ...(name ? { name } : {}),
  };
}

/** Whether any rule allows the request (no rule ever denies: RBAC is additive). */
export function rulesAllow(rules: readonly PolicyRule[], a: RequestAttributes): boolean {
  const has = (list: readonly string[], value: string) => list.includes('*') || list.includes(value);
  return rules.some(
    (r) =>
      has(r.apiGroups, a.group) &&
      has(r.resources, a.resource) &&
      has(r.verbs, a.verb) &&
      (r.resourceNames === undefined ||
        r.resourceNames.length === 0 ||
        (a.name !== undefined && r.resourceNames.includes(a.name))),
  );
}

// biome-ignore lint/suspicious/noExplicitAny: manifests are raw YAML objects of many kinds
type Manifest = Record<string, any>;

/** The manifests of a multi-document YAML text. */
export function manifests(text: string): Manifest[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as Manifest | null)
    .filter((m): m is Manifest => m !== null);
}

/** The rules of every Role and ClusterRole in a YAML file. */
export function rolesIn(path: string): { kind: string; name: string; namespace?: string; rules: PolicyRule[] }[] {
  return manifests(readFileSync(path, 'utf8'))
    .filter((m) => m['kind'] === 'Role' || m['kind'] === 'ClusterRole')
    .map((m) => ({
      kind: m['kind'] as string,
      name: m['metadata']?.name as string,
      ...(m['metadata']?.namespace ? { namespace: m['metadata'].namespace as string } : {}),
      rules: (m['rules'] ?? []) as PolicyRule[],
    }));
}
