import type { IncidentEvent, Place } from '../../src/incidents/incident-event.ts';

/**
 * A day shift in a Seoul support channel (2026-11-23 09:00–21:00 KST), as the bot would record it:
 * answered errors, a diagnosis, things it could not answer, follow-ups, fixes by button, reaction
 * and command, a "Not it", a repeat after a fix, and one thread from the night before still active.
 */
export const dayStartMs = Date.parse('2026-11-23T09:00:00+09:00');
export const dayEndMs = Date.parse('2026-11-23T21:00:00+09:00');

const kst = (hhmm: string, day = '2026-11-23'): number => Date.parse(`${day}T${hhmm}:00+09:00`);
const place = (thread: string): Place => ({
  platform: 'slack',
  workspaceId: 'T0SEOUL',
  conversationId: 'C0SUPPORT',
  threadId: thread,
  permalink: `https://example.slack.com/archives/C0SUPPORT/p${thread.replace('.', '')}`,
});

const imagePull = { id: 'knowledge/ibm/registry.md#image-pull-auth', title: 'Image pull fails: unauthorized' };
const crashLoop = { id: 'knowledge/k8s/pods.md#crashloopbackoff', title: 'Pod in CrashLoopBackOff' };
const oom = { id: 'knowledge/k8s/pods.md#oomkilled', title: 'Container OOMKilled' };

function opened(
  thread: string,
  at: number,
  reporter: string,
  summary: string,
  extra: Partial<Extract<IncidentEvent, { type: 'opened' }>> = {},
): IncidentEvent {
  return {
    type: 'opened',
    id: `slack:${thread}`,
    place: place(thread),
    atMs: at,
    reporter,
    kind: 'error',
    summary,
    confident: true,
    unanswered: false,
    ...extra,
  };
}

export function dayOfIncidents(): IncidentEvent[] {
  return [
    // From the night shift: opened yesterday, still discussed this morning.
    opened(
      '1763900000.000100',
      kst('23:40', '2026-11-22'),
      'U0NIGHT',
      'Back-off restarting failed container api in pod api-7c9f',
      {
        section: crashLoop,
        score: 0.82,
        resource: { cluster: 'prod-seoul', namespace: 'shop', pod: 'api-7c9f' },
      },
    ),
    {
      type: 'activity',
      id: 'slack:1763900000.000200',
      place: place('1763900000.000100'),
      atMs: kst('09:05'),
      by: 'U0ALICE',
    },
    opened('1763946000.000100', kst('09:12'), 'U0BOB', 'Failed to pull image "us.icr.io/team/api:1.2": unauthorized', {
      section: imagePull,
      score: 0.91,
      resource: { cluster: 'prod-seoul', namespace: 'shop', pod: 'api-5d8b' },
    }),
    {
      type: 'resolved',
      id: 'btn:1',
      place: place('1763946000.000100'),
      atMs: kst('09:40'),
      by: 'U0BOB',
      how: 'button',
    },
    opened('1763950000.000100', kst('10:15'), 'U0CAROL', 'error: You must be logged in to the server (Unauthorized)', {
      confident: false,
      unanswered: true,
    }),
    {
      type: 'activity',
      id: 'slack:1763950000.000300',
      place: place('1763950000.000100'),
      atMs: kst('10:20'),
      by: 'U0ALICE',
    },
    opened(
      '1763953000.000100',
      kst('11:02'),
      'U0DAVE',
      'ErrImagePull: pull access denied for registry.local/payments',
      {
        section: imagePull,
        score: 0.77,
        resource: { cluster: 'prod-busan', namespace: 'payments' },
      },
    ),
    {
      type: 'resolved',
      id: 'react:1',
      place: place('1763953000.000100'),
      atMs: kst('11:30'),
      by: 'U0DAVE',
      how: 'reaction',
    },
    {
      type: 'repeated',
      id: 'slack:1763953000.000900',
      place: place('1763953000.000100'),
      atMs: kst('13:10'),
      by: 'U0DAVE',
    },
    opened('1763960000.000100', kst('13:45'), 'U0ALICE', 'OOMKilled: container worker exceeded memory limit', {
      kind: 'diagnosis',
      section: oom,
      score: 0.88,
      resource: { cluster: 'prod-seoul', namespace: 'batch', pod: 'worker-0' },
    }),
    {
      type: 'resolved',
      id: 'cmd:1',
      place: place('1763960000.000100'),
      atMs: kst('14:30'),
      by: 'U0ALICE',
      how: 'command',
    },
    opened(
      '1763965000.000100',
      kst('15:05'),
      'U0ERIN',
      'Readiness probe failed: HTTP probe failed with statuscode: 503',
      {
        section: crashLoop,
        score: 0.64,
        resource: { cluster: 'prod-seoul', namespace: 'shop', pod: 'web-2' },
      },
    ),
    { type: 'dismissed', id: 'btn:2', place: place('1763965000.000100'), atMs: kst('15:07'), by: 'U0ERIN' },
    opened('1763970000.000100', kst('16:22'), 'U0BOB', 'x509: certificate signed by unknown authority', {
      confident: false,
      unanswered: true,
      kind: 'question',
    }),
    opened('1763975000.000100', kst('17:50'), 'U0CAROL', 'Back-off pulling image "busybox:latest" in namespace shop', {
      section: imagePull,
      score: 0.86,
      resource: { cluster: 'prod-seoul', namespace: 'shop' },
    }),
    {
      type: 'activity',
      id: 'slack:1763975000.000200',
      place: place('1763975000.000100'),
      atMs: kst('17:55'),
      by: 'U0DAVE',
    },
    {
      type: 'activity',
      id: 'slack:1763975000.000300',
      place: place('1763975000.000100'),
      atMs: kst('18:01'),
      by: 'U0CAROL',
    },
    // A resolve in a thread the bot never answered: not an incident.
    {
      type: 'resolved',
      id: 'react:9',
      place: place('1763979999.000100'),
      atMs: kst('19:00'),
      by: 'U0ERIN',
      how: 'reaction',
    },
    // After the window: belongs to the next shift.
    opened('1763990000.000100', kst('21:30'), 'U0NIGHT', 'CrashLoopBackOff in pod api-7c9f again', {
      section: crashLoop,
    }),
  ];
}
