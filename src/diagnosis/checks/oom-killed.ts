import type { Check, Finding } from '../check.ts';
import type { PodSnapshot } from '../snapshot.ts';
import { formatAge, toMs } from '../time.ts';
import { type ContainerView, containers, describePod, kubectl, label } from './helpers.ts';
import { isRecent, lastTermination, logsCommand, stillRestarting, terminationEvidence } from './termination.ts';

/** OOMKilled now, or in the previous instance while that is recent or the container still restarts. */
function oomKilled(s: PodSnapshot, c: ContainerView): boolean {
  const t = lastTermination(c);
  if (t?.terminated.reason !== 'OOMKilled') return false;
  return t.current || stillRestarting(c) || isRecent(s, t.terminated);
}

function oomFinding(s: PodSnapshot, c: ContainerView): Finding {
  const limit = c.spec?.resources?.limits?.['memory'];
  const request = c.spec?.resources?.requests?.['memory'];
  const { lines } = terminationEvidence(s, c);
  const owner = s.owners.at(-1);
  return {
    check: 'oom-killed',
    severity: 'critical',
    summary: limit
      ? `${label(c)} was OOMKilled: it hit its memory limit of ${limit}.`
      : `${label(c)} was OOMKilled with no memory limit set: the node ran out of memory.`,
    evidence: [
      ...lines,
      `memory limit: ${limit ?? 'none'}; request: ${request ?? 'none'}`,
      ...(s.pod.spec?.nodeName ? [`node: ${s.pod.spec.nodeName}`] : []),
    ],
    query: 'Last State: Terminated Reason: OOMKilled Exit Code: 137',
    topics: ['oomkilled', '다시 시작이 계속 실패', '예기치 않게 제거'],
    commands: [
      describePod(s),
      kubectl(s, `top pod ${s.name} --containers`),
      ...(owner
        ? [kubectl(s, `set resources ${owner.kind.toLowerCase()}/${owner.name} -c ${c.name} --limits=memory=<more>`)]
        : []),
      logsCommand(s, c, !lastTermination(c)?.current),
    ],
    container: c.name,
  };
}

/**
 * The previous instance was OOMKilled long ago and the container has run since: not a problem now, but the
 * first thing a person asks about a pod with restarts, so it is noted with the time and the limit.
 */
function pastOomNote(s: PodSnapshot, c: ContainerView): Finding | undefined {
  const t = lastTermination(c);
  if (t?.current !== false || t.terminated.reason !== 'OOMKilled' || !c.status?.state?.running) return undefined;
  const limit = c.spec?.resources?.limits?.['memory'];
  const at = toMs(t.terminated.finishedAt);
  const when =
    at === undefined ? '' : ` at ${new Date(at).toISOString().replace('.000Z', 'Z')} (${formatAge(s.nowMs - at)} ago)`;
  return {
    check: 'oom-killed',
    severity: 'info',
    summary: `Last restart of ${label(c)}: OOMKilled${when}, ${limit ? `limit ${limit}` : 'no memory limit set'}; running since.`,
    evidence: [
      ...terminationEvidence(s, c).lines,
      `memory limit: ${limit ?? 'none'}; request: ${c.spec?.resources?.requests?.['memory'] ?? 'none'}`,
    ],
    // A note, not a failure to fix: no documented section is linked to it.
    query: '',
    commands: [kubectl(s, `top pod ${s.name} --containers`), describePod(s)],
    container: c.name,
  };
}

export const oomKilledCheck: Check = {
  name: 'oom-killed',
  description: 'OOMKilled containers (exit 137) with the memory limit they hit; an old OOMKill as a note',
  reads: ['pods/log'],
  run({ snapshot }) {
    return containers(snapshot.pod).flatMap((c) => {
      if (oomKilled(snapshot, c)) return [oomFinding(snapshot, c)];
      const note = pastOomNote(snapshot, c);
      return note ? [note] : [];
    });
  },
};
