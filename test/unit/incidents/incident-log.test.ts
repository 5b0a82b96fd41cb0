import { describe, expect, it } from 'vitest';
import type { IncidentEvent, Place } from '../../../src/incidents/incident-event.ts';
import { IncidentLog } from '../../../src/incidents/incident-log.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import { eventually } from '../../contract/store-contract.ts';
import { FlakyStore } from '../../fakes/flaky-store.ts';
import { recordingLogger } from '../../fakes/recording-logger.ts';

const t0 = Date.UTC(2026, 10, 23, 0, 0);
const place = (thread: string, conversationId = 'C1', workspaceId = 'T1'): Place => ({
  platform: 'slack',
  workspaceId,
  conversationId,
  threadId: thread,
});
const opened = (thread: string, atMs: number, extra: Partial<IncidentEvent> = {}): IncidentEvent =>
  ({
    type: 'opened',
    id: `open:${thread}`,
    place: place(thread),
    atMs,
    reporter: 'U1',
    kind: 'error',
    summary: `error in ${thread}`,
    confident: true,
    unanswered: false,
    ...extra,
  }) as IncidentEvent;
const all = { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER };

describe('IncidentLog', () => {
  it('folds the events of one thread into one incident, resolved by whom and how', async () => {
    const incidents = new IncidentLog({ store: new MemoryStore() });
    await incidents.record(opened('1.0', t0));
    await incidents.record({ type: 'activity', place: place('1.0'), atMs: t0 + 1, by: 'U2' });
    await incidents.record({ type: 'activity', place: place('1.0'), atMs: t0 + 2, by: 'U1' });
    await incidents.record({ type: 'resolved', place: place('1.0'), atMs: t0 + 3, by: 'U2', how: 'reaction' });
    const [incident, ...rest] = await incidents.list(all);
    expect(rest).toEqual([]);
    expect(incident).toMatchObject({
      state: 'resolved',
      resolved: { by: 'U2', how: 'reaction', atMs: t0 + 3 },
      activity: 2,
      openedAtMs: t0,
      lastActivityMs: t0 + 3,
    });
    expect(await incidents.get(place('1.0'))).toEqual(incident);
  });

  it('gives back the recorded events of the incidents in a window, oldest first, for an export', async () => {
    const incidents = new IncidentLog({ store: new MemoryStore(), now: () => t0 + 10_000 });
    const resolved: IncidentEvent = { type: 'resolved', place: place('1.0'), atMs: t0 + 5, by: 'U2', how: 'button' };
    await incidents.record(resolved);
    await incidents.record(opened('1.0', t0));
    await incidents.record(opened('2.0', t0 + 9_000));
    // A reaction on a thread the bot never answered is no incident.
    await incidents.record({ type: 'resolved', place: place('3.0'), atMs: t0 + 1, by: 'U2', how: 'reaction' });
    expect(await incidents.events(all)).toEqual([opened('1.0', t0), resolved, opened('2.0', t0 + 9_000)]);
    expect(await incidents.events({ fromMs: t0 + 8_000, toMs: t0 + 10_000 })).toEqual([opened('2.0', t0 + 9_000)]);
  });

  it('reopens an incident when the error is repeated after it was resolved', async () => {
    const incidents = new IncidentLog({ store: new MemoryStore() });
    await incidents.record(opened('1.0', t0));
    await incidents.record({ type: 'dismissed', place: place('1.0'), atMs: t0 + 1, by: 'U1' });
    expect((await incidents.get(place('1.0')))?.state).toBe('dismissed');
    await incidents.record({ type: 'repeated', place: place('1.0'), atMs: t0 + 2, by: 'U1' });
    expect(await incidents.get(place('1.0'))).toMatchObject({ state: 'open', repeats: 1 });
  });

  it('stores an event recorded twice (same id, or same content) once', async () => {
    const incidents = new IncidentLog({ store: new MemoryStore() });
    const activity: IncidentEvent = { type: 'activity', place: place('1.0'), atMs: t0 + 5, by: 'U2' };
    await incidents.record(opened('1.0', t0));
    await incidents.record(opened('1.0', t0));
    await incidents.record(activity);
    await incidents.record({ ...activity });
    expect(await incidents.get(place('1.0'))).toMatchObject({ activity: 1 });
  });

  it('ignores a resolution of a thread the bot never opened an incident for', async () => {
    const incidents = new IncidentLog({ store: new MemoryStore() });
    await incidents.record({ type: 'resolved', place: place('9.9'), atMs: t0, by: 'U1', how: 'reaction' });
    expect(await incidents.list(all)).toEqual([]);
  });

  it('lists the incidents with an event in the window, for a channel, a workspace or all of them', async () => {
    const incidents = new IncidentLog({ store: new MemoryStore(), now: () => t0 });
    await incidents.record(opened('early', t0 - 10_000));
    await incidents.record(opened('late', t0 + 10_000));
    await incidents.record({ ...opened('other-channel', t0), place: place('other-channel', 'C2') } as IncidentEvent);
    await incidents.record({ ...opened('other-team', t0), place: place('other-team', 'C1', 'T2') } as IncidentEvent);
    const threads = async (q: object) =>
      (await incidents.list({ fromMs: t0 - 1000, toMs: t0 + 1000, ...q })).map((i) => i.place.threadId).sort();
    expect(await threads({})).toEqual(['other-channel', 'other-team']);
    expect(await threads({ workspaceId: 'T1' })).toEqual(['other-channel']);
    expect(await threads({ workspaceId: 'T1', conversationId: 'C1' })).toEqual([]);
    // An old incident with recent activity belongs to the window.
    await incidents.record({ type: 'activity', place: place('early'), atMs: t0, by: 'U3' });
    expect(await threads({ workspaceId: 'T1', conversationId: 'C1' })).toEqual(['early']);
  });

  it('never rejects while the store is down, and writes the journal once it is back', async () => {
    const store = new FlakyStore();
    const log = recordingLogger();
    const incidents = new IncidentLog({ store, log, retryMs: 10 });
    store.down = true;
    for (let i = 0; i < 50; i++) await incidents.record(opened(`t${i}`, t0 + i));
    expect(incidents.pending).toBe(50);
    expect(log.lines.filter((l) => l.level === 'warn')).toHaveLength(1);
    store.down = false;
    await eventually(async () => expect(incidents.pending).toBe(0));
    expect(await incidents.list(all)).toHaveLength(50);
    expect(store.writes).toBe(50);
    expect(log.lines.map((l) => l.msg)).toContain('incident store back: journal written');
  });

  it('bounds the journal, dropping the oldest events and saying so once', async () => {
    const store = new FlakyStore();
    const log = recordingLogger();
    const incidents = new IncidentLog({ store, log, journalLimit: 5, retryMs: 60_000 });
    store.down = true;
    for (let i = 0; i < 8; i++) await incidents.record(opened(`t${i}`, t0 + i));
    expect(incidents.pending).toBe(5);
    expect(log.lines.filter((l) => l.msg.startsWith('incident journal full'))).toHaveLength(1);
    store.down = false;
    await incidents.flush();
    expect((await incidents.list(all)).map((i) => i.place.threadId).sort()).toEqual(['t3', 't4', 't5', 't6', 't7']);
  });

  it('writes what it journaled before it reads, without waiting for the retry', async () => {
    const store = new FlakyStore();
    const incidents = new IncidentLog({ store, journalLimit: 5, retryMs: 60_000 });
    store.down = true;
    await incidents.record(opened('during-the-blip', t0));
    store.down = false;
    expect((await incidents.list(all)).map((i) => i.place.threadId)).toEqual(['during-the-blip']);
    expect(incidents.pending).toBe(0);
  });
});
