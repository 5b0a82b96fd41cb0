import type { V1Node, V1NodeSelectorRequirement, V1Pod, V1Taint, V1Toleration } from '@kubernetes/client-node';
import type { Check } from '../check.ts';
import { formatCpu, formatMemory, parseQuantity } from '../quantity.ts';
import type { PodSnapshot } from '../snapshot.ts';
import { describePod, eventLine, kubectl, oneLine, warnings } from './helpers.ts';

/** Effective requests: the larger of the sum over containers and the largest init container. */
export function podRequests(pod: V1Pod): { cpu: number; memory: number } {
  const of = (list: { resources?: { requests?: Record<string, string> } }[] | undefined, key: string) =>
    (list ?? []).map((c) => parseQuantity(c.resources?.requests?.[key]) ?? 0);
  const total = (key: string) =>
    Math.max(
      of(pod.spec?.containers, key).reduce((a, b) => a + b, 0),
      ...of(pod.spec?.initContainers, key),
      0,
    );
  return { cpu: total('cpu'), memory: total('memory') };
}

function tolerates(tolerations: readonly V1Toleration[], taint: V1Taint): boolean {
  return tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

function matchesRequirement(labels: Record<string, string>, r: V1NodeSelectorRequirement): boolean {
  const value = labels[r.key];
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
      return value !== undefined && Number(value) > Number(values[0]);
    case 'Lt':
      return value !== undefined && Number(value) < Number(values[0]);
    default:
      return false;
  }
}

function matchesAffinity(pod: V1Pod, node: V1Node): boolean {
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return true;
  const labels = node.metadata?.labels ?? {};
  return terms.some((t) => (t.matchExpressions ?? []).every((r) => matchesRequirement(labels, r)));
}

/** Reasons the scheduler cannot place the pod, worked out from the nodes and claims themselves. */
function analyse(s: PodSnapshot): { causes: string[]; evidence: string[] } {
  const causes: string[] = [];
  const evidence: string[] = [];
  const pod = s.pod;
  if (s.nodes) {
    const nodes = s.nodes;
    const req = podRequests(pod);
    evidence.push(
      `pod requests: cpu ${formatCpu(req.cpu)}, memory ${formatMemory(req.memory)}; ${nodes.length} node(s)`,
    );
    const cordoned = nodes.filter((n) => n.spec?.unschedulable);
    if (cordoned.length > 0) evidence.push(`cordoned: ${cordoned.map((n) => n.metadata?.name).join(', ')}`);
    const fitsCpu = nodes.filter((n) => (parseQuantity(n.status?.allocatable?.['cpu']) ?? 0) >= req.cpu);
    const fitsMem = nodes.filter((n) => (parseQuantity(n.status?.allocatable?.['memory']) ?? 0) >= req.memory);
    for (const n of nodes.slice(0, 5)) {
      const a = n.status?.allocatable ?? {};
      const taints = (n.spec?.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`);
      evidence.push(
        `node ${n.metadata?.name}: allocatable cpu ${a['cpu'] ?? '?'}, memory ${a['memory'] ?? '?'}${taints.length ? `; taints ${taints.join(', ')}` : ''}`,
      );
    }
    if (req.cpu > 0 && fitsCpu.length === 0)
      causes.push(`it requests ${formatCpu(req.cpu)} CPU, more than any node's allocatable CPU`);
    if (req.memory > 0 && fitsMem.length === 0)
      causes.push(`it requests ${formatMemory(req.memory)} memory, more than any node's allocatable memory`);
    const selector = pod.spec?.nodeSelector ?? {};
    const keys = Object.entries(selector);
    if (keys.length > 0) {
      const matching = nodes.filter((n) => keys.every(([k, v]) => n.metadata?.labels?.[k] === v));
      if (matching.length === 0)
        causes.push(`its nodeSelector ${keys.map(([k, v]) => `${k}=${v}`).join(', ')} matches no node`);
    }
    if (nodes.length > 0 && !nodes.some((n) => matchesAffinity(pod, n)))
      causes.push('its required node affinity matches no node');
    const tolerations = pod.spec?.tolerations ?? [];
    const blocked = nodes.filter((n) =>
      (n.spec?.taints ?? []).some(
        (t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(tolerations, t),
      ),
    );
    if (nodes.length > 0 && blocked.length === nodes.length) {
      const taint = (blocked[0]?.spec?.taints ?? []).find((t) => !tolerates(tolerations, t));
      causes.push(
        `every node has a taint the pod does not tolerate (e.g. ${taint?.key}${taint?.value ? `=${taint.value}` : ''}:${taint?.effect})`,
      );
    } else if (blocked.length > 0) {
      evidence.push(`${blocked.length} of ${nodes.length} node(s) carry taints the pod does not tolerate`);
    }
  }
  const claimNames = (pod.spec?.volumes ?? []).flatMap((v) =>
    v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : [],
  );
  if (s.claims) {
    for (const name of claimNames) {
      const claim = s.claims.find((c) => c.metadata?.name === name);
      if (!claim) causes.push(`its PersistentVolumeClaim \`${name}\` does not exist`);
      else if (claim.status?.phase !== 'Bound') {
        causes.push(`its PersistentVolumeClaim \`${name}\` is ${claim.status?.phase ?? 'not bound'}`);
        evidence.push(
          `PVC ${name}: phase ${claim.status?.phase ?? '?'}, storageClass ${claim.spec?.storageClassName ?? '(default)'}`,
        );
      }
    }
  }
  return { causes, evidence };
}

export const scheduling: Check = {
  name: 'scheduling',
  description: 'Pending pods the scheduler cannot place: resources, taints, selectors, affinity, unbound claims',
  reads: ['events', 'nodes', 'persistentvolumeclaims'],
  run({ snapshot: s }) {
    const condition = s.pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
    const events = warnings(s, ['FailedScheduling']);
    if (s.pod.spec?.nodeName || (!condition && events.length === 0)) return [];
    const message = events[0]?.message ?? condition?.message ?? '';
    const { causes, evidence } = analyse(s);
    const insufficient = /Insufficient (cpu|memory|[\w./-]+)/gi;
    const named = [...message.matchAll(insufficient)].map((m) => m[0]);
    const capacity = named.length > 0 || causes.some((c) => c.includes('allocatable'));
    const summary =
      causes.length > 0
        ? `The scheduler cannot place the pod: ${causes.join('; ')}.`
        : named.length > 0
          ? `The scheduler cannot place the pod: ${named.join(', ')} on the nodes (their free capacity is taken by other pods).`
          : `The scheduler cannot place the pod${message ? `: ${oneLine(message, 200)}` : ''}.`;
    return [
      {
        check: 'scheduling',
        severity: 'critical',
        summary,
        evidence: [
          ...(condition
            ? [`condition PodScheduled=False (${condition.reason ?? ''}): ${oneLine(condition.message ?? '')}`]
            : []),
          ...events.slice(0, 3).map((e) => eventLine(e, s.nowMs)),
          ...evidence,
        ],
        query: `Warning FailedScheduling ${message}`,
        // Only capacity shortages have a documented fix in the corpus ("pod stays pending": add nodes, check requests).
        ...(capacity ? { topics: ['보류 상태', 'pending'] } : {}),
        commands: [
          describePod(s),
          `kubectl describe nodes --context ${s.cluster} | grep -A8 -E 'Taints|Allocated resources'`,
          ...(s.claims && s.claims.length > 0 ? [kubectl(s, 'get pvc')] : []),
        ],
      },
    ];
  },
};
