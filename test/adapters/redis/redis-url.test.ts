import { describe, expect, it } from 'vitest';
import { parseRedisUrl } from '../../../adapters/redis/redis-url.ts';

describe('parseRedisUrl', () => {
  it('passes a plain redis:// URL to ioredis as it is, and shows it without the password', () => {
    expect(parseRedisUrl('redis://:s3cret@cache.internal:6380/2')).toEqual({
      mode: 'standalone',
      url: 'redis://:s3cret@cache.internal:6380/2',
      display: 'redis://cache.internal:6380/2',
    });
  });

  it('reads sentinels, the master name, the database and both passwords', () => {
    expect(parseRedisUrl('redis+sentinel://bot:p%40ss@s1:26379,s2,[::1]:26380/mymaster/3?sentinelPassword=sp')).toEqual(
      {
        mode: 'sentinel',
        sentinels: [
          { host: 's1', port: 26379 },
          { host: 's2', port: 26379 },
          { host: '::1', port: 26380 },
        ],
        name: 'mymaster',
        db: 3,
        username: 'bot',
        password: 'p@ss',
        sentinelPassword: 'sp',
        tls: false,
        display: 'redis+sentinel://s1:26379,s2,[::1]:26380/mymaster/3',
      },
    );
  });

  it('reads cluster seed nodes, with TLS for rediss+cluster://', () => {
    expect(parseRedisUrl('rediss+cluster://:pw@n1:7000,n2:7001')).toEqual({
      mode: 'cluster',
      nodes: [
        { host: 'n1', port: 7000 },
        { host: 'n2', port: 7001 },
      ],
      password: 'pw',
      tls: true,
      display: 'rediss+cluster://n1:7000,n2:7001',
    });
  });

  it.each([
    { name: 'not a redis URL', url: 'http://cache:6379', message: /REDIS_URL must look like/ },
    { name: 'several hosts without a mode', url: 'redis://a:1,b:2', message: /redis\+sentinel:\/\/ or redis\+cluster/ },
    { name: 'sentinel without a master name', url: 'redis+sentinel://s1:26379', message: /master name/ },
    { name: 'a port that is not a number', url: 'redis+cluster://n1:http', message: /not host:port/ },
  ])('rejects $name with a message that says what is expected', ({ url, message }) => {
    expect(() => parseRedisUrl(url)).toThrow(message);
  });

  it('never echoes the password in an error', () => {
    expect(() => parseRedisUrl('redis+sentinel://:hunter2@s1:26379')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });
});
