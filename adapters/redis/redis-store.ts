import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { atMostEvery, type Logger, silentLogger } from '../../src/log.ts';
import type { IndexAddOptions, Store } from '../../src/store/store.ts';
import { StoreHealth, storeUnavailable } from '../store/store-health.ts';
import { parseRedisUrl, type RedisTarget } from './redis-url.ts';

export interface RedisStoreOptions {
  /** REDIS_URL: redis://, rediss://, redis+sentinel://, redis+cluster:// (see redis-url.ts). */
  readonly url: string;
  readonly log?: Logger;
  /** Longest wait for one command before it fails (ioredis commandTimeout); default 1000 ms. */
  readonly commandTimeoutMs?: number;
  /** Longest wait for a connection; default 2000 ms. */
  readonly connectTimeoutMs?: number;
}

/**
 * The Store on Redis through ioredis. Waits are bounded so a slow or absent Redis never piles up
 * memory: no offline queue (commands fail at once while disconnected), no per-request retries, a
 * command timeout, and reconnection in the background. Failures reject with `store_unavailable`.
 * Health changes are logged once per change ("redis unavailable" / "redis available again"), and
 * timeouts and refused writes (maxmemory) at most once per 10 s.
 */
export class RedisStore implements Store {
  readonly client: Redis | Cluster;
  readonly #log: Logger;
  readonly #timeoutMs: number;
  readonly #connectTimeoutMs: number;
  readonly #target: RedisTarget;
  readonly #health: StoreHealth;
  // At most one line per kind every 10 s: a slow or full Redis is retried often.
  readonly #slowLog = atMostEvery(10_000);
  readonly #fullLog = atMostEvery(10_000);

  constructor(options: RedisStoreOptions) {
    this.#target = parseRedisUrl(options.url);
    this.#log = (options.log ?? silentLogger).child({ component: 'redis', redis: this.#target.display });
    this.#timeoutMs = options.commandTimeoutMs ?? 1000;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 2000;
    this.#health = new StoreHealth(this.#log, 'redis');
    this.client = connect(this.#target, {
      commandTimeout: this.#timeoutMs,
      connectTimeout: this.#connectTimeoutMs,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      enableAutoPipelining: true,
      // A close waits at most this long for the socket to end (ioredis default 2 s keeps CLIs alive).
      disconnectTimeout: 200,
      // Reconnect forever in the background, at most every 2 s; commands meanwhile fail fast.
      retryStrategy: (times: number) => Math.min(times * 100, 2000),
    });
    this.client.on('error', (err: Error) => this.#health.markDown(err));
    this.client.on('end', () => this.#health.markDown(new Error('connection closed')));
    this.client.on('ready', () => this.#health.markUp());
  }

  /** Where it connects, without credentials: for logs. */
  get display(): string {
    return this.#target.display;
  }

  describe(): string {
    return `redis ${this.#target.display}`;
  }

  /** Resolves once connected (or rejects after the connect timeout): for startup checks and tests. */
  async ready(): Promise<void> {
    if (this.client.status !== 'ready') {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.client.off('ready', onReady);
          reject(storeUnavailable('Redis', `redis not ready after ${this.#connectTimeoutMs} ms`));
        }, this.#connectTimeoutMs);
        const onReady = (): void => {
          clearTimeout(timer);
          resolve();
        };
        this.client.once('ready', onReady);
      });
    }
    await this.#run('ping', () => this.client.ping());
  }

  async close(): Promise<void> {
    this.client.removeAllListeners('end');
    // QUIT waits for a connection; without one there is nothing to say goodbye to.
    if (this.client.status !== 'ready') {
      this.client.disconnect();
      return;
    }
    await this.client.quit().catch(() => this.client.disconnect());
  }

  async get(key: string): Promise<string | undefined> {
    const value = await this.#run('get', () => this.client.get(key));
    return value ?? undefined;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    await this.#run('set', () =>
      ttlMs === undefined ? this.client.set(key, value) : this.client.set(key, value, 'PX', ttlMs),
    );
  }

  async delete(key: string): Promise<void> {
    await this.#run('del', () => this.client.del(key));
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    return (await this.#run('claim', () => this.client.set(key, '1', 'PX', ttlMs, 'NX'))) === 'OK';
  }

  async hashSet(key: string, fields: Readonly<Record<string, string>>, ttlMs?: number): Promise<void> {
    if (Object.keys(fields).length === 0) return;
    // Sent together (auto-pipelining: one round trip). No MULTI: each command is idempotent, and a
    // partial write is repaired by the retry that the caller's failure triggers.
    await this.#run('hset', () =>
      Promise.all([this.client.hset(key, fields), ttlMs === undefined ? undefined : this.client.pexpire(key, ttlMs)]),
    );
  }

  async hashGetAll(key: string): Promise<Record<string, string>> {
    return this.#run('hgetall', () => this.client.hgetall(key));
  }

  async hashGetAllMany(keys: readonly string[]): Promise<Record<string, string>[]> {
    // Auto-pipelining batches these into few round trips, per node in a Cluster.
    return this.#run('hgetall', () => Promise.all(keys.map((key) => this.client.hgetall(key))));
  }

  async indexAdd(key: string, member: string, score: number, options: IndexAddOptions = {}): Promise<void> {
    await this.#run('zadd', () =>
      Promise.all([
        this.client.zadd(key, 'GT', score, member),
        options.trimBelow === undefined
          ? undefined
          : this.client.zremrangebyscore(key, '-inf', `(${options.trimBelow}`),
        options.ttlMs === undefined ? undefined : this.client.pexpire(key, options.ttlMs),
      ]),
    );
  }

  async indexRange(key: string, min: number, max: number): Promise<string[]> {
    return this.#run('zrangebyscore', () => this.client.zrangebyscore(key, min, max));
  }

  async #run<T>(command: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (/timed out/i.test(message)) {
        if (this.#slowLog.due()) {
          this.#log.warn({ command, timeoutMs: this.#timeoutMs }, 'redis slow: command timed out, failing fast');
        }
      } else if (/^OOM/.test(message)) {
        if (this.#fullLog.due())
          this.#log.error({ command, err: { message } }, 'redis full (maxmemory): write refused');
      } else {
        this.#health.markDown(err instanceof Error ? err : new Error(message));
      }
      throw storeUnavailable('Redis', `redis ${command} failed: ${message}`, err);
    }
  }
}

function connect(target: RedisTarget, options: RedisOptions): Redis | Cluster {
  switch (target.mode) {
    case 'standalone':
      return new Redis(target.url, options);
    case 'sentinel':
      return new Redis({
        ...options,
        sentinels: target.sentinels.map((s) => ({ ...s })),
        name: target.name,
        db: target.db,
        ...(target.username === undefined ? {} : { username: target.username }),
        ...(target.password === undefined ? {} : { password: target.password }),
        ...(target.sentinelPassword === undefined ? {} : { sentinelPassword: target.sentinelPassword }),
        ...(target.tls ? { tls: {}, enableTLSForSentinelMode: true } : {}),
      });
    case 'cluster': {
      const { retryStrategy, enableOfflineQueue, ...redisOptions } = options;
      return new Cluster(
        target.nodes.map((n) => ({ ...n })),
        {
          clusterRetryStrategy: (times: number) => Math.min(times * 100, 2000),
          enableOfflineQueue: enableOfflineQueue ?? false,
          enableAutoPipelining: true,
          redisOptions: {
            ...redisOptions,
            ...(target.username === undefined ? {} : { username: target.username }),
            ...(target.password === undefined ? {} : { password: target.password }),
            ...(target.tls ? { tls: {} } : {}),
          },
        },
      );
    }
  }
}
