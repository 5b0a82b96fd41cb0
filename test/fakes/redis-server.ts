/**
 * A real `redis-server` for tests, on a free loopback port, with nothing persisted.
 *
 *   const redis = await startRedisServer();          // in beforeAll; one per test file
 *   const store = new RedisStore({ url: redis.url });
 *   await redis.stop(); await redis.restart();        // an outage: same port, data gone
 *   await redis.close();                              // in afterAll
 *
 * It runs `redis-server --port <free> --bind 127.0.0.1 --save '' --appendonly no` (plus
 * `--enable-debug-command local`, so tests can `DEBUG SLEEP` to make Redis slow). The binary is
 * `$REDIS_SERVER_BIN` or `redis-server` on the PATH (CI installs it: see .ci/run). It never skips: a
 * missing binary or a server that does not come up rejects with a message that says what to install.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  /** True between a successful start and a stop. */
  readonly running: boolean;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s); the port stays reserved for `restart`. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. Resolves when it accepts connections. */
  restart(): Promise<void>;
  /** Stops it for good; safe to call twice. */
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
  let child: ChildProcess | undefined;
  let closed = false;

  const start = async (): Promise<void> => {
    child = await launch(port, options);
  };
  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (running) await terminate(running);
  };

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    get running() {
      return child !== undefined;
    },
    stop,
    async restart() {
      if (closed) throw new Error('redis-server test helper: restart after close');
      await stop();
      await start();
    },
    async close() {
      closed = true;
      await stop();
    },
  };
}

async function launch(port: number, options: RedisServerOptions): Promise<ChildProcess> {
  const args = [
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
  ];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${binary} on port ${port} not ready after ${options.readyTimeoutMs ?? 10_000} ms:\n${output}`));
    }, options.readyTimeoutMs ?? 10_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
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
