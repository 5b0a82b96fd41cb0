import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/store/memory-store.ts';

describe('MemoryStore', () => {
  it('resolves a missing key to undefined', async () => {
    expect(await new MemoryStore().get('nope')).toBeUndefined();
  });

  it('lets only the first caller claim a key until it expires', async () => {
    let now = 1_000;
    const store = new MemoryStore({ now: () => now });
    expect(await store.claim('seen:slack:1', 600)).toBe(true);
    expect(await store.claim('seen:slack:1', 600)).toBe(false);
    now += 601;
    expect(await store.claim('seen:slack:1', 600)).toBe(true);
  });

  it('forgets a value after its time to live', async () => {
    let now = 0;
    const store = new MemoryStore({ now: () => now });
    await store.set('k', 'v', 10);
    expect(await store.get('k')).toBe('v');
    now = 10;
    expect(await store.get('k')).toBeUndefined();
  });
});
