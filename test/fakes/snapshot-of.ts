import type { CoreV1Event, V1Pod } from '@kubernetes/client-node';
import type { PodSnapshot } from '../../src/diagnosis/snapshot.ts';
import { sortEventsNewestFirst } from '../../src/diagnosis/snapshot.ts';
import { readFixture } from './k8s-fixtures.ts';

/**
 * A snapshot straight from a fixture's JSON, for check tests that vary one field (timestamps stay
 * strings; the checks read both). `edit` gets a deep copy of the pod to change.
 */
export function snapshotOf(
  fixture: string,
  options: {
    edit?: (pod: V1Pod) => void;
    events?: CoreV1Event[];
    now?: string;
    extra?: Partial<PodSnapshot>;
  } = {},
): PodSnapshot {
  const f = readFixture(fixture);
  const pod = structuredClone(f.pod) as V1Pod;
  options.edit?.(pod);
  const logs = f.logs
    ? [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]
        .filter((s) => (s.restartCount ?? 0) > 0)
        .map((s) => ({ container: s.name, previous: true, text: f.logs }))
    : [];
  return {
    cluster: 'test',
    namespace: pod.metadata?.namespace ?? 'default',
    name: pod.metadata?.name ?? '',
    pod,
    events: sortEventsNewestFirst(options.events ?? (f.events as CoreV1Event[])),
    ownerEvents: [],
    logs,
    owners: [],
    gaps: [],
    nowMs: options.now ? Date.parse(options.now) : Date.now(),
    ...options.extra,
  };
}
