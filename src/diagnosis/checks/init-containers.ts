import type { Check, Finding } from '../check.ts';
import type { PodSnapshot } from '../snapshot.ts';
import { type ContainerView, containers, describePod, eventLine, label, warnings } from './helpers.ts';
import { lastTermination, logsCommand, stillRestarting, terminationEvidence } from './termination.ts';

/** An init container that fails blocks every main container (they wait in PodInitializing). */
function failing(s: PodSnapshot, c: ContainerView): boolean {
  if (!c.init || s.pod.status?.phase === 'Succeeded') return false;
  const initialized = s.pod.status?.conditions?.find((x) => x.type === 'Initialized')?.status === 'True';
  if (initialized) return false;
  if (stillRestarting(c)) return true;
  const t = lastTermination(c);
  return t !== undefined && t.terminated.exitCode !== 0;
}

function initFinding(s: PodSnapshot, c: ContainerView): Finding {
  const { lines, logLine } = terminationEvidence(s, c);
  const t = lastTermination(c);
  const cause = logLine ?? t?.terminated.message ?? t?.terminated.reason ?? '';
  const waitingMain = containers(s.pod).filter(
    (x) => !x.init && x.status?.state?.waiting?.reason === 'PodInitializing',
  );
  const events = warnings(s, ['Failed', 'BackOff']).filter(
    (e) => (e.message ?? '').includes(c.name) || e.reason === 'Failed',
  );
  return {
    check: 'init-containers',
    severity: 'critical',
    summary: `${label(c)} fails${t ? ` (exit code ${t.terminated.exitCode}, ${t.terminated.reason ?? 'Error'})` : ''}, so the pod never starts its main containers.`,
    evidence: [
      ...lines,
      ...(waitingMain.length > 0
        ? [`waiting for it: ${waitingMain.map((x) => `\`${x.name}\` (PodInitializing)`).join(', ')}`]
        : []),
      ...events.slice(0, 3).map((e) => eventLine(e, s.nowMs)),
    ],
    query: `Init:CrashLoopBackOff ${cause}`,
    topics: ['init container', '초기화 컨테이너'],
    commands: [logsCommand(s, c, (c.status?.restartCount ?? 0) > 0), describePod(s)],
    container: c.name,
  };
}

export const initContainers: Check = {
  name: 'init-containers',
  description: 'failing init containers that keep the pod from starting',
  reads: ['events', 'pods/log'],
  run({ snapshot }) {
    return containers(snapshot.pod)
      .filter((c) => failing(snapshot, c))
      .map((c) => initFinding(snapshot, c));
  },
};
