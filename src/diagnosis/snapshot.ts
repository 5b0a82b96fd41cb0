import type {
  CoreV1Event,
  V1ContainerStatus,
  V1Node,
  V1PersistentVolumeClaim,
  V1Pod,
  V1PriorityClass,
  V1ServiceAccount,
} from '@kubernetes/client-node';
import { BotError, ErrorCode, isBotError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { closestNames } from './closest-names.ts';
import type { ClusterReader, OwnerRef } from './cluster-reader.ts';
import { toMs } from './time.ts';

/** The tail of one container's log, as read for a failing container. */
export interface ContainerLog {
  readonly container: string;
  readonly previous: boolean;
  readonly text: string;
}

/** One attached pull secret, checked by name: whether it exists, and its type when it is a pull-secret type. */
export interface PullSecretCheck {
  readonly name: string;
  readonly found: boolean;
  readonly type?: string;
}

/** Something the bot could not read, and why (shown to the user as a caveat, never as "healthy"). */
export interface Gap {
  readonly what: string;
  readonly reason: string;
}

/** Everything the checks look at, read once, in parallel, within the time budget. */
export interface PodSnapshot {
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
  readonly pod: V1Pod;
  /** The pod's events, newest first (by last time seen; source order breaks ties). */
  readonly events: readonly CoreV1Event[];
  /** Events of the pod's owners (ReplicaSet, Job…): admission rejections land there. */
  readonly ownerEvents: readonly CoreV1Event[];
  readonly logs: readonly ContainerLog[];
  readonly serviceAccount?: V1ServiceAccount;
  /**
   * The pull secrets the pod and its service account name, each as found by name (name and type only);
   * those the bot could not check are absent. Undefined when none was checked (the default RBAC).
   */
  readonly pullSecrets?: readonly PullSecretCheck[];
  readonly nodes?: readonly V1Node[];
  readonly claims?: readonly V1PersistentVolumeClaim[];
  readonly priorityClass?: V1PriorityClass;
  /** The owner chain, nearest first: ReplicaSet, then Deployment. */
  readonly owners: readonly OwnerRef[];
  readonly gaps: readonly Gap[];
  readonly nowMs: number;
}

export interface GatherOptions {
  readonly signal: AbortSignal;
  readonly log: Logger;
  readonly nowMs?: number;
  readonly tailLines?: number;
}

const pullReasons = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']);

export function allContainerStatuses(pod: V1Pod): V1ContainerStatus[] {
  return [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
}

/** Newest first by lastTimestamp, eventTime, firstTimestamp or creation; later source order first on ties. */
export function sortEventsNewestFirst(events: readonly CoreV1Event[]): CoreV1Event[] {
  const at = (e: CoreV1Event) =>
    toMs(e.lastTimestamp) ?? toMs(e.eventTime) ?? toMs(e.firstTimestamp) ?? toMs(e.metadata?.creationTimestamp);
  return events
    .map((event, index) => ({ event, index, ms: at(event) }))
    .sort((a, b) => {
      if (a.ms !== undefined && b.ms !== undefined && a.ms !== b.ms) return b.ms - a.ms;
      if (a.ms === undefined && b.ms !== undefined) return 1;
      if (b.ms === undefined && a.ms !== undefined) return -1;
      return b.index - a.index;
    })
    .map((x) => x.event);
}

/**
 * Reads the pod, then everything its state calls for, in parallel. Only the pod is required: a pod
 * that is missing rejects NotFound with the closest names in the namespace (or says the namespace is
 * missing); every other read that fails becomes a `Gap`, so the diagnosis degrades instead of failing.
 */
export async function gatherPodSnapshot(
  reader: ClusterReader,
  namespace: string,
  name: string,
  options: GatherOptions,
): Promise<PodSnapshot> {
  const { signal, log } = options;
  const pod = await reader.readPod(namespace, name, signal).catch(async (err: unknown) => {
    if (isBotError(err) && err.code === ErrorCode.NotFound) throw await notFound(reader, namespace, name, signal, err);
    throw err;
  });
  const gaps: Gap[] = [];
  const optional = async <T>(what: string, read: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await read();
    } catch (err) {
      const reason = isBotError(err) ? (err.userMessage ?? err.message) : 'could not be read';
      log.warn({ err, what }, 'diagnosis read failed');
      gaps.push({ what, reason });
      return undefined;
    }
  };

  const spec = pod.spec;
  const statuses = allContainerStatuses(pod);
  const pulling = statuses.some((s) => pullReasons.has(s.state?.waiting?.reason ?? ''));
  const unscheduled =
    pod.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.status === 'False') === true ||
    (pod.status?.phase === 'Pending' && !spec?.nodeName);
  const claimNames = (spec?.volumes ?? []).flatMap((v) =>
    v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : [],
  );
  const preempted =
    pod.status?.reason === 'Preempting' ||
    pod.status?.conditions?.some((c) => c.type === 'DisruptionTarget' && c.reason === 'PreemptionByScheduler') === true;

  const saName = spec?.serviceAccountName ?? spec?.serviceAccount ?? 'default';
  const ownerRef = pod.metadata?.ownerReferences?.find((o) => o.controller) ?? pod.metadata?.ownerReferences?.[0];

  const serviceAccountRead = pulling
    ? optional('service account', () => reader.readServiceAccount(namespace, saName, signal))
    : undefined;
  const [events, logs, serviceAccount, pullSecrets, nodes, claims, priorityClass, owners] = await Promise.all([
    optional('events', () => reader.listEvents(namespace, { kind: 'Pod', name }, signal)),
    Promise.all(
      failingContainers(pod).map((c) => readLog(reader, namespace, name, c, options.tailLines ?? 50, signal, gaps)),
    ),
    serviceAccountRead,
    serviceAccountRead?.then((sa) => checkPullSecrets(reader, namespace, pullSecretNames(pod, sa), options, gaps)),
    unscheduled ? optional('nodes', () => reader.listNodes(signal)) : undefined,
    claimNames.length > 0 && (unscheduled || pod.status?.phase === 'Pending')
      ? optional('persistent volume claims', () => reader.listPersistentVolumeClaims(namespace, signal))
      : undefined,
    preempted && spec?.priorityClassName
      ? optional('priority class', () => reader.readPriorityClass(spec.priorityClassName as string, signal))
      : undefined,
    ownerRef ? ownerChain(reader, namespace, { kind: ownerRef.kind, name: ownerRef.name }, signal, gaps) : [],
  ]);
  const uid = pod.metadata?.uid;
  // Events left by an earlier pod of the same name carry another uid.
  const own = (events ?? []).filter((e) => !uid || !e.involvedObject?.uid || e.involvedObject.uid === uid);
  const ownerEvents = await Promise.all(
    owners
      .filter((o) => o.kind === 'ReplicaSet' || o.kind === 'Job' || o.kind === 'StatefulSet' || o.kind === 'DaemonSet')
      .map((o) => reader.listEvents(namespace, o, signal).catch(() => [] as CoreV1Event[])),
  );

  return {
    cluster: reader.cluster,
    namespace,
    name,
    pod,
    events: sortEventsNewestFirst(own),
    ownerEvents: sortEventsNewestFirst(ownerEvents.flat()),
    logs: logs.flatMap((l) => (l ? [l] : [])),
    ...(serviceAccount ? { serviceAccount } : {}),
    ...(pullSecrets ? { pullSecrets } : {}),
    ...(nodes ? { nodes } : {}),
    ...(claims ? { claims: claims.filter((c) => claimNames.includes(c.metadata?.name ?? '')) } : {}),
    ...(priorityClass ? { priorityClass } : {}),
    owners,
    gaps,
    nowMs: options.nowMs ?? Date.now(),
  };
}

/** The names in the pod's and its service account's imagePullSecrets, the pod's first, at most six. */
function pullSecretNames(pod: V1Pod, serviceAccount: V1ServiceAccount | undefined): string[] {
  const names = [...(pod.spec?.imagePullSecrets ?? []), ...(serviceAccount?.imagePullSecrets ?? [])]
    .map((ref) => ref.name ?? '')
    .filter((n) => n !== '');
  return [...new Set(names)].slice(0, 6);
}

/**
 * Checks each named pull secret by name. Refused is the usual answer (nothing shipped grants secrets; see
 * the optional grant in deploy/README.md): the check then says "not verified" without a gap. Any other
 * failure (timeout, the user may not read secrets) is a gap. Undefined when nothing could be checked.
 */
async function checkPullSecrets(
  reader: ClusterReader,
  namespace: string,
  names: readonly string[],
  options: GatherOptions,
  gaps: Gap[],
): Promise<PullSecretCheck[] | undefined> {
  const checks = await Promise.all(
    names.map(async (secret): Promise<PullSecretCheck | undefined> => {
      try {
        const found = await reader.readPullSecret(namespace, secret, options.signal);
        return found
          ? { name: secret, found: true, ...(found.type ? { type: found.type } : {}) }
          : { name: secret, found: false };
      } catch (err) {
        if (isBotError(err) && err.code === ErrorCode.ClusterForbidden) {
          options.log.debug({ secret }, 'pull secret not checked: no grant');
          return undefined;
        }
        options.log.warn({ err, what: `image pull secret ${secret}` }, 'diagnosis read failed');
        gaps.push({
          what: `image pull secret ${secret}`,
          reason: isBotError(err) ? (err.userMessage ?? err.message) : 'could not be read',
        });
        return undefined;
      }
    }),
  );
  const checked = checks.filter((c): c is PullSecretCheck => c !== undefined);
  return checked.length > 0 ? checked : undefined;
}

interface LogTarget {
  readonly container: string;
  readonly previous: boolean;
}

/** Containers worth a log tail: restarted ones (previous instance) and ones that ended in an error. */
function failingContainers(pod: V1Pod): LogTarget[] {
  const targets: LogTarget[] = [];
  for (const s of allContainerStatuses(pod)) {
    const last = s.lastState?.terminated;
    const now = s.state?.terminated;
    if ((s.restartCount ?? 0) > 0 || (last && last.exitCode !== 0)) targets.push({ container: s.name, previous: true });
    else if (now && now.exitCode !== 0 && pod.status?.phase !== 'Succeeded')
      targets.push({ container: s.name, previous: false });
  }
  return targets.slice(0, 6);
}

async function readLog(
  reader: ClusterReader,
  namespace: string,
  name: string,
  target: LogTarget,
  tailLines: number,
  signal: AbortSignal,
  gaps: Gap[],
): Promise<ContainerLog | undefined> {
  try {
    const text = await reader.readLog(
      namespace,
      name,
      target.container,
      { previous: target.previous, tailLines },
      signal,
    );
    return { container: target.container, previous: target.previous, text };
  } catch (err) {
    // The API server answers 400 when there is no previous instance or the container never started: not a gap worth showing.
    if (isBotError(err) && err.code === ErrorCode.InputInvalid) return undefined;
    gaps.push({
      what: `logs of ${target.container}`,
      reason: isBotError(err) ? (err.userMessage ?? err.message) : 'could not be read',
    });
    return undefined;
  }
}

/** The owner chain as far as it can be read; a step the user may not read is said, others end it quietly. */
async function ownerChain(
  reader: ClusterReader,
  namespace: string,
  first: OwnerRef,
  signal: AbortSignal,
  gaps: Gap[],
): Promise<OwnerRef[]> {
  const chain: OwnerRef[] = [first];
  let current: OwnerRef | undefined = first;
  while (current && chain.length < 4) {
    const of: OwnerRef = current;
    current = await reader.readOwner(namespace, of, signal).catch((err: unknown) => {
      if (isBotError(err) && err.code === ErrorCode.NotAllowed)
        gaps.push({ what: `owner of ${of.kind} ${of.name}`, reason: err.userMessage ?? err.message });
      return undefined;
    });
    if (current) chain.push(current);
  }
  return chain;
}

async function notFound(
  reader: ClusterReader,
  namespace: string,
  name: string,
  signal: AbortSignal,
  cause: BotError,
): Promise<BotError> {
  let names: readonly string[];
  try {
    names = await reader.listPodNames(namespace, signal);
  } catch (err) {
    if (isBotError(err) && err.code === ErrorCode.NotFound) {
      return new BotError(ErrorCode.NotFound, `namespace ${namespace} not found in ${reader.cluster}`, {
        cause: err,
        userMessage: {
          en: `Namespace \`${namespace}\` does not exist in cluster \`${reader.cluster}\`. List them with \`kubectl get namespaces --context ${reader.cluster}\`.`,
          ko: `클러스터 \`${reader.cluster}\`에 네임스페이스 \`${namespace}\`이(가) 없습니다. \`kubectl get namespaces --context ${reader.cluster}\`로 목록을 확인하세요.`,
        },
      });
    }
    return cause;
  }
  const close = closestNames(name, names);
  const rejected = close.length === 0 ? await admissionRejection(reader, namespace, name, signal) : undefined;
  if (rejected) {
    return new BotError(
      ErrorCode.NotFound,
      `pod ${namespace}/${name} not found; ${rejected.owner} cannot create pods`,
      {
        cause,
        userMessage: {
          en: `Pod \`${name}\` does not exist in namespace \`${namespace}\`: ${rejected.owner} cannot create its pods — ${rejected.message}`,
          ko: `네임스페이스 \`${namespace}\`에 팟 \`${name}\`이(가) 없습니다: ${rejected.owner}이(가) 팟을 만들지 못합니다 — ${rejected.message}`,
        },
      },
    );
  }
  const listed = close.map((n) => `\`${n}\``).join(', ');
  const hint =
    close.length > 0
      ? { en: ` Did you mean ${listed}?`, ko: ` 혹시 ${listed}을(를) 찾으셨나요?` }
      : names.length === 0
        ? { en: ' The namespace has no pods.', ko: ' 이 네임스페이스에는 팟이 없습니다.' }
        : { en: '', ko: '' };
  return new BotError(ErrorCode.NotFound, `pod ${namespace}/${name} not found in ${reader.cluster}`, {
    cause,
    userMessage: {
      en: `Pod \`${name}\` was not found in namespace \`${namespace}\` of cluster \`${reader.cluster}\`.${hint.en}`,
      ko: `클러스터 \`${reader.cluster}\`의 네임스페이스 \`${namespace}\`에서 팟 \`${name}\`을(를) 찾지 못했습니다.${hint.ko}`,
    },
  });
}

const admission =
  /forbidden: .*(?:pod security|PodSecurity)|unable to validate against any pod security policy|violates PodSecurity/i;

/**
 * A pod that was never created leaves no pod to read: its ReplicaSet (the name without the pod's
 * random suffix) records why. Only admission rejections are reported; anything else stays "not found".
 */
async function admissionRejection(
  reader: ClusterReader,
  namespace: string,
  name: string,
  signal: AbortSignal,
): Promise<{ owner: string; message: string } | undefined> {
  const m = /^(.+-[a-z0-9]{6,10})-[a-z0-9]{5}$/.exec(name);
  if (!m?.[1]) return undefined;
  const owner = { kind: 'ReplicaSet', name: m[1] };
  const events = await reader.listEvents(namespace, owner, signal).catch(() => [] as readonly CoreV1Event[]);
  const hit = sortEventsNewestFirst(
    events.filter((e) => e.reason === 'FailedCreate' && admission.test(e.message ?? '')),
  )[0];
  return hit
    ? { owner: `ReplicaSet \`${owner.name}\``, message: (hit.message ?? '').replace(/\s+/g, ' ').slice(0, 300) }
    : undefined;
}
