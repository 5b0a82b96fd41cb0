import type { V1Probe } from '@kubernetes/client-node';
import type { Check, Finding } from '../check.ts';
import type { PodSnapshot } from '../snapshot.ts';
import { containers, describePod, eventLine, kubectl } from './helpers.ts';

function describeProbe(p: V1Probe | undefined): string {
  if (!p) return 'none';
  const how = p.httpGet
    ? `HTTP GET :${p.httpGet.port}${p.httpGet.path ?? '/'}`
    : p.tcpSocket
      ? `TCP :${p.tcpSocket.port}`
      : p.grpc
        ? `gRPC :${p.grpc.port}`
        : p.exec
          ? `exec ${(p.exec.command ?? []).join(' ').slice(0, 80)}`
          : 'unknown';
  return `${how}, timeout ${p.timeoutSeconds ?? 1}s, every ${p.periodSeconds ?? 10}s, failureThreshold ${p.failureThreshold ?? 3}`;
}

const kinds = [
  { kind: 'Readiness', field: 'readinessProbe', effect: 'the pod gets no Service traffic while it fails' },
  { kind: 'Liveness', field: 'livenessProbe', effect: 'the kubelet restarts the container each time it fails' },
  { kind: 'Startup', field: 'startupProbe', effect: 'the container is restarted if it never passes' },
] as const;

function probeFindings(s: PodSnapshot): Finding[] {
  const findings: Finding[] = [];
  const unhealthy = s.events.filter((e) => e.reason === 'Unhealthy');
  for (const { kind, field, effect } of kinds) {
    const events = unhealthy.filter((e) => (e.message ?? '').startsWith(`${kind} probe`));
    if (events.length === 0) continue;
    // Events name no container; the one with this probe that is not ready (or restarting) is the suspect.
    const suspects = containers(s.pod).filter((c) => !c.init && c.spec?.[field]);
    const notReady = suspects.find((c) => c.status && !c.status.ready) ?? suspects[0];
    const total = events.reduce((n, e) => n + (e.count ?? 1), 0);
    const stillFailing = kind !== 'Readiness' || (notReady?.status !== undefined && !notReady.status.ready);
    findings.push({
      check: 'probes',
      severity: stillFailing ? (kind === 'Readiness' ? 'warning' : 'critical') : 'info',
      summary: `${kind} probe${notReady ? ` of container \`${notReady.name}\`` : ''} failed ${total} time${total === 1 ? '' : 's'}: ${effect}.`,
      evidence: [
        `${kind.toLowerCase()} probe: ${describeProbe(notReady?.spec?.[field])}`,
        ...(notReady?.status
          ? [
              `container \`${notReady.name}\` ready: ${notReady.status.ready}, restarts: ${notReady.status.restartCount}`,
            ]
          : []),
        ...events.slice(0, 4).map((e) => eventLine(e, s.nowMs)),
      ],
      query: `Warning Unhealthy ${events[0]?.message ?? `${kind} probe failed`}`,
      topics: [`${kind.toLowerCase()} probe`],
      commands: [describePod(s), ...(notReady ? [kubectl(s, `logs ${s.name} -c ${notReady.name} --tail 50`)] : [])],
      ...(notReady ? { container: notReady.name } : {}),
    });
  }
  return findings;
}

export const probes: Check = {
  name: 'probes',
  description: 'failing readiness, liveness and startup probes',
  reads: ['events'],
  run({ snapshot }) {
    return probeFindings(snapshot);
  },
};
