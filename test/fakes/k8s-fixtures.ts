import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FakeCluster } from './fake-apiserver.ts';

const dir = fileURLToPath(new URL('../fixtures/k8s/', import.meta.url));

// biome-ignore lint/suspicious/noExplicitAny: fixtures are raw JSON API objects
type Obj = Record<string, any>;

export interface PodFixture {
  readonly pod: Obj;
  readonly events: Obj[];
  readonly logs: string;
}

export function readFixture(name: string): PodFixture {
  const raw = JSON.parse(readFileSync(`${dir}${name}.json`, 'utf8')) as PodFixture;
  return { pod: raw.pod, events: raw.events ?? [], logs: raw.logs ?? '' };
}

export function readNodes(name: string): Obj[] {
  return (JSON.parse(readFileSync(`${dir}${name}.json`, 'utf8')) as { items: Obj[] }).items;
}

/**
 * One fixture as a fake cluster: the pod, its events, and its log served as the previous instance's
 * log of each container that restarted (or the current one's when none did).
 */
export function clusterFromFixture(name: string, extra: FakeCluster = {}): FakeCluster {
  const f = readFixture(name);
  const ns = f.pod['metadata'].namespace as string;
  const podName = f.pod['metadata'].name as string;
  const logs: Record<string, string> = {};
  if (f.logs !== '') {
    for (const s of [
      ...(f.pod['status']?.initContainerStatuses ?? []),
      ...(f.pod['status']?.containerStatuses ?? []),
    ]) {
      const previous = (s.restartCount ?? 0) > 0 || s.lastState?.terminated !== undefined;
      logs[`${ns}/${podName}/${s.name}${previous ? '/previous' : ''}`] = f.logs;
    }
  }
  return {
    ...extra,
    pods: [f.pod, ...(extra.pods ?? [])],
    events: [...f.events, ...(extra.events ?? [])],
    logs: { ...logs, ...extra.logs },
  };
}
