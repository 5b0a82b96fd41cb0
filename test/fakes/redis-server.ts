/**
 * A real `redis-server` for tests, on a free loopback port, with nothing persisted.
 *
 *   const redis = await startRedisServer();          // in beforeAll; one per test file
 *   const store = new RedisStore({ url: redis.url });
 *   await redis.stop(); …; await redis.start();       // an outage: same port, data kept
 *   await redis.close();                              // in afterAll
 *   const sentinel = await startRedisSentinel(redis); // redis+sentinel:// URL for "mymaster"
 *
 * It runs `redis-server --port <free> --bind 127.0.0.1 --save '' --appendonly no` (plus
 * `--enable-debug-command local`, so tests can `DEBUG SLEEP` to make Redis slow, and `--dir` in a
 * private temporary folder). Nothing is saved on its own; `stop()` saves a snapshot first (SAVE) so the
 * data outlives the outage, as it would on a Redis with persistence, unless `{ keepData: false }`. The binary is
 * `$REDIS_SERVER_BIN` or `redis-server` on the PATH (CI installs it: see .ci/run). It never skips: a
 * missing binary or a server that does not come up rejects with a message that says what to install.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  /** True between a successful start and a stop. */
  readonly running: boolean;
  /**
   * Stops the server (SIGTERM, then SIGKILL after 5 s), after saving a snapshot unless `keepData` is
   * false. Connected clients see the connection drop. Safe to call when stopped.
   */
  stop(options?: { readonly keepData?: boolean }): Promise<void>;
  /** Starts it again on the same port, with the snapshot `stop` kept. Resolves when it accepts connections. */
  start(): Promise<void>;
  /** `stop()` then `start()`. */
  restart(options?: { readonly keepData?: boolean }): Promise<void>;
  /** Stops it for good and removes its folder; safe to call twice. */
  close(): Promise<void>;
}

export interface RedisServerOptions {
  /** Extra `redis-server` arguments, e.g. `['--maxmemory', '1mb']`. */
  readonly args?: readonly string[];
  /** How long to wait for "Ready to accept connections"; default 10 s. */
  readonly readyTimeoutMs?: number;
}

const { REDIS_SERVER_BIN } = process.env;
const binary = REDIS_SERVER_BIN ?? 'redis-server';

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'ksb-redis-'));
  let child: ChildProcess | undefined;
  let closed = false;

  const start = async (): Promise<void> => {
    if (closed) throw new Error('redis-server test helper: start after close');
    if (child) return;
    child = await launch(port, dir, options);
  };
  const stop = async (stopOptions: { readonly keepData?: boolean } = {}): Promise<void> => {
    const running = child;
    child = undefined;
    if (!running) return;
    if (stopOptions.keepData === false) await rm(join(dir, 'dump.rdb'), { force: true });
    else await save(port);
    await terminate(running);
  };

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    get running() {
      return child !== undefined;
    },
    stop,
    start,
    async restart(restartOptions) {
      await stop(restartOptions);
      await start();
    },
    async close() {
      await stop({ keepData: false });
      closed = true;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function launch(port: number, dir: string, options: RedisServerOptions): Promise<ChildProcess> {
  return spawnUntil(
    port,
    [
      '--dir',
      dir,
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--enable-debug-command',
      'local',
      ...(options.args ?? []),
    ],
    'Ready to accept connections',
    options.readyTimeoutMs ?? 10_000,
  );
}

/**
 * A Sentinel (`redis-server <conf> --sentinel`) on a free loopback port that monitors `master` under the
 * name `mymaster` with a quorum of one, for testing `redis+sentinel://` URLs. Resolves once it monitors.
 */
export async function startRedisSentinel(
  master: RedisServer,
): Promise<{ readonly port: number; readonly url: string; close(): Promise<void> }> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'ksb-sentinel-'));
  const conf = join(dir, 'sentinel.conf');
  await writeFile(conf, `dir ${dir}\nsentinel monitor mymaster 127.0.0.1 ${master.port} 1\n`);
  const child = await spawnUntil(
    port,
    [conf, '--sentinel', '--port', String(port), '--bind', '127.0.0.1'],
    '+monitor master mymaster',
    10_000,
  );
  return {
    port,
    url: `redis+sentinel://127.0.0.1:${port}/mymaster`,
    async close() {
      await terminate(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function spawnUntil(
  port: number,
  args: string[],
  readyLine: string,
  readyTimeoutMs: number,
): Promise<ChildProcess> {
  const options = { readyTimeoutMs };
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${binary} on port ${port} not ready after ${options.readyTimeoutMs ?? 10_000} ms:\n${output}`));
    }, options.readyTimeoutMs ?? 10_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes(readyLine)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        err.code === 'ENOENT'
          ? new Error(
              `${binary} not found: the Redis tests need a real redis-server (apt-get install redis-server, or set REDIS_SERVER_BIN)`,
              { cause: err },
            )
          : new Error(`${binary} failed to start`, { cause: err }),
      );
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${binary} exited (code ${code}, signal ${signal}) before it was ready:\n${output}`));
    });
  });
  try {
    await ready;
  } catch (err) {
    if (child.exitCode === null && child.pid !== undefined) await terminate(child);
    throw err;
  }
  // Keep draining the pipes so a chatty server never blocks on a full buffer.
  child.stdout?.resume();
  child.stderr?.resume();
  return child;
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** A loopback port the OS says is free now. */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

/** SAVE over a raw connection (RESP), so the helper needs no client library. */
async function save(port: number): Promise<void> {
  const socket = connect(port, '127.0.0.1');
  try {
    await once(socket, 'connect');
    socket.write('*1\r\n$4\r\nSAVE\r\n');
    const [reply] = (await once(socket, 'data')) as [Buffer];
    if (!reply.toString().startsWith('+OK')) throw new Error(`redis-server SAVE failed: ${reply.toString().trim()}`);
  } finally {
    socket.destroy();
  }
}
