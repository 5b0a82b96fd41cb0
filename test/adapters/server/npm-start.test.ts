/**
 * `npm start` as a person runs it: the real entry point (adapters/main.ts) as its own process, with the
 * shipped knowledge and nothing configured.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../adapters/settings.ts';
import { startLine as startLineOf } from '../../../adapters/start-line.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const MAIN = ['--disable-warning=ExperimentalWarning', 'adapters/main.ts'];

interface Run {
  readonly child: ChildProcess;
  stdout: string;
  stderr: string;
  readonly exited: Promise<number | null>;
}

let running: Run | undefined;
let blocker: Server | undefined;
afterEach(async () => {
  running?.child.kill('SIGKILL');
  await running?.exited;
  running = undefined;
  await new Promise((resolve) => (blocker ? blocker.close(resolve) : resolve(undefined)));
  blocker = undefined;
});

function start(command: string, args: readonly string[], env: Record<string, string>): Run {
  const child = spawn(command, args, {
    cwd: ROOT,
    // No kubeconfig, no chat platform, no Redis: the newcomer's first start (its record in a fresh STATE_DIR
    // rather than the checkout's ./data).
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: mkdtempSync(join(tmpdir(), 'home-')),
      STATE_DIR: mkdtempSync(join(tmpdir(), 'state-')),
      KNOWLEDGE_WATCH: 'false',
      ...env,
    },
  });
  const run: Run = {
    child,
    stdout: '',
    stderr: '',
    exited: new Promise((resolve) => child.on('close', (code) => resolve(code))),
  };
  child.stdout?.on('data', (d: Buffer) => {
    run.stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    run.stderr += d.toString();
  });
  return run;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`not seen: ${what}`);
}

const startLine =
  /^kube-support-bot · playground: (http:\/\/127\.0\.0\.1:\d+) · store: sqlite \/\S+\/kube-support-bot\.db · platforms: none$/m;

// Each case starts a Node process that loads the whole corpus: give a busy machine room.
describe('npm start', { timeout: 60_000 }, () => {
  it('writes one line for a person on stderr, the playground first, and JSON logs on stdout', async () => {
    running = start(process.execPath, MAIN, { PORT: '0' });
    const run = running;
    await until(() => startLine.test(run.stderr), 'the start line');
    const url = startLine.exec(run.stderr)?.[1];
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/`)).headers.get('content-type')).toContain('text/html');
    // The shipped corpus loads without a warning.
    await until(() => run.stdout.includes('"msg":"listening"'), 'the listening log');
    const logs = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { level: string; msg: string; problems?: number });
    expect(logs.find((l) => l.msg === 'knowledge loaded')?.problems).toBe(0);
    expect(logs.filter((l) => l.msg === 'knowledge load problems')).toEqual([]);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('writes coloured, readable log lines when stdout is a terminal', async () => {
    // util-linux `script` gives the process a pseudo-terminal, as a shell window does.
    const command = [process.execPath, ...MAIN].map((a) => `'${a}'`).join(' ');
    running = start('script', ['-qfec', command, '/dev/null'], { PORT: '0', TERM: 'xterm' });
    const run = running;
    await until(() => startLine.test(run.stdout.replaceAll('\r', '')), 'the start line');
    const screen = run.stdout.replaceAll('\r', '');
    // pino-pretty's colours: a green level and a cyan message, after the local time.
    const esc = String.fromCharCode(27);
    expect(screen).toMatch(/\[\d\d:\d\d:\d\d\] /);
    expect(screen).toContain(`${esc}[32mINFO${esc}[39m: ${esc}[36mknowledge loaded`);
    expect(screen).not.toContain('{"level"');
  });

  it('names PORT when the port is taken, without a stack trace', async () => {
    blocker = createServer();
    const taken = blocker;
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    running = start(process.execPath, MAIN, { PORT: String(port) });
    expect(await running.exited).toBe(1);
    expect(running.stderr).toContain(
      `kube-support-bot: could not start: port ${port} is already in use on 127.0.0.1 (another kube-support-bot?). Stop that process or set PORT to a free port, e.g. PORT=${port + 1} npm start`,
    );
    expect(running.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('the start line', () => {
  it('gives the address the platforms post to, and each platform with its mode, when the playground is off', () => {
    const line = startLineOf(
      {
        url: 'http://127.0.0.1:3000',
        playground: false,
        store: 'redis redis://redis:6379',
        platforms: ['slack', 'teams'],
      },
      { slack: { mode: 'http' } as Settings['slack'] },
    );
    expect(line).toBe(
      'kube-support-bot · listening: http://127.0.0.1:3000 · store: redis redis://redis:6379 · platforms: slack (HTTP Mode), teams',
    );
  });
});
