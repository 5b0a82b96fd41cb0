import { describe, expect, it } from 'vitest';
import { createDeliveryClaims } from '../../../adapters/delivery-claims.ts';
import { throttledWarning } from '../../../src/log.ts';
import { TolerantClaims } from '../../../src/store/tolerant-claims.ts';
import { FlakyStore } from '../../fakes/flaky-store.ts';
import { recordingLogger } from '../../fakes/recording-logger.ts';

describe('TolerantClaims', () => {
  it('decides through the store while it answers', async () => {
    const store = new FlakyStore();
    const claims = new TolerantClaims(store, () => {});
    expect(await claims.claim('k', 1000)).toEqual({ won: true, shared: true });
    expect(await claims.claim('k', 1000)).toEqual({ won: false, shared: true });
  });

  it('keeps its own claims while the store is down, and says they were not shared', async () => {
    const store = new FlakyStore();
    const failures: unknown[] = [];
    const claims = new TolerantClaims(store, (err) => failures.push(err));
    store.down = true;
    expect(await claims.claim('k', 1000)).toEqual({ won: true, shared: false });
    expect(await claims.claim('k', 1000)).toEqual({ won: false, shared: false });
    expect(failures).toHaveLength(2);
  });
});

describe('delivery claims', () => {
  it('takes a first delivery and leaves a redelivery alone while the store is down', async () => {
    const store = new FlakyStore();
    const deliveries = createDeliveryClaims({ store, log: recordingLogger() });
    store.down = true;
    expect(await deliveries.take('slack:event:Ev1')).toBe(true);
    expect(await deliveries.take('slack:event:Ev2', { redelivery: true })).toBe(false);
    store.down = false;
    expect(await deliveries.take('slack:event:Ev2', { redelivery: true })).toBe(true);
    expect(await deliveries.take('slack:event:Ev2')).toBe(false);
  });
});

describe('throttledWarning', () => {
  it('logs at once, then once per period with what it held back', () => {
    let nowMs = 0;
    const log = recordingLogger();
    const warn = throttledWarning(log, 'store unavailable', 10_000, () => nowMs);
    for (; nowMs < 25_000; nowMs += 500) warn({ op: 'get' });
    expect(log.lines.map((l) => l.obj)).toEqual([
      { op: 'get' },
      { op: 'get', heldBack: 19 },
      { op: 'get', heldBack: 19 },
    ]);
  });
});
