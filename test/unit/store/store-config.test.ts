import { describe, expect, it } from 'vitest';
import { readStoreConfig } from '../../../src/store/store-config.ts';

describe('readStoreConfig', () => {
  it.each([
    { name: 'nothing set: SQLite in ./data', env: {}, expected: { kind: 'sqlite', stateDir: 'data' } },
    {
      name: 'REDIS_URL set: Redis',
      env: { REDIS_URL: 'redis+sentinel://s1:26379,s2:26379/mymaster' },
      expected: { kind: 'redis', redisUrl: 'redis+sentinel://s1:26379,s2:26379/mymaster' },
    },
    {
      name: 'STATE_DIR moves the file',
      env: { STATE_DIR: ' /var/lib/ksb ' },
      expected: { kind: 'sqlite', stateDir: '/var/lib/ksb' },
    },
    { name: 'STORE=memory keeps nothing', env: { STORE: 'memory' }, expected: { kind: 'memory' } },
    {
      name: 'STORE=memory wins over REDIS_URL',
      env: { STORE: 'Memory', REDIS_URL: 'redis://r:6379' },
      expected: { kind: 'memory' },
    },
    {
      name: 'STORE=sqlite wins over REDIS_URL',
      env: { STORE: 'sqlite', REDIS_URL: 'redis://r:6379', STATE_DIR: 's' },
      expected: { kind: 'sqlite', stateDir: 's' },
    },
    {
      name: 'REDIS_TIMEOUT_MS bounds each Redis command',
      env: { REDIS_URL: 'redis://r:6379', REDIS_TIMEOUT_MS: '5000' },
      expected: { kind: 'redis', redisUrl: 'redis://r:6379', timeoutMs: 5000 },
    },
    { name: 'an empty STORE is unset', env: { STORE: ' ' }, expected: { kind: 'sqlite', stateDir: 'data' } },
  ])('$name', ({ env, expected }) => {
    expect(readStoreConfig(env)).toEqual(expected);
  });

  it('reports every problem at once, naming the variable and what it expects', () => {
    const problems: string[] = [];
    readStoreConfig({ STORE: 'postgres', REDIS_URL: 'localhost:6379', REDIS_TIMEOUT_MS: '1s' }, problems);
    expect(problems).toEqual([
      'REDIS_URL must start with redis://, rediss://, redis+sentinel:// or redis+cluster://',
      'REDIS_TIMEOUT_MS must be a whole number of milliseconds from 50 to 60000, got "1s"',
      'STORE must be one of sqlite, redis, memory, got "postgres"',
    ]);
    expect(() => readStoreConfig({ STORE: 'redis' })).toThrow(
      expect.objectContaining({
        code: 'config_invalid',
        message: expect.stringContaining('STORE=redis needs REDIS_URL'),
      }),
    );
  });
});
