import type { Check, Finding } from '../check.ts';
import type { PodSnapshot } from '../snapshot.ts';
import { type ContainerView, containers, describePod, eventLine, label, warnings } from './helpers.ts';
import { isRecent, lastTermination, logsCommand, stillRestarting, terminationEvidence } from './termination.ts';

/** A main container that keeps failing: CrashLoopBackOff, or a non-zero exit that is current. */
function crashing(s: PodSnapshot, c: ContainerView): boolean {
  if (c.init || s.pod.status?.phase === 'Succeeded') return false;
  const t = lastTermination(c);
  if (t?.terminated.reason === 'OOMKilled') return false; // the oom-killed check owns it
  if (stillRestarting(c)) return true;
  if (!t || t.terminated.exitCode === 0) return false;
  return t.current || isRecent(s, t.terminated);
}

function crashFinding(s: PodSnapshot, c: ContainerView): Finding {
  const { lines, logLine } = terminationEvidence(s, c);
  const t = lastTermination(c);
  const code = t?.terminated.exitCode;
  const backoffs = warnings(s, ['BackOff', 'Failed']).filter((e) => (e.message ?? '').includes(c.name));
  const looping = stillRestarting(c);
  return {
    check: 'crash-loop',
    severity: 'critical',
    summary: `${label(c)} ${looping ? 'is in CrashLoopBackOff' : 'failed'}${code !== undefined ? `: it exits with code ${code}` : ''}${logLine ? ` — "${logLine}"` : ''}.`,
    evidence: [...lines, ...backoffs.slice(0, 3).map((e) => eventLine(e, s.nowMs))],
    query: [
      looping ? 'CrashLoopBackOff' : 'container failed',
      'Back-off restarting failed container',
      logLine ?? '',
    ].join(' '),
    topics: ['crashloopbackoff', '다시 시작이 계속 실패'],
    commands: [logsCommand(s, c, !t?.current), describePod(s)],
    container: c.name,
  };
}

export const crashLoop: Check = {
  name: 'crash-loop',
  description: 'CrashLoopBackOff and failed containers: exit code meaning and the first error line of the log',
  reads: ['events', 'pods/log'],
  run({ snapshot }) {
    return containers(snapshot.pod)
      .filter((c) => crashing(snapshot, c))
      .map((c) => crashFinding(snapshot, c));
  },
};
