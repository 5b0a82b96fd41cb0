/**
 * A real `redis-server` for tests, on a free loopback port, with nothing persisted.
 *
 *   const redis = await startRedisServer();          // in beforeAll; one per test file
 *   const store = new RedisStore({ url: redis.url });
 *   await redis.stop(); …; await redis.start();       // an outage: same port, data kept
 *   await redis.close();                              // in afterAll
 *   const sentinel = await startRedisSentinel(redis); // redis+sentinel:// URL for "mymaster"
 *   const cluster = await startRedisCluster();        // redis+cluster:// URL, three masters
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

const { REDIS_SERVER_BIN, REDIS_CLI_BIN } = process.env;
const binary = REDIS_SERVER_BIN ?? 'redis-server';
const cliBinary = REDIS_CLI_BIN ?? 'redis-cli';

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

/** A server on loopback only, keeping nothing on disk: what every test instance starts from. */
function ephemeralArgs(port: number, dir: string): string[] {
  return ['--dir', dir, '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
}

async function launch(port: number, dir: string, options: RedisServerOptions): Promise<ChildProcess> {
  return spawnUntil(
    port,
    [...ephemeralArgs(port, dir), '--enable-debug-command', 'local', ...(options.args ?? [])],
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

export interface RedisCluster {
  readonly ports: readonly number[];
  /** `redis+cluster://127.0.0.1:<p1>,127.0.0.1:<p2>,127.0.0.1:<p3>` */
  readonly url: string;
  /** Stops every node and removes their folder; safe to call twice. */
  close(): Promise<void>;
}

/**
 * A real three-master Redis Cluster on loopback, no replicas, nothing persisted: three
 * `redis-server --cluster-enabled yes` nodes joined by `redis-cli --cluster create`. Resolves once
 * every node reports `cluster_state:ok`. Each node's cluster bus gets its own free port
 * (`--cluster-port`), since the default (port + 10000) may fall outside the port range or be taken.
 * The client binary is `$REDIS_CLI_BIN` or `redis-cli` on the PATH (Debian: redis-tools, installed with
 * redis-server).
 */
export async function startRedisCluster(options: { readonly readyTimeoutMs?: number } = {}): Promise<RedisCluster> {
  const timeoutMs = options.readyTimeoutMs ?? 20_000;
  const dir = await mkdtemp(join(tmpdir(), 'ksb-cluster-'));
  const nodes: ChildProcess[] = [];
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await Promise.all(nodes.map((node) => terminate(node)));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const taken = new Set<number>();
    const ports: number[] = [];
    for (let n = 0; n < 3; n++) {
      const port = await freePort(taken);
      const busPort = await freePort(taken);
      ports.push(port);
      nodes.push(
        await spawnUntil(
          port,
          [
            ...ephemeralArgs(port, dir),
            '--cluster-enabled',
            'yes',
            '--cluster-port',
            String(busPort),
            '--cluster-config-file',
            join(dir, `nodes-${port}.conf`),
          ],
          'Ready to accept connections',
          timeoutMs,
        ),
      );
    }
    await runCli(
      ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'],
      timeoutMs,
    );
    await Promise.all(ports.map((port) => untilClusterOk(port, timeoutMs)));
    return { ports, url: `redis+cluster://${ports.map((p) => `127.0.0.1:${p}`).join(',')}`, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Runs redis-cli to completion; rejects with its output when it fails or outlives the timeout. */
async function runCli(args: string[], timeoutMs: number): Promise<void> {
  const child = spawn(cliBinary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
      child.once('error', (err: NodeJS.ErrnoException) =>
        reject(
          err.code === 'ENOENT'
            ? new Error(
                `${cliBinary} not found: the Redis Cluster tests need redis-cli (apt-get install redis-tools, or set REDIS_CLI_BIN)`,
                { cause: err },
              )
            : err,
        ),
      );
      child.once('exit', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
    });
    if (code !== 0)
      throw new Error(`${cliBinary} ${args.join(' ')} failed (code ${code}, signal ${signal}):\n${output}`);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls CLUSTER INFO on one node until it says the cluster is ok (all slots served, nodes agree). */
async function untilClusterOk(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let info = '';
  for (;;) {
    info = await rawCommand(port, ['CLUSTER', 'INFO']);
    if (/^cluster_state:ok\r?$/m.test(info)) return;
    if (Date.now() > until) throw new Error(`redis cluster node ${port} not ok after ${timeoutMs} ms:\n${info}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One command over a raw connection (RESP); resolves with a simple or bulk string reply's text. */
async function rawCommand(port: number, args: readonly string[]): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  try {
    await once(socket, 'connect');
    socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`);
    let reply = Buffer.alloc(0);
    for (;;) {
      const [chunk] = (await once(socket, 'data')) as [Buffer];
      reply = Buffer.concat([reply, chunk]);
      const text = reply.toString();
      const headerEnd = text.indexOf('\r\n');
      if (headerEnd < 0) continue;
      const header = text.slice(0, headerEnd);
      if (header.startsWith('-')) throw new Error(`redis ${args.join(' ')} on port ${port}: ${header.slice(1)}`);
      if (!header.startsWith('$')) return header.slice(1);
      const length = Number(header.slice(1));
      const body = reply.subarray(Buffer.byteLength(header) + 2);
      if (body.length >= length) return body.subarray(0, length).toString();
    }
  } finally {
    socket.destroy();
  }
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

/** A loopback port the OS says is free now (and, when given, not among `taken`, which it joins). */
export async function freePort(taken?: Set<number>): Promise<number> {
  for (;;) {
    const port = await freePortOnce();
    if (taken === undefined) return port;
    if (taken.has(port)) continue;
    taken.add(port);
    return port;
  }
}

async function freePortOnce(): Promise<number> {
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
