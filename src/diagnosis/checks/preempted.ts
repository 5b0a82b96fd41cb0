import type { Check } from '../check.ts';
import { describePod, eventLine, oneLine } from './helpers.ts';

export const preempted: Check = {
  name: 'preempted',
  description: 'pods preempted by higher-priority pods, with the priority classes involved',
  reads: ['events', 'priorityclasses'],
  run({ snapshot: s }) {
    const events = s.events.filter((e) => e.reason === 'Preempted' || e.reason === 'Preempting');
    const condition = s.pod.status?.conditions?.find(
      (c) => c.type === 'DisruptionTarget' && c.reason === 'PreemptionByScheduler',
    );
    if (events.length === 0 && !condition && s.pod.status?.reason !== 'Preempting') return [];
    const pc = s.pod.spec?.priorityClassName;
    const priority = s.pod.spec?.priority;
    return [
      {
        check: 'preempted',
        severity: 'warning',
        summary: `The scheduler preempted this pod to make room for a higher-priority pod (its priority: ${priority ?? 0}${pc ? `, class \`${pc}\`` : ''}).`,
        evidence: [
          ...(condition ? [`condition DisruptionTarget: ${oneLine(condition.message ?? condition.reason ?? '')}`] : []),
          ...events.slice(0, 3).map((e) => eventLine(e, s.nowMs)),
          `priority ${priority ?? 0}${pc ? ` from PriorityClass \`${pc}\`` : ' (no PriorityClass)'}${s.priorityClass?.value !== undefined ? ` = ${s.priorityClass.value}` : ''}`,
        ],
        query: `Preempted ${events[0]?.message ?? 'Preempted by a higher priority pod'}`,
        topics: ['preempt', '선점'],
        commands: [describePod(s), `kubectl get priorityclasses --context ${s.cluster}`],
      },
    ];
  },
};
