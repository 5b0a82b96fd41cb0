import type { CoreV1Event, V1Container, V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import type { PodSnapshot } from '../snapshot.ts';
import { formatAge, toMs } from '../time.ts';

export interface ContainerView {
  readonly name: string;
  readonly init: boolean;
  readonly spec?: V1Container;
  readonly status?: V1ContainerStatus;
}

/** Every init container, then every container, each with its spec and status side by side. */
export function containers(pod: V1Pod): ContainerView[] {
  const view = (specs: V1Container[] | undefined, statuses: V1ContainerStatus[] | undefined, init: boolean) => {
    const names = [...new Set([...(specs ?? []).map((c) => c.name), ...(statuses ?? []).map((s) => s.name)])];
    return names.map((name) => {
      const spec = specs?.find((c) => c.name === name);
      const status = statuses?.find((s) => s.name === name);
      return { name, init, ...(spec ? { spec } : {}), ...(status ? { status } : {}) };
    });
  };
  return [
    ...view(pod.spec?.initContainers, pod.status?.initContainerStatuses, true),
    ...view(pod.spec?.containers, pod.status?.containerStatuses, false),
  ];
}

export function label(c: ContainerView): string {
  return c.init ? `init container \`${c.name}\`` : `container \`${c.name}\``;
}

/** "Warning Failed (x3, 5m ago): message" — one line of evidence. */
export function eventLine(e: CoreV1Event, nowMs: number): string {
  const count = e.count ?? e.series?.count ?? 1;
  const at = toMs(e.lastTimestamp) ?? toMs(e.eventTime) ?? toMs(e.firstTimestamp);
  const when = at === undefined ? '' : `${formatAge(nowMs - at)} ago`;
  const meta = [count > 1 ? `x${count}` : '', when].filter(Boolean).join(', ');
  return `event ${e.type ?? 'Normal'} ${e.reason ?? ''}${meta ? ` (${meta})` : ''}: ${oneLine(e.message ?? '')}`;
}

export function oneLine(text: string, max = 400): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

export function warnings(s: PodSnapshot, reasons?: readonly string[]): CoreV1Event[] {
  return s.events.filter((e) => e.type === 'Warning' && (!reasons || reasons.includes(e.reason ?? '')));
}

/** `kubectl … -n ns --context c` with the snapshot's names filled in. */
export function kubectl(s: PodSnapshot, args: string): string {
  return `kubectl ${args} -n ${s.namespace} --context ${s.cluster}`;
}

export function describePod(s: PodSnapshot): string {
  return kubectl(s, `describe pod ${s.name}`);
}

export function podEvents(s: PodSnapshot): string {
  return kubectl(s, `get events --field-selector involvedObject.name=${s.name} --sort-by=.lastTimestamp`);
}
