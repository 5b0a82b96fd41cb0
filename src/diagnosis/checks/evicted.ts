import type { Check } from '../check.ts';
import { describePod, eventLine, kubectl, oneLine, warnings } from './helpers.ts';

const pressures: readonly [RegExp, string][] = [
  [/DiskPressure|ephemeral[- ]storage|nodefs|imagefs/i, 'disk (DiskPressure / ephemeral storage)'],
  [/MemoryPressure|\bmemory\b/i, 'memory (MemoryPressure)'],
  [/PIDPressure|\bpids?\b/i, 'process ids (PIDPressure)'],
];

export const evicted: Check = {
  name: 'evicted',
  description: 'pods the kubelet evicted, with the node pressure that caused it',
  reads: ['events'],
  run({ snapshot: s }) {
    const status = s.pod.status;
    const events = warnings(s, ['Evicted']);
    if (status?.reason !== 'Evicted' && events.length === 0) return [];
    const message = status?.message ?? events[0]?.message ?? '';
    const pressure = pressures.find(([p]) => p.test(message))?.[1];
    return [
      {
        check: 'evicted',
        severity: 'critical',
        summary: `The kubelet evicted the pod${pressure ? ` because its node ran low on ${pressure}` : ''}${s.pod.spec?.nodeName ? ` (node ${s.pod.spec.nodeName})` : ''}.`,
        evidence: [
          `status: phase ${status?.phase ?? '?'}, reason ${status?.reason ?? '?'}${message ? `, message "${oneLine(message)}"` : ''}`,
          ...events.slice(0, 3).map((e) => eventLine(e, s.nowMs)),
        ],
        query: `Status: Failed Reason: Evicted Message: ${oneLine(message)}`,
        topics: ['evict', '예기치 않게 제거'],
        commands: [
          describePod(s),
          ...(s.pod.spec?.nodeName ? [`kubectl describe node ${s.pod.spec.nodeName} --context ${s.cluster}`] : []),
          kubectl(s, 'get pods --field-selector=status.phase=Failed'),
        ],
      },
    ];
  },
};
