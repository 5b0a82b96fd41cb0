import type { Check, Finding } from '../check.ts';
import type { PodSnapshot } from '../snapshot.ts';
import {
  type ContainerView,
  containers,
  describePod,
  eventLine,
  kubectl,
  label,
  oneLine,
  warnings,
} from './helpers.ts';

const pullReasons = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']);

export type PullCause = 'auth' | 'not-found' | 'network' | 'rate-limit' | 'invalid-name' | 'unknown';

/** Ordered: the first that matches wins ("pull access denied … may require docker login" reads as not found or no access). */
const causes: readonly [PullCause, RegExp][] = [
  ['invalid-name', /InvalidImageName|invalid reference format|couldn't parse image reference/i],
  ['rate-limit', /toomanyrequests|rate limit/i],
  [
    'auth',
    /unauthorized|authentication required|\b401\b|403 Forbidden|access denied|insufficient_scope|no basic auth credentials|denied: requested access|authorization failed/i,
  ],
  [
    'not-found',
    /manifest unknown|manifest for \S+ not found|not found: manifest|: not found|repository does not exist|name unknown|pull access denied/i,
  ],
  [
    'network',
    /no available registry endpoint|dial tcp|i\/o timeout|no such host|connection refused|TLS handshake timeout|context deadline exceeded|network is unreachable|Client\.Timeout|connection reset|x509/i,
  ],
];

export function classifyPullError(message: string): PullCause {
  return causes.find(([, pattern]) => pattern.test(message))?.[0] ?? 'unknown';
}

/** The registry host of an image reference: Docker Hub when the first component is not a host. */
export function registryOf(image: string): string {
  const first = image.split('/')[0] ?? '';
  const isHost = image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return isHost ? first : 'docker.io';
}

const summaries: Record<PullCause, (image: string, registry: string) => string> = {
  auth: (image, registry) => `The registry ${registry} refused to serve \`${image}\` without valid credentials.`,
  'not-found': (image) =>
    `The image \`${image}\` does not exist (wrong name or tag), or the registry hides it without access.`,
  network: (_image, registry) => `The node cannot reach the registry ${registry} (DNS, firewall or registry down).`,
  'rate-limit': (_image, registry) => `The registry ${registry} is rate-limiting pulls.`,
  'invalid-name': (image) => `The image reference \`${image}\` is not a valid name.`,
  unknown: (image) => `The image \`${image}\` cannot be pulled.`,
};

interface SecretSighting {
  readonly name: string;
  readonly from: string;
}

function pullFinding(s: PodSnapshot, c: ContainerView): Finding {
  const image = c.spec?.image ?? c.status?.image ?? '(unknown image)';
  const registry = registryOf(image);
  const waiting = c.status?.state?.waiting;
  const events = warnings(s).filter(
    (e) => (e.message ?? '').includes(image) || /pull|image/i.test(`${e.reason} ${e.message}`),
  );
  // The first pull error often survives only in an older event once BackOff events follow: read them all.
  const messages = [waiting?.message ?? '', ...events.map((e) => e.message ?? '')].filter((m) => m !== '');
  const decisive = messages.find((m) => classifyPullError(m) !== 'unknown');
  const cause = decisive
    ? classifyPullError(decisive)
    : waiting?.reason === 'InvalidImageName'
      ? 'invalid-name'
      : 'unknown';

  const evidence = [
    `${label(c)} waiting ${waiting?.reason ?? ''}${waiting?.message ? `: ${oneLine(waiting.message)}` : ''}`,
    `image \`${image}\` (registry ${registry})`,
    ...events.slice(0, 5).map((e) => eventLine(e, s.nowMs)),
    ...secretEvidence(s, registry, cause),
  ];
  const secrets = attachedSecrets(s);
  const commands = [
    describePod(s),
    ...(secrets.length > 0
      ? [
          kubectl(
            s,
            `get secret ${secrets.map((x) => x.name).join(' ')} -o custom-columns=NAME:.metadata.name,TYPE:.type`,
          ),
        ]
      : []),
    ...(cause === 'auth' && secrets[0]
      ? [
          kubectl(s, `get secret ${secrets[0].name} -o jsonpath='{.data.\\.dockerconfigjson}'`) +
            " | base64 -d | jq -r '.auths | keys[]'",
        ]
      : []),
    kubectl(s, `get serviceaccount ${serviceAccountName(s)} -o yaml`),
  ];
  return {
    check: 'image-pull',
    severity: 'critical',
    summary: `${label(c)}: ${summaries[cause](image, registry)}`,
    evidence,
    query: `${waiting?.reason ?? 'ImagePullBackOff'} ${decisive ?? messages[0] ?? `Failed to pull image "${image}"`}`,
    topics: ['imagepullbackoff', 'errimagepull', '이미지를 가져오', '가져오기 실패'],
    commands,
    container: c.name,
  };
}

function serviceAccountName(s: PodSnapshot): string {
  return s.pod.spec?.serviceAccountName ?? s.pod.spec?.serviceAccount ?? 'default';
}

function attachedSecrets(s: PodSnapshot): SecretSighting[] {
  const sa = serviceAccountName(s);
  const seen = new Map<string, SecretSighting>();
  for (const ref of s.pod.spec?.imagePullSecrets ?? []) {
    if (ref.name) seen.set(ref.name, { name: ref.name, from: 'the pod spec' });
  }
  for (const ref of s.serviceAccount?.imagePullSecrets ?? []) {
    if (ref.name && !seen.has(ref.name)) seen.set(ref.name, { name: ref.name, from: `service account \`${sa}\`` });
  }
  return [...seen.values()];
}

/**
 * Names the kubelet could not retrieve, from its FailedToRetrieveImagePullSecret events ("Unable to
 * retrieve some image pull secrets (a, b); attempting to pull the image may not succeed."): a missing
 * secret shows there without the bot reading any secret.
 */
function unretrievedPullSecrets(s: PodSnapshot): Set<string> {
  const names = new Set<string>();
  for (const e of s.events) {
    if (e.reason !== 'FailedToRetrieveImagePullSecret') continue;
    const list = /\(([^)]*)\)/.exec(e.message ?? '')?.[1] ?? '';
    for (const name of list.split(',')) if (name.trim()) names.add(name.trim());
  }
  return names;
}

/** What the corpus's ImagePullBackOff sections ask a person to check, by secret names and types only. */
function secretEvidence(s: PodSnapshot, registry: string, cause: string): string[] {
  const attached = attachedSecrets(s);
  const lines: string[] = [];
  if (attached.length === 0) {
    const saNote = s.serviceAccount ? '' : ' (the service account could not be read)';
    lines.push(`no imagePullSecret attached to the pod or its service account \`${serviceAccountName(s)}\`${saNote}`);
    if (cause === 'auth') lines.push(`a private registry such as ${registry} needs one`);
    return lines;
  }
  const host = registry.replace(/:\d+$/, '');
  const unretrieved = unretrievedPullSecrets(s);
  const eventsRead = !s.gaps.some((g) => g.what === 'events');
  for (const secret of attached) {
    const check = s.pullSecrets?.find((p) => p.name === secret.name);
    const where = check
      ? check.found
        ? check.type
          ? `exists in namespace \`${s.namespace}\`, type ${check.type}`
          : `exists in namespace \`${s.namespace}\` but is not of a pull-secret type (kubernetes.io/dockerconfigjson or kubernetes.io/dockercfg): the kubelet ignores it`
        : `MISSING from namespace \`${s.namespace}\` (pull secrets are per namespace)`
      : unretrieved.has(secret.name)
        ? 'MISSING or unreadable: the kubelet could not retrieve it (FailedToRetrieveImagePullSecret)'
        : eventsRead
          ? 'no FailedToRetrieveImagePullSecret event names it (the bot does not read secrets to check further)'
          : 'not verified (the bot does not read secrets, and the events could not be read)';
    lines.push(`imagePullSecret \`${secret.name}\` from ${secret.from}: ${where}`);
  }
  const named = attached.filter((x) => /[a-z0-9]+[.-](io|com|net|org|dev|cloud)\b/i.test(x.name));
  if (named.length > 0) {
    const matching = named.filter((x) => slug(x.name).includes(slug(host)) || slug(host).includes(slug(x.name)));
    lines.push(
      matching.length > 0
        ? `secret name \`${matching[0]?.name}\` suggests the image's registry ${host}`
        : `no attached secret's name mentions the image's registry ${host} (${named.map((x) => `\`${x.name}\``).join(', ')} look like other registries)`,
    );
  }
  return lines;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

export const imagePull: Check = {
  name: 'image-pull',
  description: 'ErrImagePull / ImagePullBackOff: authentication vs not found vs network, and the pull secrets attached',
  reads: ['events', 'serviceaccounts', 'secrets by name (names and types, optional grant)'],
  run({ snapshot }) {
    return containers(snapshot.pod)
      .filter((c) => pullReasons.has(c.status?.state?.waiting?.reason ?? ''))
      .map((c) => pullFinding(snapshot, c));
  },
};
