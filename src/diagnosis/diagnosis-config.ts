import type { AccessConfig, ScopedAllowlist } from '../access/access-policy.ts';
import { BotError, ErrorCode } from '../errors.ts';
import type { Identity } from './cluster-reader.ts';

/** Everything /diagnose reads from the environment. */
export interface DiagnosisConfig {
  /** KUBE_CONTEXTS: kubeconfig contexts the bot may use; undefined = the current context only; "*" = all. */
  readonly contexts: readonly string[] | '*' | undefined;
  /** KUBE_IN_CLUSTER: "auto" uses the ServiceAccount when no kubeconfig is found. */
  readonly inCluster: 'auto' | 'always' | 'never';
  /** KUBE_CLUSTER_NAME: how users name the in-cluster config in `--context`. */
  readonly inClusterName: string;
  /** DIAGNOSE_CALL_TIMEOUT_MS: per API call. */
  readonly callTimeoutMs: number;
  /** DIAGNOSE_BUDGET_MS: the whole diagnosis, even when the API server hangs. */
  readonly budgetMs: number;
  /** DIAGNOSE_DEFAULT_NAMESPACE: when the command has no -n. */
  readonly defaultNamespace: string;
  readonly access: AccessConfig;
}

const LIST = /^[^\s,;=]+$/;

function intIn(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name} must be a whole number of milliseconds in [${min}, ${max}], got "${raw}"`);
    return fallback;
  }
  return n;
}

/**
 * "C1,C2" (every cluster), "prod=C1,C2;staging=*", or "*". Values are ids, so no spaces, commas,
 * semicolons or equals signs inside them.
 */
export function parseScoped(name: string, raw: string | undefined, problems: string[]): ScopedAllowlist {
  const map = new Map<string, readonly string[] | '*'>();
  if (raw === undefined || raw.trim() === '') return map;
  for (const part of raw
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    const cluster = eq < 0 ? '*' : part.slice(0, eq).trim();
    const values = (eq < 0 ? part : part.slice(eq + 1))
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    if (cluster === '' || values.length === 0 || !values.every((v) => LIST.test(v))) {
      problems.push(`${name}: "${part}" is not "cluster=id,id" or "id,id" (ids without spaces)`);
      continue;
    }
    map.set(cluster, values.includes('*') ? '*' : values);
  }
  return map;
}

/** DIAGNOSE_USERS: JSON `{"slack:U0123": {"user": "alice@example.com", "groups": ["sre"]}}`. */
export function parseUsers(raw: string | undefined, problems: string[]): ReadonlyMap<string, Identity> {
  const users = new Map<string, Identity>();
  if (raw === undefined || raw.trim() === '') return users;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    problems.push('DIAGNOSE_USERS must be JSON like {"slack:U0123": {"user": "alice@example.com", "groups": ["sre"]}}');
    return users;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    problems.push('DIAGNOSE_USERS must be a JSON object keyed by chat user ("slack:U0123")');
    return users;
  }
  for (const [key, value] of Object.entries(parsed)) {
    const v = value as { user?: unknown; groups?: unknown } | string;
    const user = typeof v === 'string' ? v : v?.user;
    const groups = typeof v === 'string' ? [] : (v?.groups ?? []);
    if (
      typeof user !== 'string' ||
      user === '' ||
      !Array.isArray(groups) ||
      !groups.every((g) => typeof g === 'string')
    ) {
      problems.push(`DIAGNOSE_USERS["${key}"] must be a user name or {"user": string, "groups": string[]}`);
      continue;
    }
    users.set(key, { user, groups: groups as string[] });
  }
  return users;
}

/** Every variable /diagnose reads, with its default (empty: unset), for `.env.example` and the README table. */
export const diagnosisVariables: Readonly<Record<string, string>> = {
  KUBECONFIG: '',
  KUBE_CONTEXTS: '',
  KUBE_IN_CLUSTER: 'auto',
  KUBE_CLUSTER_NAME: 'in-cluster',
  DIAGNOSE_CHANNELS: '',
  DIAGNOSE_NAMESPACES: '',
  DIAGNOSE_USERS: '',
  DIAGNOSE_DEFAULT_NAMESPACE: 'default',
  DIAGNOSE_CALL_TIMEOUT_MS: '4000',
  DIAGNOSE_BUDGET_MS: '10000',
};

/**
 * Reads the diagnosis settings, naming the variable in every problem. With `problems`, problems are
 * appended there (to be reported with the other readers') and defaults stand in; without, they throw
 * one ConfigInvalid BotError listing them all.
 */
export function readDiagnosisConfig(env: Record<string, string | undefined>, collect?: string[]): DiagnosisConfig {
  const problems: string[] = [];
  const contextsRaw = env['KUBE_CONTEXTS']?.trim();
  let contexts: DiagnosisConfig['contexts'];
  if (contextsRaw === '*') contexts = '*';
  else if (contextsRaw) {
    contexts = contextsRaw
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    if (contexts.length === 0) problems.push('KUBE_CONTEXTS must list context names separated by commas, or "*"');
  }
  const inClusterRaw = (env['KUBE_IN_CLUSTER'] ?? 'auto').trim().toLowerCase();
  const inCluster = inClusterRaw === 'true' ? 'always' : inClusterRaw === 'false' ? 'never' : inClusterRaw;
  if (inCluster !== 'auto' && inCluster !== 'always' && inCluster !== 'never')
    problems.push(`KUBE_IN_CLUSTER must be auto, true or false, got "${env['KUBE_IN_CLUSTER']}"`);
  const defaultNamespace = env['DIAGNOSE_DEFAULT_NAMESPACE']?.trim() || 'default';
  if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(defaultNamespace))
    problems.push(`DIAGNOSE_DEFAULT_NAMESPACE must be a namespace name, got "${defaultNamespace}"`);
  const callTimeoutMs = intIn(env, 'DIAGNOSE_CALL_TIMEOUT_MS', 4000, 100, 60_000, problems);
  const budgetMs = intIn(env, 'DIAGNOSE_BUDGET_MS', 10_000, 500, 120_000, problems);
  const access: AccessConfig = {
    channels: parseScoped('DIAGNOSE_CHANNELS', env['DIAGNOSE_CHANNELS'], problems),
    namespaces: parseScoped('DIAGNOSE_NAMESPACES', env['DIAGNOSE_NAMESPACES'], problems),
    users: parseUsers(env['DIAGNOSE_USERS'], problems),
  };
  if (collect) collect.push(...problems);
  else if (problems.length > 0)
    throw new BotError(ErrorCode.ConfigInvalid, `invalid diagnosis configuration:\n- ${problems.join('\n- ')}`);
  return Object.freeze({
    contexts,
    inCluster: inCluster === 'always' || inCluster === 'never' ? inCluster : 'auto',
    inClusterName: env['KUBE_CLUSTER_NAME']?.trim() || 'in-cluster',
    callTimeoutMs,
    budgetMs,
    defaultNamespace,
    access,
  });
}
