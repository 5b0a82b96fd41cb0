import type {
  CoreV1Event,
  V1Node,
  V1PersistentVolumeClaim,
  V1Pod,
  V1PriorityClass,
  V1ServiceAccount,
} from '@kubernetes/client-node';

/** A secret as the bot may know it: name and type only. Secret data never crosses this port. */
export interface SecretRef {
  readonly name: string;
  /** `kubernetes.io/dockerconfigjson` or `kubernetes.io/dockercfg`; absent when it is of another type. */
  readonly type?: string;
}

/** An object that owns another (ReplicaSet → Deployment, Job → CronJob). */
export interface OwnerRef {
  readonly kind: string;
  readonly name: string;
}

/** Who a SubjectAccessReview asks about: the Kubernetes identity a chat user is mapped to. */
export interface Identity {
  readonly user: string;
  readonly groups: readonly string[];
}

export interface AccessQuestion {
  readonly verb: string;
  /** The API group: "" (core) when absent. */
  readonly group?: string;
  readonly resource: string;
  readonly subresource?: string;
  /** "" for a cluster-scoped resource (nodes, priorityclasses). */
  readonly namespace: string;
  readonly name?: string;
}

export interface AccessAnswer {
  readonly allowed: boolean;
  /** The authorizer's reason or evaluation error, when it gave one. */
  readonly reason?: string;
}

/**
 * Read-only view of one cluster: implemented on client-node in adapters/kubernetes, faked from JSON
 * fixtures in tests. Every call honours `signal`. Failures reject with a `BotError`
 * (NotFound, ClusterForbidden, ClusterUnreachable, ClusterTimeout) whose `userMessage` is safe to post.
 */
export interface ClusterReader {
  /** The context (cluster) name, as the user names it in `--context`. */
  readonly cluster: string;
  readPod(namespace: string, name: string, signal: AbortSignal): Promise<V1Pod>;
  /** Names of the pods in a namespace (for "did you mean"); rejects NotFound when the namespace does not exist. */
  listPodNames(namespace: string, signal: AbortSignal): Promise<readonly string[]>;
  /** Events whose involvedObject is this object (a Pod, its ReplicaSet…), in any order. */
  listEvents(namespace: string, involved: OwnerRef, signal: AbortSignal): Promise<readonly CoreV1Event[]>;
  /** A tail of a container's log; `previous` reads the instance that last terminated. */
  readLog(
    namespace: string,
    name: string,
    container: string,
    options: { readonly previous: boolean; readonly tailLines: number },
    signal: AbortSignal,
  ): Promise<string>;
  readServiceAccount(namespace: string, name: string, signal: AbortSignal): Promise<V1ServiceAccount>;
  /**
   * One secret a pod names in imagePullSecrets: whether it exists and whether it is of a pull-secret type,
   * undefined when it does not exist. Needs the optional grant (deploy/README.md); without it the API
   * server refuses (ClusterForbidden), as nothing shipped lets the bot read secrets.
   */
  readPullSecret(namespace: string, name: string, signal: AbortSignal): Promise<SecretRef | undefined>;
  listNodes(signal: AbortSignal): Promise<readonly V1Node[]>;
  listPersistentVolumeClaims(namespace: string, signal: AbortSignal): Promise<readonly V1PersistentVolumeClaim[]>;
  readPriorityClass(name: string, signal: AbortSignal): Promise<V1PriorityClass>;
  /** The owner of `owner` (one step up the chain), or undefined at the top. */
  readOwner(namespace: string, owner: OwnerRef, signal: AbortSignal): Promise<OwnerRef | undefined>;
  /** Asks the API server whether `identity` may do what the question says (SubjectAccessReview). */
  reviewAccess(identity: Identity, question: AccessQuestion, signal: AbortSignal): Promise<AccessAnswer>;
}

/**
 * The clusters the bot may read: the kubeconfig contexts on the allowlist, or the in-cluster config.
 * `reader()` rejects an unknown or disallowed name with a NotAllowed `BotError` that lists the allowed ones.
 */
export interface ClusterDirectory {
  readonly clusters: readonly string[];
  /** Used when the command names no `--context`. */
  readonly defaultCluster: string | undefined;
  reader(cluster?: string): ClusterReader;
}
