import { afterAll, beforeAll } from 'vitest';
import { RedisStore } from '../../adapters/redis/redis-store.ts';
import { storeContract } from '../contract/store-contract.ts';
import { type RedisServer, startRedisSentinel, startRedisServer } from '../fakes/redis-server.ts';

let master: RedisServer;
let sentinel: Awaited<ReturnType<typeof startRedisSentinel>>;
let store: RedisStore;

beforeAll(async () => {
  master = await startRedisServer();
  sentinel = await startRedisSentinel(master);
  // The store asks the sentinel for the master of "mymaster", then talks to it.
  store = new RedisStore({ url: sentinel.url });
  await store.ready();
});

afterAll(async () => {
  await store?.close();
  await sentinel?.close();
  await master?.close();
});

storeContract('RedisStore through Sentinel (redis+sentinel://)', () => store);
