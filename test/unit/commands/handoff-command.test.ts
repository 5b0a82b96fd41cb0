import { describe, expect, it } from 'vitest';
import type { ChannelMembership } from '../../../src/access/channel-membership.ts';
import type { CommandInvocation } from '../../../src/commands/command.ts';
import { createHandoffCommand, type HandoffCommandDeps } from '../../../src/commands/handoff-command.ts';
import { IncidentLog } from '../../../src/incidents/incident-log.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import type { Store } from '../../../src/store/store.ts';
import { FlakyStore } from '../../fakes/flaky-store.ts';
import { dayEndMs, dayOfIncidents } from '../../fakes/incident-day.ts';

const signal = new AbortController().signal;
const invocation = (args: string, extra: Partial<CommandInvocation> = {}): CommandInvocation => ({
  name: 'handoff',
  args,
  platform: 'slack',
  workspaceId: 'T0SEOUL',
  conversationId: 'C0SUPPORT',
  userId: 'U0ALICE',
  ...extra,
});

async function setup(
  store: Store = new MemoryStore(),
  lastShiftChange?: (channel: string, nowMs: number) => number,
  access: Pick<HandoffCommandDeps, 'channelAccess' | 'membership'> = {},
) {
  const incidents = new IncidentLog({ store, now: () => dayEndMs });
  for (const event of dayOfIncidents()) await incidents.record(event);
  const command = createHandoffCommand({
    incidents,
    timeZone: 'Asia/Seoul',
    language: 'en',
    now: () => dayEndMs,
    ...(lastShiftChange ? { lastShiftChange } : {}),
    ...access,
  });
  return { incidents, command };
}

/** The platform's membership as a table: channel → its members. */
function members(table: Record<string, string[]>): ChannelMembership {
  return { isMember: async (who, channel) => table[channel]?.includes(who.userId) ?? false };
}

describe('/handoff', () => {
  it('summarises the window it is given, for the channel it is run in', async () => {
    const { command } = await setup();
    const reply = await command.run(invocation('2026-11-23 09:00..21:00'), signal);
    expect(reply.kind).toBe('handoff');
    expect(reply.text).toContain('8 incidents: 5 open, 2 resolved');
    expect(reply.inThread).toBe(false);
  });

  it('summarises another channel named as a Slack mention, where the asking channel may see it', async () => {
    const { command } = await setup(new MemoryStore(), undefined, {
      channelAccess: new Map([['C0ONCALL', ['C0SUPPORT']]]),
    });
    const reply = await command.run(
      invocation('<#C0SUPPORT|k8s-support> since 09:00', { conversationId: 'C0ONCALL' }),
      signal,
    );
    expect(reply.text).toMatch(/^Handoff for #k8s-support: 2026-11-23 09:00 – 21:00 \(Asia\/Seoul\)/);
    expect(reply.text).toContain('8 incidents');
  });

  it('shows another channel only to its members, and nothing of it to anyone else', async () => {
    const { command } = await setup(new MemoryStore(), undefined, {
      membership: members({ C0SUPPORT: ['U0ALICE'] }),
    });
    const asked = (userId: string) =>
      command.run(invocation('<#C0SUPPORT|k8s-support> since 09:00', { conversationId: 'C0RANDOM', userId }), signal);
    expect((await asked('U0ALICE')).text).toContain('8 incidents');
    const refused = await asked('U0MALLORY');
    expect(refused.kind).toBe('info');
    expect(refused.text).toBe(
      'I can only summarise #k8s-support for its members: run /handoff there, or here without a channel for this one.',
    );
  });

  it('shows another channel to no one when neither the platform nor HANDOFF_CHANNEL_ACCESS allows it', async () => {
    const { command } = await setup();
    const reply = await command.run(invocation('#C0SUPPORT since 09:00', { conversationId: 'C0RANDOM' }), signal);
    expect(reply.kind).toBe('info');
    expect(reply.text).not.toContain('incident');
    const own = await command.run(invocation('#C0SUPPORT since 09:00'), signal);
    expect(own.text).toContain('8 incidents');
  });

  it('defaults to since the last shift change of the channel', async () => {
    const shift = Date.parse('2026-11-23T15:00:00+09:00');
    const { command } = await setup(new MemoryStore(), () => shift);
    const reply = await command.run(invocation(''), signal);
    expect(reply.text).toContain('2026-11-23 15:00 – 21:00');
    // The 16:22 question and the 17:50 image pull happened after 15:00, plus the 15:05 dismissal.
    expect(reply.text).toContain('3 incidents: 2 open, 0 resolved, 1 dismissed');
  });

  it('answers a window it cannot read with what works and the usage', async () => {
    const { command } = await setup();
    const reply = await command.run(invocation('last tuesday'), signal);
    expect(reply.kind).toBe('usage');
    expect(reply.text).toContain('I don\'t understand the window "last tuesday"');
    const korean = createHandoffCommand({ incidents: new IncidentLog({ store: new MemoryStore() }), timeZone: 'UTC' });
    expect((await korean.run(invocation('last tuesday'), signal)).text).toContain(
      '기간 "last tuesday"을(를) 이해하지 못했습니다',
    );
    expect(reply.text).toContain('handoff [12h | since 09:00');
  });

  it('says plainly when the incident record is unavailable', async () => {
    const store = new FlakyStore();
    const { command } = await setup(store);
    store.down = true;
    const reply = await command.run(invocation('12h'), signal);
    expect(reply).toMatchObject({
      kind: 'error',
      text: 'The incident record is unavailable right now; try again in a minute.',
    });
  });
});

describe('/handoff resolve', () => {
  it('resolves the incident of the thread it is run in, as a command resolution', async () => {
    const { command, incidents } = await setup();
    const thread = '1763970000.000100';
    const reply = await command.run(invocation('resolve', { threadId: thread, userName: 'alice' }), signal);
    expect(reply).toMatchObject({ kind: 'resolved', text: 'Marked resolved by alice.', inThread: true });
    const incident = await incidents.get({
      platform: 'slack',
      workspaceId: 'T0SEOUL',
      conversationId: 'C0SUPPORT',
      threadId: thread,
    });
    expect(incident).toMatchObject({ state: 'resolved', resolved: { by: 'alice', how: 'command', atMs: dayEndMs } });
    const again = await command.run(invocation('resolve', { threadId: thread }), signal);
    expect(again.text).toBe('Already resolved by alice.');
  });

  it('asks to be run in a thread when it is not', async () => {
    const { command } = await setup();
    expect((await command.run(invocation('resolve'), signal)).kind).toBe('usage');
  });

  it('says so when the thread has no incident', async () => {
    const { command } = await setup();
    const reply = await command.run(invocation('resolve', { threadId: '1.2' }), signal);
    expect(reply.text).toBe('I have no incident recorded for this thread.');
  });
});
