import type { CoreV1Event } from '@kubernetes/client-node';
import type { Check, Finding } from '../check.ts';
import type { PodSnapshot } from '../snapshot.ts';
import { describePod, eventLine, oneLine, warnings } from './helpers.ts';

const reasons = ['FailedMount', 'FailedAttachVolume', 'FailedCreatePodSandBox', 'FailedKillPodSandBox', 'FailedSync'];

function onWindows(s: PodSnapshot): boolean {
  const selector = s.pod.spec?.nodeSelector ?? {};
  return selector['kubernetes.io/os'] === 'windows' || selector['beta.kubernetes.io/os'] === 'windows';
}

const allocate = /failed to allocate for range|no IP addresses available|range is full|ip.*exhausted/i;

/** What a sandbox error means: IP exhaustion, the Windows pause image, or the CNI in general. */
function sandboxCause(message: string, windows: boolean): string {
  if (allocate.test(message))
    return "the node's pod IP range is used up (leaked endpoints or too many pods): the CNI cannot allocate an address";
  if (windows || /pause|hcs|hcsshim|operating system does not match|windows/i.test(message))
    return 'the Windows pause (infrastructure) image is missing or does not match the node OS version';
  if (/cni|network plugin|networkPlugin/i.test(message))
    return 'the network plugin (CNI) failed to set up the pod network';
  return 'the container runtime could not create the pod sandbox';
}

function mountFinding(s: PodSnapshot, events: CoreV1Event[]): Finding {
  const latest = events[0];
  const volume = /volume "([^"]+)"/.exec(latest?.message ?? '')?.[1];
  // A later successful mount of the same volume means it recovered; keep the finding, lower the alarm.
  const recovered =
    volume !== undefined &&
    s.events.some(
      (e) =>
        e.type === 'Normal' &&
        /Mount/.test(e.reason ?? '') &&
        (e.message ?? '').includes(`"${volume}"`) &&
        s.events.indexOf(e) < s.events.indexOf(latest as CoreV1Event),
    );
  return {
    check: 'container-creating',
    severity: recovered ? 'warning' : 'critical',
    summary: `A volume${volume ? ` (\`${volume}\`)` : ''} cannot be mounted, so the containers are not created${recovered ? ' (a later event says it mounted since)' : ''}.`,
    evidence: events.slice(0, 4).map((e) => eventLine(e, s.nowMs)),
    query: `Warning ${latest?.reason ?? 'FailedMount'} ${latest?.message ?? ''}`,
    commands: [describePod(s), `kubectl get pvc,pv -n ${s.namespace} --context ${s.cluster}`],
  };
}

function sandboxFinding(s: PodSnapshot, events: CoreV1Event[]): Finding {
  const message = events[0]?.message ?? '';
  const windows = onWindows(s);
  return {
    check: 'container-creating',
    severity: 'critical',
    summary: `The pod sandbox cannot be created: ${sandboxCause(message, windows)}.`,
    evidence: [
      ...events.slice(0, 4).map((e) => eventLine(e, s.nowMs)),
      ...(s.pod.spec?.nodeName ? [`node: ${s.pod.spec.nodeName}${windows ? ' (Windows)' : ''}`] : []),
    ],
    query: `Warning FailedCreatePodSandBox ${oneLine(message, 300)}`,
    topics: allocate.test(message) ? ['범위에 할당', 'allocate for range'] : windows ? ['containercreating'] : [],
    commands: [
      describePod(s),
      ...(s.pod.spec?.nodeName ? [`kubectl describe node ${s.pod.spec.nodeName} --context ${s.cluster}`] : []),
      `kubectl get pods -A -o wide --field-selector spec.nodeName=${s.pod.spec?.nodeName ?? '<node>'} --context ${s.cluster}`,
    ],
  };
}

export const containerCreating: Check = {
  name: 'container-creating',
  description: 'pods stuck creating containers: FailedMount, FailedCreatePodSandBox (IP ranges, Windows pause image)',
  reads: ['events'],
  run({ snapshot: s }) {
    const phase = s.pod.status?.phase;
    const statuses = s.pod.status?.containerStatuses ?? [];
    const creating =
      statuses.some((c) => c.state?.waiting?.reason === 'ContainerCreating') ||
      (phase === 'Pending' && !!s.pod.spec?.nodeName);
    const stuck = creating || statuses.length === 0;
    if (!stuck || phase === 'Succeeded' || phase === 'Failed') return [];
    const events = warnings(s, reasons);
    const findings: Finding[] = [];
    const mounts = events.filter((e) => e.reason === 'FailedMount' || e.reason === 'FailedAttachVolume');
    const sandbox = events.filter((e) => e.reason === 'FailedCreatePodSandBox' || e.reason === 'FailedKillPodSandBox');
    if (mounts.length > 0) findings.push(mountFinding(s, mounts));
    if (sandbox.length > 0) findings.push(sandboxFinding(s, sandbox));
    return findings;
  },
};
