/**
 * The default store end to end: `adapters/main.ts` as a real process with nothing but STATE_DIR (and
 * Slack in HTTP mode against the loopback fake), the handoff CLI as a second process beside it, a
 * restart, a kill -9, and a data directory it cannot use.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlitePath } from '../../adapters/sqlite/sqlite-store.ts';
import { freePort } from '../fakes/redis-server.ts';
import { eventCallback, type FakeSlackApi, sendSigned, startFakeSlackApi } from '../fakes/slack-api.ts';
import { canMountTmpfs, mountTmpfs } from '../fakes/tmpfs.ts';

const secret = 'process-signing-secret';
const botToken = 'xoxb-process';
const run = promisify(execFile);

let api: FakeSlackApi;
let root: string;

beforeAll(async () => {
  api = await startFakeSlackApi({ botToken });
  root = await mkdtemp(join(tmpdir(), 'ksb-process-'));
  // Readable by the unprivileged user the read-only case runs as.
  await chmod(root, 0o755);
});
afterAll(async () => {
  await api?.close();
  await rm(root, { recursive: true, force: true });
});

interface Bot {
  readonly url: string;
  readonly child: ChildProcess;
  readonly stdout: () => string;
}

function botEnv(stateDir: string, port: number): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '',
    HOME: '/nonexistent',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    KNOWLEDGE_WATCH: 'false',
    KUBE_IN_CLUSTER: 'false',
    BOT_LANGUAGE: 'en',
    HANDOFF_TIMEZONE: 'UTC',
    STATE_DIR: stateDir,
    SLACK_MODE: 'http',
    SLACK_BOT_TOKEN: botToken,
    SLACK_SIGNING_SECRET: secret,
    SLACK_API_URL: api.apiUrl,
  };
}

/** Starts the bot and resolves once /readyz says ready; rejects with its stderr if it exits first. */
async function startBot(stateDir: string): Promise<Bot> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'adapters/main.ts'], {
    env: botEnv(stateDir, port),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the bot exited with code ${child.exitCode}: ${stderr}`);
    const status = await fetch(`${url}/readyz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return { url, child, stdout: () => stdout };
    if (Date.now() > deadline) throw new Error(`the bot was not ready within 60 s: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function stopBot(bot: Bot, signal: NodeJS.Signals): Promise<number | null> {
  if (bot.child.exitCode !== null || bot.child.signalCode !== null) return bot.child.exitCode;
  const exited = once(bot.child, 'exit');
  bot.child.kill(signal);
  const [code] = (await exited) as [number | null];
  return code;
}

/** An image pull error the corpus answers, with its own image so that repeats are not grouped. */
function pullError(n: number): string {
  return `  Warning  Failed  12s  kubelet  Failed to pull image "us.icr.io/team/api-${n}:1.2": rpc error: code = Unknown desc = failed to resolve reference "us.icr.io/team/api-${n}:1.2": unexpected status: 401 Unauthorized`;
}

let seq = 0;
/** A message event posted now in C0SHIFT; resolves with its body (to send again) and its ts. */
async function postError(bot: Bot, n: number): Promise<{ body: string; ts: string }> {
  seq += 1;
  const ts = `${Math.floor(Date.now() / 1000)}.${String(seq).padStart(6, '0')}`;
  const body = JSON.stringify(
    eventCallback({
      type: 'message',
      channel: 'C0SHIFT',
      channel_type: 'channel',
      user: 'U0ALICE',
      text: pullError(n),
      ts,
    }),
  );
  const res = await sendSigned(`${bot.url}/slack/events`, secret, body);
  await res.arrayBuffer();
  expect(res.status).toBe(200);
  return { body, ts };
}

const repliesIn = (ts: string): number =>
  api.callsTo('chat.postMessage').filter((c) => c.params['channel'] === 'C0SHIFT' && c.params['thread_ts'] === ts)
    .length;

async function handoffCli(stateDir: string): Promise<{ code: number; totals: Record<string, number>; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [
        '--disable-warning=ExperimentalWarning',
        'adapters/cli/main.ts',
        'handoff',
        '1h',
        '--channel',
        'C0SHIFT',
        '--json',
      ],
      { env: { PATH: process.env['PATH'] ?? '', STATE_DIR: stateDir, HANDOFF_TIMEZONE: 'UTC' } },
    );
    return { code: 0, totals: (JSON.parse(stdout) as { totals: Record<string, number> }).totals, stderr };
  } catch (err) {
    const e = err as { code: number; stderr: string };
    return { code: e.code, totals: {}, stderr: e.stderr };
  }
}

describe('the bot on its default store, as a process', () => {
  it('keeps its shift across a restart, and the CLI beside it reads the same shift', async () => {
    const stateDir = join(root, 'restart');
    let bot = await startBot(stateDir);
    try {
      const ready = (await (await fetch(`${bot.url}/readyz`)).json()) as Record<string, unknown>;
      expect(ready['store']).toEqual({ kind: 'sqlite', path: sqlitePath(stateDir) });
      expect(bot.stdout()).toContain(`"store":"sqlite","path":"${sqlitePath(stateDir)}","msg":"store in use"`);

      const sent: { body: string; ts: string }[] = [];
      for (let n = 1; n <= 3; n++) sent.push(await postError(bot, n));
      await api.waitFor(() => sent.every(({ ts }) => repliesIn(ts) === 1), 20_000);

      // The CLI in another process, while the bot runs, reads the same file.
      const beside = await handoffCli(stateDir);
      expect(beside.stderr).toBe('');
      expect(beside.totals).toMatchObject({ incidents: 3, open: 3 });

      expect(await stopBot(bot, 'SIGTERM')).toBe(0);
      bot = await startBot(stateDir);

      // Slack delivering the first event again after the restart: its claim was kept, so no second answer.
      const again = await sendSigned(`${bot.url}/slack/events`, secret, sent[0]!.body, { retryNum: 1 });
      expect(again.status).toBe(200);
      const callsBefore = api.calls.length;
      const command = new URLSearchParams({
        team_id: 'T0001',
        channel_id: 'C0SHIFT',
        user_id: 'U0ALICE',
        command: '/handoff',
        text: '1h',
        response_url: `${api.origin}/response_url/after-restart`,
      }).toString();
      const handoff = await sendSigned(`${bot.url}/slack/events`, secret, command, {
        contentType: 'application/x-www-form-urlencoded',
      });
      await handoff.arrayBuffer();
      expect(handoff.status).toBe(200);
      // The summary comes back in the channel (posted, then updated) or through response_url.
      const summaries = (): string[] => [
        ...api.responses.filter((r) => r.path.endsWith('after-restart')).map((r) => String(r.body['text'])),
        ...api.calls.slice(callsBefore).flatMap((c) => (c.params['text'] === undefined ? [] : [c.params['text']])),
      ];
      await api.waitFor(() => summaries().some((text) => /\d+ incidents?:/.test(text)), 20_000);
      expect(summaries().join('\n')).toMatch(/3 incidents: 3 open/);
      expect(sent.map(({ ts }) => repliesIn(ts))).toEqual([1, 1, 1]);
    } finally {
      await stopBot(bot, 'SIGTERM');
    }
  });

  it('after kill -9, has recorded every event it had answered, and starts again on the same file', async () => {
    const stateDir = join(root, 'killed');
    let bot = await startBot(stateDir);
    const answered: string[] = [];
    try {
      const stream = (async () => {
        for (let n = 100; n < 160 && bot.child.exitCode === null && bot.child.signalCode === null; n++) {
          await postError(bot, n).then(
            ({ ts }) => answered.push(ts),
            () => undefined,
          );
        }
      })();
      // Kill it while events are still arriving and being written.
      await api.waitFor(() => answered.filter((ts) => repliesIn(ts) > 0).length >= 20, 20_000);
      await stopBot(bot, 'SIGKILL');
      await stream;
      const repliedBeforeKill = answered.filter((ts) => repliesIn(ts) > 0).length;
      expect(repliedBeforeKill).toBeGreaterThanOrEqual(20);

      bot = await startBot(stateDir);
      const { totals } = await handoffCli(stateDir);
      // Each answered error was recorded before its answer was posted; the ones in flight may be missing.
      expect(totals['incidents']).toBeGreaterThanOrEqual(repliedBeforeKill);
      expect(totals['incidents']).toBeLessThanOrEqual(answered.length);
    } finally {
      await stopBot(bot, 'SIGTERM');
    }
  });
});

/** Root ignores permission bits, so the read-only case runs the bot as `nobody` when the tests run as root. */
const asUnprivileged = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

async function startExpectingFailure(
  stateDir: string,
  options: { uid?: number; gid?: number } = {},
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'adapters/main.ts'], {
    env: botEnv(stateDir, await freePort()),
    stdio: ['ignore', 'ignore', 'pipe'],
    ...options,
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { code, stderr };
}

describe('the bot with a data directory it cannot use', () => {
  it('exits 78 at start-up naming STATE_DIR and the path when the directory is read-only', async () => {
    const stateDir = join(root, 'read-only');
    await mkdir(stateDir);
    await chmod(stateDir, 0o555);
    const { code, stderr } = await startExpectingFailure(stateDir, asUnprivileged);
    expect(stderr).toContain(
      `STATE_DIR=${stateDir}: cannot keep the record in ${sqlitePath(stateDir)}: permission denied`,
    );
    expect(code).toBe(78);
  });

  it.skipIf(!canMountTmpfs())('exits 78 at start-up naming the full disk (on a full tmpfs; needs root)', async () => {
    const stateDir = join(root, 'full');
    await mkdir(stateDir);
    const disk = mountTmpfs(stateDir, 64);
    try {
      await disk.fill();
      const { code, stderr } = await startExpectingFailure(stateDir);
      expect(stderr).toContain(
        `STATE_DIR=${stateDir}: cannot keep the record in ${sqlitePath(stateDir)}: the disk is full`,
      );
      expect(code).toBe(78);
    } finally {
      disk.unmount();
    }
  });
});
