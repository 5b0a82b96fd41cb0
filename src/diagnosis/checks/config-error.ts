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

/** Which env entries and volumes of the container refer to the missing object. */
function references(c: ContainerView, kind: 'secret' | 'configmap', name: string): string[] {
  const refs: string[] = [];
  for (const env of c.spec?.env ?? []) {
    const ref = kind === 'secret' ? env.valueFrom?.secretKeyRef : env.valueFrom?.configMapKeyRef;
    if (ref?.name === name)
      refs.push(`env ${env.name} ← ${kind} \`${name}\` key \`${ref.key}\`${ref.optional ? ' (optional)' : ''}`);
  }
  for (const from of c.spec?.envFrom ?? []) {
    const ref = kind === 'secret' ? from.secretRef : from.configMapRef;
    if (ref?.name === name) refs.push(`envFrom ← ${kind} \`${name}\``);
  }
  return refs;
}

function configFinding(s: PodSnapshot, c: ContainerView): Finding {
  const message = c.status?.state?.waiting?.message ?? '';
  const m =
    /(secret|configmap)s? "([^"]+)" not found|couldn't find key (\S+) in (Secret|ConfigMap) ([^/\s]+)\/(\S+)/i.exec(
      message,
    );
  const kind = (m?.[1] ?? m?.[4] ?? '').toLowerCase() as 'secret' | 'configmap' | '';
  const name = m?.[2] ?? m?.[6] ?? '';
  const key = m?.[3];
  const what =
    kind === '' ? 'a referenced secret or config map' : `${kind === 'secret' ? 'Secret' : 'ConfigMap'} \`${name}\``;
  const refs = kind === '' ? [] : references(c, kind, name);
  return {
    check: 'config-error',
    severity: 'critical',
    summary: `${label(c)} cannot start: ${key ? `key \`${key}\` is missing from ${what}` : `${what} does not exist in namespace \`${s.namespace}\``}.`,
    evidence: [
      `${label(c)} waiting CreateContainerConfigError: ${oneLine(message)}`,
      ...refs,
      ...warnings(s, ['Failed'])
        .slice(0, 2)
        .map((e) => eventLine(e, s.nowMs)),
    ],
    query: `CreateContainerConfigError ${message}`,
    topics: ['createcontainerconfigerror'],
    commands: [
      ...(kind !== '' ? [kubectl(s, `get ${kind} ${name}`)] : []),
      ...(kind === 'configmap' ? [kubectl(s, `get configmap ${name} -o jsonpath='{.data}'`)] : []),
      describePod(s),
    ],
    container: c.name,
  };
}

export const configError: Check = {
  name: 'config-error',
  description: 'CreateContainerConfigError: a missing secret or config map, or a missing key in one',
  reads: ['events'],
  run({ snapshot }) {
    return containers(snapshot.pod)
      .filter((c) => c.status?.state?.waiting?.reason === 'CreateContainerConfigError')
      .map((c) => configFinding(snapshot, c));
  },
};
