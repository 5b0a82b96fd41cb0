import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../adapters/redis/redis-store.ts';
import { createHandoffCommand } from '../../src/commands/handoff-command.ts';
import { IncidentLog } from '../../src/incidents/incident-log.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import type { Store } from '../../src/store/store.ts';
import { dayEndMs, dayOfIncidents } from '../fakes/incident-day.ts';
import { type RedisCluster, startRedisCluster } from '../fakes/redis-server.ts';
import { storeContract } from './store-contract.ts';

let cluster: RedisCluster;
let store: RedisStore;

beforeAll(async () => {
  cluster = await startRedisCluster();
  store = new RedisStore({ url: cluster.url });
  await store.ready();
}, 30_000);

afterAll(async () => {
  await store?.close();
  await cluster?.close();
});

storeContract('RedisStore on a three-master Redis Cluster (redis+cluster://)', () => store);

describe('the incident record on a Redis Cluster', () => {
  it('spreads workspaces over the masters', async () => {
    const client = store.client;
    if (!('nodes' in client) || typeof client.nodes !== 'function') throw new Error('expected an ioredis Cluster');
    expect(client.nodes('master')).toHaveLength(3);
    // Workspace keys of different workspaces land in different slots: the hash tag, not one fixed node.
    const slots = await Promise.all(
      ['T0SEOUL', 'T0BUSAN', 'T0DAEGU', '_'].map((ws) => client.cluster('KEYSLOT', `ksb:{${ws}}:incidents`)),
    );
    expect(new Set(slots).size).toBeGreaterThan(1);
  });

  it('records a day of events and reads back the same handoff summary as the memory store', async () => {
    const handoff = async (backing: Store): Promise<string> => {
      const incidents = new IncidentLog({ store: backing, now: () => dayEndMs });
      try {
        for (const event of dayOfIncidents()) await incidents.record(event);
        expect(incidents.pending).toBe(0);
        const command = createHandoffCommand({
          incidents,
          timeZone: 'Asia/Seoul',
          language: 'en',
          now: () => dayEndMs,
        });
        const reply = await command.run(
          {
            name: 'handoff',
            args: '2026-11-23 09:00..21:00',
            platform: 'slack',
            workspaceId: 'T0SEOUL',
            conversationId: 'C0SUPPORT',
            userId: 'U0ALICE',
          },
          new AbortController().signal,
        );
        return reply.text;
      } finally {
        await incidents.close();
      }
    };
    const fromCluster = await handoff(store);
    expect(fromCluster).toContain('8 incidents: 5 open, 2 resolved');
    expect(fromCluster).toBe(await handoff(new MemoryStore()));
  });
});
