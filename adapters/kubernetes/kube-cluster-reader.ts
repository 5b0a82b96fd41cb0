import {
  AppsV1Api,
  AuthorizationV1Api,
  BatchV1Api,
  type ConfigurationOptions,
  CoreV1Api,
  type CoreV1Event,
  KubeConfig,
  Observable,
  type ObservableMiddleware,
  type RequestContext,
  type ResponseContext,
  SchedulingV1Api,
  type V1Node,
  type V1OwnerReference,
  type V1PersistentVolumeClaim,
  type V1Pod,
  type V1PriorityClass,
  type V1ServiceAccount,
} from '@kubernetes/client-node';
import type {
  AccessAnswer,
  AccessQuestion,
  ClusterReader,
  Identity,
  OwnerRef,
} from '../../src/diagnosis/cluster-reader.ts';
import { toBotError } from './to-bot-error.ts';

export interface KubeClusterReaderOptions {
  /** Per API call; the caller's signal bounds the whole diagnosis. Default 4000. */
  readonly timeoutMs?: number;
  readonly userAgent?: string;
}

const PULL_SECRET_TYPES = ['kubernetes.io/dockerconfigjson', 'kubernetes.io/dockercfg'];
/** Ask the API server for metadata only: secret data never reaches the bot. */
const METADATA_ONLY = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json;q=0.9';

/** A call-time middleware: a fresh signal per request (the caller's, cut short by the per-call timeout), plus headers. */
function callOptions(
  signal: AbortSignal,
  timeoutMs: number,
  headers: Record<string, string> = {},
): ConfigurationOptions {
  const middleware: ObservableMiddleware = {
    pre: (ctx: RequestContext) => {
      ctx.setSignal(AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]));
      for (const [k, v] of Object.entries(headers)) ctx.setHeaderParam(k, v);
      return new Observable(Promise.resolve(ctx));
    },
    post: (rsp: ResponseContext) => new Observable(Promise.resolve(rsp)),
  };
  // 'append' keeps the client's own middleware (auth, User-Agent).
  return { middleware: [middleware], middlewareMergeStrategy: 'append' };
}

/** A KubeConfig narrowed to one context, so several clusters can be read side by side. */
export function kubeConfigFor(source: KubeConfig, context: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: source.clusters,
    users: source.users,
    contexts: source.contexts,
    currentContext: context,
  });
  return kc;
}

/**
 * ClusterReader on @kubernetes/client-node: read-only calls, each bounded by `timeoutMs` and by the
 * caller's signal; every failure becomes a BotError with a safe `userMessage`.
 */
export function createKubeClusterReader(
  kc: KubeConfig,
  cluster: string,
  options: KubeClusterReaderOptions = {},
): ClusterReader {
  const timeoutMs = options.timeoutMs ?? 4000;
  const core = kc.makeApiClient(CoreV1Api);
  const apps = kc.makeApiClient(AppsV1Api);
  const batch = kc.makeApiClient(BatchV1Api);
  const scheduling = kc.makeApiClient(SchedulingV1Api);
  const authz = kc.makeApiClient(AuthorizationV1Api);
  const opts = (signal: AbortSignal, headers?: Record<string, string>) => callOptions(signal, timeoutMs, headers);

  async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toBotError(err, what, cluster, timeoutMs);
    }
  }

  const nextOwner = (refs: V1OwnerReference[] | undefined): OwnerRef | undefined => {
    const ref = refs?.find((r) => r.controller) ?? refs?.[0];
    return ref ? { kind: ref.kind, name: ref.name } : undefined;
  };

  return {
    cluster,
    readPod: (namespace, name, signal): Promise<V1Pod> =>
      call(`get pod ${namespace}/${name}`, () => core.readNamespacedPod({ name, namespace }, opts(signal))),
    async listPodNames(namespace, signal) {
      const list = await call(`list pods in ${namespace}`, () =>
        core.listNamespacedPod({ namespace, limit: 500 }, opts(signal)),
      );
      // Listing a namespace that does not exist answers an empty list: ask for the namespace itself.
      if (list.items.length === 0)
        await call(`get namespace ${namespace}`, () => core.readNamespace({ name: namespace }, opts(signal)));
      return list.items.map((p) => p.metadata?.name ?? '').filter((n) => n !== '');
    },
    listEvents: async (namespace, involved, signal): Promise<readonly CoreV1Event[]> =>
      (
        await call(`list events of ${involved.kind} ${namespace}/${involved.name}`, () =>
          core.listNamespacedEvent(
            { namespace, fieldSelector: `involvedObject.kind=${involved.kind},involvedObject.name=${involved.name}` },
            opts(signal),
          ),
        )
      ).items,
    readLog: (namespace, name, container, { previous, tailLines }, signal) =>
      call(`read logs of ${namespace}/${name} container ${container}`, () =>
        core.readNamespacedPodLog(
          { name, namespace, container, previous, tailLines, limitBytes: 64_000 },
          opts(signal),
        ),
      ),
    readServiceAccount: (namespace, name, signal): Promise<V1ServiceAccount> =>
      call(`get serviceaccount ${namespace}/${name}`, () =>
        core.readNamespacedServiceAccount({ name, namespace }, opts(signal)),
      ),
    async readPullSecret(namespace, name, signal) {
      // Lists narrowed to one name (what a Role's resourceNames can grant), asking for metadata only: the
      // type is learnt from which selector matched, so no secret data is ever sent.
      const list = (fieldSelector: string) =>
        call(`list secrets ${namespace}/${name}`, () =>
          core.listNamespacedSecret({ namespace, fieldSelector }, opts(signal, { Accept: METADATA_ONLY })),
        ).then((l) => l.items.length > 0);
      const byName = `metadata.name=${name}`;
      const [exists, ...typed] = await Promise.all([
        list(byName),
        ...PULL_SECRET_TYPES.map((type) => list(`${byName},type=${type}`)),
      ]);
      if (!exists) return undefined;
      const type = PULL_SECRET_TYPES.find((_, i) => typed[i]);
      return type ? { name, type } : { name };
    },
    listNodes: async (signal): Promise<readonly V1Node[]> =>
      (await call('list nodes', () => core.listNode({}, opts(signal)))).items,
    listPersistentVolumeClaims: async (namespace, signal): Promise<readonly V1PersistentVolumeClaim[]> =>
      (
        await call(`list persistentvolumeclaims in ${namespace}`, () =>
          core.listNamespacedPersistentVolumeClaim({ namespace }, opts(signal)),
        )
      ).items,
    readPriorityClass: (name, signal): Promise<V1PriorityClass> =>
      call(`get priorityclass ${name}`, () => scheduling.readPriorityClass({ name }, opts(signal))),
    async readOwner(namespace, owner, signal) {
      const what = `get ${owner.kind.toLowerCase()} ${namespace}/${owner.name}`;
      const args = { name: owner.name, namespace };
      switch (owner.kind) {
        case 'ReplicaSet':
          return nextOwner(
            (await call(what, () => apps.readNamespacedReplicaSet(args, opts(signal)))).metadata?.ownerReferences,
          );
        case 'StatefulSet':
        case 'DaemonSet':
        case 'Deployment':
          return undefined;
        case 'Job':
          return nextOwner(
            (await call(what, () => batch.readNamespacedJob(args, opts(signal)))).metadata?.ownerReferences,
          );
        default:
          return undefined;
      }
    },
    async reviewAccess(identity: Identity, question: AccessQuestion, signal: AbortSignal): Promise<AccessAnswer> {
      const review = await call('create subjectaccessreview', () =>
        authz.createSubjectAccessReview(
          {
            body: {
              apiVersion: 'authorization.k8s.io/v1',
              kind: 'SubjectAccessReview',
              spec: {
                user: identity.user,
                groups: [...identity.groups],
                resourceAttributes: {
                  namespace: question.namespace,
                  verb: question.verb,
                  ...(question.group ? { group: question.group } : {}),
                  resource: question.resource,
                  ...(question.subresource ? { subresource: question.subresource } : {}),
                  ...(question.name ? { name: question.name } : {}),
                },
              },
            },
          },
          opts(signal),
        ),
      );
      const reason = review.status?.reason ?? review.status?.evaluationError;
      return { allowed: review.status?.allowed === true, ...(reason ? { reason } : {}) };
    },
  };
}
