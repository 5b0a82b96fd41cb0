import type { Check } from '../check.ts';
import { eventLine, kubectl, oneLine } from './helpers.ts';

const rejected =
  /unable to validate against any pod security policy|violates PodSecurity|forbidden: .*pod security|PodSecurityPolicy/i;

export const podSecurity: Check = {
  name: 'pod-security',
  description: 'pod security admission rejections recorded on the pod or its owner',
  reads: ['events'],
  run({ snapshot: s }) {
    const events = [...s.events, ...s.ownerEvents].filter((e) => rejected.test(e.message ?? ''));
    if (events.length === 0) return [];
    const message = events[0]?.message ?? '';
    const owner = s.owners[0];
    const psa = /violates PodSecurity/i.test(message);
    return [
      {
        check: 'pod-security',
        severity: 'critical',
        summary: psa
          ? `Pod Security admission rejects pods of ${owner ? `${owner.kind} \`${owner.name}\`` : 'this workload'}: they violate the namespace's Pod Security level.`
          : `A pod security policy rejects pods of ${owner ? `${owner.kind} \`${owner.name}\`` : 'this workload'}: no policy allows its service account to create them.`,
        evidence: events
          .slice(0, 3)
          .map((e) => `${e.involvedObject?.kind ?? ''} ${e.involvedObject?.name ?? ''}: ${eventLine(e, s.nowMs)}`),
        query: oneLine(message, 300),
        topics: ['pod security', '보안 정책'],
        commands: [
          ...(owner ? [kubectl(s, `describe ${owner.kind.toLowerCase()} ${owner.name}`)] : []),
          `kubectl get namespace ${s.namespace} --show-labels --context ${s.cluster}`,
        ],
      },
    ];
  },
};
