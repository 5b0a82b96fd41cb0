import type { V1ContainerStateTerminated } from '@kubernetes/client-node';
import { exitCodeMeaning } from '../exit-codes.ts';
import { findSignatures, firstErrorLine } from '../log-signatures.ts';
import type { PodSnapshot } from '../snapshot.ts';
import { formatAge, toMs } from '../time.ts';
import { type ContainerView, kubectl, label, oneLine } from './helpers.ts';

/** A termination counts as current while it is this recent, or while the container keeps restarting. */
export const RECENT_MS = 60 * 60 * 1000;

/** The container's most telling termination: the current one if it has ended, else the previous instance's. */
export function lastTermination(
  c: ContainerView,
): { terminated: V1ContainerStateTerminated; current: boolean } | undefined {
  const now = c.status?.state?.terminated;
  if (now) return { terminated: now, current: true };
  const last = c.status?.lastState?.terminated;
  return last ? { terminated: last, current: false } : undefined;
}

export function isRecent(s: PodSnapshot, t: V1ContainerStateTerminated): boolean {
  const at = toMs(t.finishedAt) ?? toMs(t.startedAt);
  return at !== undefined && s.nowMs - at <= RECENT_MS;
}

export function stillRestarting(c: ContainerView): boolean {
  return c.status?.state?.waiting?.reason === 'CrashLoopBackOff';
}

/** Evidence lines for a termination: exit code and meaning, when, restarts, and the log's first error. */
export function terminationEvidence(
  s: PodSnapshot,
  c: ContainerView,
): { lines: string[]; logLine?: string; signatures: string[] } {
  const lines: string[] = [];
  const waiting = c.status?.state?.waiting;
  if (waiting?.reason)
    lines.push(`${label(c)} waiting ${waiting.reason}${waiting.message ? `: ${oneLine(waiting.message)}` : ''}`);
  const t = lastTermination(c);
  if (t) {
    const { terminated } = t;
    const at = toMs(terminated.finishedAt);
    const when = at === undefined ? '' : `, ${formatAge(s.nowMs - at)} ago`;
    lines.push(
      `${t.current ? 'exited' : 'last instance exited'} with code ${terminated.exitCode} (${terminated.reason ?? 'no reason'}${when}): ${exitCodeMeaning(terminated.exitCode)}`,
    );
    if (terminated.message) lines.push(`termination message: ${oneLine(terminated.message)}`);
  }
  const restarts = c.status?.restartCount ?? 0;
  if (restarts > 0) lines.push(`restarted ${restarts} time${restarts === 1 ? '' : 's'}`);
  const log = s.logs.find((l) => l.container === c.name);
  const logLine = log ? firstErrorLine(log.text) : undefined;
  if (log && logLine) lines.push(`${log.previous ? 'previous instance log' : 'log'}: ${logLine}`);
  const text = `${log?.text ?? ''}\n${t?.terminated.message ?? ''}`;
  const signatures = findSignatures(text).map((f) => `${f.detail ?? f.signature.name}: ${f.signature.hint}`);
  for (const sig of signatures) lines.push(`log signature: ${sig}`);
  return { lines, ...(logLine ? { logLine } : {}), signatures };
}

export function logsCommand(s: PodSnapshot, c: ContainerView, previous: boolean): string {
  return kubectl(s, `logs ${s.name} -c ${c.name}${previous ? ' --previous' : ''} --tail 50`);
}
