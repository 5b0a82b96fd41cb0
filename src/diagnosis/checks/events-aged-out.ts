import type { Check } from '../check.ts';
import { toMs } from '../time.ts';
import { containers, describePod, kubectl } from './helpers.ts';

/** Kubernetes keeps events for about an hour (the API server's --event-ttl). */
const EVENT_TTL_MS = 60 * 60 * 1000;

/**
 * A pod that is not Running-and-ready but shows no cause in its status, with no events left to read:
 * the bot says it cannot see the cause instead of calling the pod healthy.
 */
export const eventsAgedOut: Check = {
  name: 'events-aged-out',
  description: 'not ready with no visible cause and no events left: says what is missing instead of "healthy"',
  reads: ['events'],
  run({ snapshot: s }) {
    const phase = s.pod.status?.phase;
    if (phase === 'Succeeded') return [];
    const main = containers(s.pod).filter((c) => !c.init);
    const ready = phase === 'Running' && main.length > 0 && main.every((c) => c.status?.ready === true);
    if (ready || s.events.length > 0) return [];
    const created = toMs(s.pod.metadata?.creationTimestamp);
    const old = created === undefined || s.nowMs - created > EVENT_TTL_MS;
    const eventsUnread = s.gaps.some((g) => g.what === 'events');
    return [
      {
        check: 'events-aged-out',
        severity: 'info',
        summary: eventsUnread
          ? 'The pod is not ready and its events could not be read, so the cause may be missing here.'
          : old
            ? 'The pod is not ready and its events have aged out (kept about an hour), so an older cause no longer shows.'
            : 'The pod is not ready and has no events yet.',
        evidence: [
          `phase ${phase ?? 'Unknown'}; ready containers ${main.filter((c) => c.status?.ready).length}/${main.length}`,
          ...main.map(
            (c) => `container \`${c.name}\`: ${Object.keys(c.status?.state ?? {}).join(', ') || 'no status'}`,
          ),
        ],
        query: '',
        commands: [describePod(s), kubectl(s, `logs ${s.name} --all-containers --tail 50`)],
      },
    ];
  },
};
