/**
 * The Store contract: one suite, run against every implementation (memory, SQLite, Redis, Redis through
 * Sentinel, Redis Cluster). Expiry is checked by polling with a deadline, never by asserting timings.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.ts';

export function storeContract(name: string, store: () => Store): void {
  // Each test uses its own keys, so implementations can be shared across tests.
  const key = (suffix: string): string => `ksb:{test-${randomUUID()}}:${suffix}`;

  describe(`${name} honours the Store contract`, () => {
    it('resolves a missing key to undefined', async () => {
      expect(await store().get(key('missing'))).toBeUndefined();
    });

    it('returns what was set, and the latest value after an overwrite', async () => {
      const k = key('value');
      await store().set(k, 'one');
      expect(await store().get(k)).toBe('one');
      await store().set(k, 'двa ✅ {json: "yes"}');
      expect(await store().get(k)).toBe('двa ✅ {json: "yes"}');
    });

    it('forgets a value after its time to live', async () => {
      const k = key('ttl');
      await store().set(k, 'v', 40);
      await eventually(async () => expect(await store().get(k)).toBeUndefined());
    });

    it('keeps a value set again without a time to live', async () => {
      const k = key('ttl-cleared');
      await store().set(k, 'short', 40);
      await store().set(k, 'kept');
      await new Promise((resolve) => setTimeout(resolve, 120));
      expect(await store().get(k)).toBe('kept');
    });

    it('deletes a key, and deleting a missing key is fine', async () => {
      const k = key('deleted');
      await store().set(k, 'v');
      await store().delete(k);
      await store().delete(k);
      expect(await store().get(k)).toBeUndefined();
    });

    it('lets exactly one of many concurrent callers claim a key', async () => {
      const k = key('lock');
      const results = await Promise.all(Array.from({ length: 20 }, () => store().claim(k, 60_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store().claim(k, 60_000)).toBe(false);
    });

    it('lets a claim be taken again once it expires or is deleted', async () => {
      const k = key('lease');
      expect(await store().claim(k, 40)).toBe(true);
      await eventually(async () => expect(await store().claim(k, 60_000)).toBe(true));
      await store().delete(k);
      expect(await store().claim(k, 60_000)).toBe(true);
    });

    it('merges hash fields, replacing a field written again', async () => {
      const k = key('hash');
      expect(await store().hashGetAll(k)).toEqual({});
      await store().hashSet(k, { a: '1', b: '2' });
      await store().hashSet(k, { b: 'two', 'e:slack:1.2': '{"x":1}' });
      expect(await store().hashGetAll(k)).toEqual({ a: '1', b: 'two', 'e:slack:1.2': '{"x":1}' });
    });

    it('expires a hash after its time to live, refreshed by each write', async () => {
      const k = key('hash-ttl');
      await store().hashSet(k, { a: '1' }, 60_000);
      await store().hashSet(k, { b: '2' }, 40);
      await eventually(async () => expect(await store().hashGetAll(k)).toEqual({}));
    });

    it('keeps the expiry of a hash written without a time to live, and starts a new hash once it expired', async () => {
      const k = key('hash-keep-ttl');
      await store().hashSet(k, { a: '1' }, 40);
      await store().hashSet(k, { b: '2' });
      await eventually(async () => expect(await store().hashGetAll(k)).toEqual({}));
      await store().hashSet(k, { c: '3' });
      expect(await store().hashGetAll(k)).toEqual({ c: '3' });
    });

    it('reads many hashes at once, in order, with empty objects for missing ones', async () => {
      const [a, b, c] = [key('a'), key('b'), key('c')];
      await store().hashSet(a, { n: 'a' });
      await store().hashSet(c, { n: 'c' });
      expect(await store().hashGetAllMany([a, b, c])).toEqual([{ n: 'a' }, {}, { n: 'c' }]);
      expect(await store().hashGetAllMany([])).toEqual([]);
    });

    it('ranges an index by score, inclusive, lowest first', async () => {
      const k = key('index');
      await store().indexAdd(k, 'late', 300);
      await store().indexAdd(k, 'early', 100);
      await store().indexAdd(k, 'middle', 200);
      expect(await store().indexRange(k, 100, 300)).toEqual(['early', 'middle', 'late']);
      expect(await store().indexRange(k, 150, 250)).toEqual(['middle']);
      expect(await store().indexRange(k, 150, Number.POSITIVE_INFINITY)).toEqual(['middle', 'late']);
      expect(await store().indexRange(key('none'), 0, Number.MAX_SAFE_INTEGER)).toEqual([]);
    });

    it('keeps the greater score when a member is added again', async () => {
      const k = key('index-gt');
      await store().indexAdd(k, 'x', 500);
      await store().indexAdd(k, 'x', 100);
      expect(await store().indexRange(k, 0, 499)).toEqual([]);
      await store().indexAdd(k, 'x', 900);
      expect(await store().indexRange(k, 600, 1000)).toEqual(['x']);
    });

    it('trims members scored below the retention bound', async () => {
      const k = key('index-trim');
      await store().indexAdd(k, 'old', 10);
      await store().indexAdd(k, 'edge', 50);
      await store().indexAdd(k, 'new', 100, { trimBelow: 50 });
      expect(await store().indexRange(k, 0, 1000)).toEqual(['edge', 'new']);
      await store().indexAdd(k, 'stale', 1, { trimBelow: 1000 });
      expect(await store().indexRange(k, 0, Number.POSITIVE_INFINITY)).toEqual([]);
    });

    it('orders members of equal score by name', async () => {
      const k = key('index-ties');
      for (const member of ['b', 'c', 'a']) await store().indexAdd(k, member, 7);
      expect(await store().indexRange(k, 7, 7)).toEqual(['a', 'b', 'c']);
    });

    it('expires an index after its time to live', async () => {
      const k = key('index-ttl');
      await store().indexAdd(k, 'x', 1, { ttlMs: 40 });
      await eventually(async () => expect(await store().indexRange(k, 0, 10)).toEqual([]));
    });
  });
}

/** Retries an assertion until it passes or 5 s have gone by (expiry is lazy in Redis and in memory). */
export async function eventually(assertion: () => Promise<void>, deadlineMs = 5_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
