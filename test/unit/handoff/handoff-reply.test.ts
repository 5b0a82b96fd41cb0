import { describe, expect, it } from 'vitest';
import { handoffReply } from '../../../src/handoff/handoff-reply.ts';
import { buildHandoff } from '../../../src/handoff/handoff-summary.ts';
import { parseWindow } from '../../../src/handoff/handoff-window.ts';
import { IncidentLog } from '../../../src/incidents/incident-log.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import { dayEndMs, dayOfIncidents } from '../../fakes/incident-day.ts';

async function dayHandoff(maxItems?: number, language: 'en' | 'ko' = 'en') {
  const incidents = new IncidentLog({ store: new MemoryStore(), now: () => dayEndMs });
  for (const event of dayOfIncidents()) await incidents.record(event);
  const parsed = parseWindow('2026-11-23 09:00..21:00', { nowMs: dayEndMs, timeZone: 'Asia/Seoul' });
  if (!parsed.ok) throw new Error(parsed.message);
  const list = await incidents.list({ ...parsed.window, workspaceId: 'T0SEOUL', conversationId: 'C0SUPPORT' });
  const summary = buildHandoff(list, parsed.window, 'C0SUPPORT');
  return {
    summary,
    reply: handoffReply(summary, {
      timeZone: 'Asia/Seoul',
      nowMs: dayEndMs,
      channelName: '#k8s-support',
      scheduled: true,
      language,
      ...(maxItems === undefined ? {} : { maxItems }),
    }),
  };
}

describe('handoff of a day shift', () => {
  it('counts what happened in the window, open first and oldest first', async () => {
    const { summary } = await dayHandoff();
    expect(summary.totals).toEqual({ incidents: 8, open: 5, resolved: 2, dismissed: 1, unanswered: 2, followUps: 4 });
    expect(summary.open.map((i) => i.summary.slice(0, 20))).toEqual([
      'Back-off restarting ',
      'error: You must be l',
      'ErrImagePull: pull a',
      'x509: certificate si',
      'Back-off pulling ima',
    ]);
    expect(summary.recurring).toEqual([
      { name: 'Image pull fails: unauthorized', count: 4 },
      { name: 'Pod in CrashLoopBackOff', count: 2 },
    ]);
    expect(summary.hotSpots.namespaces[0]).toEqual({ name: 'shop', count: 4 });
  });

  it('renders as plain text (golden)', async () => {
    const { reply } = await dayHandoff();
    await expect(reply.text).toMatchFileSnapshot('../../golden/handoff-day.txt');
  });

  it('renders as neutral blocks for the chat adapters (golden)', async () => {
    const { reply } = await dayHandoff();
    expect(reply).toMatchObject({ kind: 'handoff', inThread: false });
    await expect(JSON.stringify(reply.blocks, null, 2)).toMatchFileSnapshot('../../golden/handoff-day.blocks.json');
  });

  it('speaks Korean by default, like the rest of the bot (golden)', async () => {
    const { reply } = await dayHandoff(undefined, 'ko');
    await expect(reply.text).toMatchFileSnapshot('../../golden/handoff-day.ko.txt');
  });

  it('caps long lists and says how many more there are', async () => {
    const { reply } = await dayHandoff(2);
    expect(reply.text).toContain('- …and 3 more');
  });
});
