import { afterAll, beforeAll } from 'vitest';
import { RedisStore } from '../../adapters/redis/redis-store.ts';
import { type RedisServer, startRedisServer } from '../fakes/redis-server.ts';
import { storeContract } from './store-contract.ts';

let redis: RedisServer;
let store: RedisStore;

beforeAll(async () => {
  redis = await startRedisServer();
  store = new RedisStore({ url: redis.url });
  await store.ready();
});

afterAll(async () => {
  await store?.close();
  await redis?.close();
});

storeContract('RedisStore', () => store);
