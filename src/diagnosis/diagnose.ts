import type { Logger } from '../log.ts';
import { redactSecrets } from '../redact.ts';
import type { Check, Finding } from './check.ts';
import { defaultChecks, fallbackChecks } from './checks/index.ts';
import { secretValuesOf } from './secret-values.ts';
import { allContainerStatuses, type Gap, type PodSnapshot } from './snapshot.ts';
import { toMs } from './time.ts';

/** The pod at a glance: the reply's summary line. */
export interface PodSummary {
  readonly cluster: string;
  readonly namespace: string;
  readonly pod: string;
  readonly phase: string;
  /** status.reason: "Evicted", "Preempting". */
  readonly reason?: string;
  readonly restarts: number;
  /** Undefined when the creation time is missing or malformed. */
  readonly ageMs: number | undefined;
  readonly node?: string;
  /** "Deployment/web" when the owner chain was read. */
  readonly owner?: string;
  readonly ready: boolean;
}

export interface Diagnosis {
  readonly summary: PodSummary;
  /** Most severe first; every string already redacted. */
  readonly findings: readonly Finding[];
  /** Checks that threw: the report went out without them. */
  readonly failedChecks: readonly string[];
  readonly gaps: readonly Gap[];
}

const rank = { critical: 0, warning: 1, info: 2 } as const;

/**
 * Runs every check on the snapshot (the fallback checks only when the others found nothing but notes). A check that throws is logged with its name and listed in
 * `failedChecks`; the rest still report. Summaries, evidence, queries and commands are redacted here,
 * once, so no check can leak a secret into a reply or a log.
 */
export function diagnose(
  snapshot: PodSnapshot,
  log: Logger,
  checks: { readonly primary?: readonly Check[]; readonly fallback?: readonly Check[] } = {},
): Diagnosis {
  const findings: Finding[] = [];
  const failedChecks: string[] = [];
  const run = (list: readonly Check[]) => {
    for (const check of list) {
      try {
        findings.push(...check.run({ snapshot, log: log.child({ check: check.name }) }));
      } catch (err) {
        log.error({ err, check: check.name }, 'diagnosis check failed');
        failedChecks.push(check.name);
      }
    }
  };
  run(checks.primary ?? defaultChecks);
  // Notes (an OOMKill long ago) explain no present trouble: the fallback still says what is missing.
  if (findings.every((f) => f.severity === 'info')) run(checks.fallback ?? fallbackChecks);
  const known = secretValuesOf(snapshot.pod);
  const clean = (s: string) => redactSecrets(s, known);
  const redacted = findings
    .map((f) => ({
      ...f,
      summary: clean(f.summary),
      evidence: f.evidence.map(clean),
      query: clean(f.query),
      commands: f.commands.map(clean),
    }))
    .sort((a, b) => rank[a.severity] - rank[b.severity]);
  return {
    summary: summarize(snapshot),
    findings: redacted,
    failedChecks,
    gaps: snapshot.gaps.map((g) => ({ what: g.what, reason: clean(g.reason) })),
  };
}

function summarize(s: PodSnapshot): PodSummary {
  const statuses = s.pod.status?.containerStatuses ?? [];
  const created = toMs(s.pod.metadata?.creationTimestamp);
  const top = s.owners.at(-1);
  return {
    cluster: s.cluster,
    namespace: s.namespace,
    pod: s.name,
    phase: s.pod.status?.phase ?? 'Unknown',
    ...(s.pod.status?.reason ? { reason: s.pod.status.reason } : {}),
    restarts: allContainerStatuses(s.pod).reduce((n, c) => n + (c.restartCount ?? 0), 0),
    ageMs: created === undefined ? undefined : Math.max(0, s.nowMs - created),
    ...(s.pod.spec?.nodeName ? { node: s.pod.spec.nodeName } : {}),
    ...(top ? { owner: `${top.kind}/${top.name}` } : {}),
    ready: statuses.length > 0 && statuses.every((c) => c.ready),
  };
}
