import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { ClusterDirectory, ClusterReader } from '../../src/diagnosis/cluster-reader.ts';
import { BotError, ErrorCode } from '../../src/errors.ts';
import { createKubeClusterReader, kubeConfigFor } from './kube-cluster-reader.ts';

export interface KubeClusterDirectoryOptions {
  /** Allowlist of kubeconfig contexts; undefined = the current context only; "*" = every context. */
  readonly contexts: readonly string[] | '*' | undefined;
  readonly inCluster: 'auto' | 'always' | 'never';
  /** The name users give the in-cluster config in `--context`. */
  readonly inClusterName: string;
  readonly callTimeoutMs: number;
  /** Where KUBECONFIG and HOME come from (kubectl's lookup order). */
  readonly env: Record<string, string | undefined>;
  /** In-cluster: prefix for /var/run/secrets/kubernetes.io/serviceaccount (tests). */
  readonly serviceAccountPrefix?: string;
}

const SA_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * Loads the kubeconfig as kubectl does: every file in KUBECONFIG (the first file's current-context
 * wins), else ~/.kube/config; else the in-cluster ServiceAccount. Undefined when there is none.
 */
export function loadKubeConfig(
  options: Pick<KubeClusterDirectoryOptions, 'env' | 'inCluster' | 'serviceAccountPrefix'>,
): {
  kc: KubeConfig;
  inCluster: boolean;
} {
  const prefix = options.serviceAccountPrefix ?? '';
  const inClusterAvailable = existsSync(`${prefix}${SA_TOKEN}`);
  if (options.inCluster === 'always') {
    if (!inClusterAvailable)
      throw new BotError(
        ErrorCode.ConfigInvalid,
        `KUBE_IN_CLUSTER=true but ${prefix}${SA_TOKEN} does not exist: not running in a pod?`,
        {
          userMessage: {
            en: 'KUBE_IN_CLUSTER is true, but there is no ServiceAccount token: the bot is not running in a pod.',
            ko: 'KUBE_IN_CLUSTER가 true이지만 ServiceAccount 토큰이 없습니다: 봇이 팟 안에서 실행되고 있지 않습니다.',
          },
        },
      );
    const kc = new KubeConfig();
    kc.loadFromCluster(prefix);
    return { kc, inCluster: true };
  }
  const files = (options.env['KUBECONFIG'] ?? '').split(delimiter).filter(Boolean);
  const home = options.env['HOME'] ?? options.env['USERPROFILE'] ?? homedir();
  const fallback = join(home, '.kube', 'config');
  const paths = files.length > 0 ? files : existsSync(fallback) ? [fallback] : [];
  // kubectl skips KUBECONFIG entries that do not exist.
  const existing = paths.filter((p) => existsSync(p));
  if (existing.length > 0) {
    const kc = new KubeConfig();
    for (const [i, path] of existing.entries()) {
      try {
        if (i === 0) kc.loadFromFile(path);
        else {
          const more = new KubeConfig();
          more.loadFromFile(path);
          kc.mergeConfig(more, true);
        }
      } catch (err) {
        throw new BotError(
          ErrorCode.ConfigInvalid,
          `cannot load kubeconfig ${path}: ${err instanceof Error ? err.message : String(err)}`,
          {
            cause: err,
            // The parser's detail may quote the file, credentials included: it stays in the log.
            userMessage: {
              en: `the kubeconfig ${path} cannot be loaded (the reason is in the bot's log).`,
              ko: `kubeconfig ${path}을(를) 읽을 수 없습니다 (이유는 봇의 로그에 있습니다).`,
            },
          },
        );
      }
    }
    if (kc.contexts.length > 0) return { kc, inCluster: false };
  }
  if (options.inCluster === 'auto' && inClusterAvailable) {
    const kc = new KubeConfig();
    kc.loadFromCluster(prefix);
    return { kc, inCluster: true };
  }
  throw new BotError(
    ErrorCode.ConfigInvalid,
    'no Kubernetes configuration: set KUBECONFIG, create ~/.kube/config, or run in a pod with a ServiceAccount',
    {
      userMessage: {
        en: 'no Kubernetes configuration was found (KUBECONFIG is unset, there is no ~/.kube/config, and the bot is not in a pod with a ServiceAccount).',
        ko: 'Kubernetes 설정을 찾지 못했습니다 (KUBECONFIG가 없고, ~/.kube/config가 없으며, ServiceAccount가 있는 팟도 아닙니다).',
      },
    },
  );
}

/**
 * The clusters /diagnose may read, one ClusterReader per allowed context (built on first use). An
 * unknown or disallowed `--context` is refused with the allowed names.
 */
export function createKubeClusterDirectory(
  options: KubeClusterDirectoryOptions,
  loaded = loadKubeConfig(options),
): ClusterDirectory {
  const { kc, inCluster } = loaded;
  const readers = new Map<string, ClusterReader>();
  const all = kc.contexts.map((c) => c.name);
  let clusters: string[];
  if (inCluster) clusters = [options.inClusterName];
  else if (options.contexts === '*') clusters = all;
  else if (options.contexts) clusters = options.contexts.filter((c) => all.includes(c));
  else clusters = kc.getCurrentContext() ? [kc.getCurrentContext()] : [];
  const current = inCluster ? options.inClusterName : kc.getCurrentContext();
  const defaultCluster = clusters.includes(current) ? current : clusters[0];

  return {
    clusters,
    defaultCluster,
    reader(cluster) {
      const name = cluster ?? defaultCluster;
      if (name === undefined || !clusters.includes(name)) {
        const known = clusters.map((c) => `\`${c}\``).join(', ');
        const what =
          name === undefined
            ? { en: 'No cluster is configured', ko: '설정된 클러스터가 없습니다' }
            : all.includes(name)
              ? {
                  en: `Context \`${name}\` is not on the bot's allowlist`,
                  ko: `컨텍스트 \`${name}\`은(는) 봇의 허용 목록에 없습니다`,
                }
              : { en: `Unknown context \`${name}\``, ko: `알 수 없는 컨텍스트 \`${name}\`입니다` };
        throw new BotError(ErrorCode.NotAllowed, `context ${name ?? '(none)'} not allowed`, {
          userMessage: {
            en: `${what.en}. Allowed: ${known || 'none'}.`,
            ko: `${what.ko}. 허용된 컨텍스트: ${known || '없음'}.`,
          },
        });
      }
      let reader = readers.get(name);
      if (!reader) {
        reader = createKubeClusterReader(inCluster ? kc : kubeConfigFor(kc, name), name, {
          timeoutMs: options.callTimeoutMs,
        });
        readers.set(name, reader);
      }
      return reader;
    },
  };
}
