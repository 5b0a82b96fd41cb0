/**
 * `kb learned` against the SQLite record a running bot keeps: what the channel taught, listed, shown,
 * exported as a runbook that `kb lint` accepts and `match` answers from, and forgotten.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore, sqlitePath } from '../../../adapters/sqlite/sqlite-store.ts';
import { createLearner } from '../../../src/learning/learner.ts';
import { defaultLearningConfig } from '../../../src/learning/learning-config.ts';
import { silentLogger } from '../../../src/log.ts';
import { loadMatcher } from '../../../src/matching/load-matcher.ts';

const run = promisify(execFile);
const cli = async (args: string[], env: Record<string, string> = {}) => {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', 'adapters/cli/main.ts', ...args],
      { env: { PATH: process.env['PATH'] ?? '', BOT_LANGUAGE: 'en', STATE_DIR: stateDir, ...env } },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

const secret = 'hunter2-Sup3rSecret';
const paste = `Failed to pull image "registry.acme.io/shop/web:2.4": rpc error: code = Unknown desc = failed to authorize: 401 Unauthorized (docker login -p ${secret})`;
const other =
  'Error from server (Forbidden): pods is forbidden: User "dev" cannot list resource "pods" in the namespace "prod"';

let dir: string;
let stateDir: string;
let section: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ksb-learned-cli-'));
  stateDir = join(dir, 'state');
  await mkdir(stateDir);
  const { matcher } = await loadMatcher('knowledge');
  const store = new SqliteStore({ path: sqlitePath(stateDir), log: silentLogger });
  const learner = createLearner({ store, config: defaultLearningConfig });
  const taught = matcher.match(paste);
  section = taught.matches[0]!.section.id;
  for (const userId of ['U0ALICE', 'U0BOB']) {
    await learner.vote(taught.evidence!, { kind: 'confirm', section, platform: 'slack', userId });
  }
  const waiting = matcher.match(other);
  await learner.vote(waiting.evidence!, { kind: 'reject', section, platform: 'slack', userId: 'U0CAROL' });
  await store.close();
}, 30_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('kb learned', () => {
  it('lists the pairs in use and those waiting for more people, without what the paste hid', async () => {
    const { code, stdout, stderr } = await cli(['kb', 'learned', 'list']);
    expect(code).toBe(0);
    const rows = stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^ID\s+SAYS\s+PEOPLE\s+STATE\s+LAST\s+UNTIL\s+SECTION$/);
    expect(rows.slice(1).map((r) => r.split(/\s{2,}/).slice(1, 4))).toEqual(
      expect.arrayContaining([
        ['fixes', '2', 'in use'],
        ['not it', '1', 'waiting'],
      ]),
    );
    expect(stderr).toContain('2 learned pairs (1 in use)');
    expect(stdout + stderr).not.toContain(secret);
  });

  it('shows what was learned about a section: the pasted lines, masked and redacted', async () => {
    const { code, stdout } = await cli(['kb', 'learned', 'show', section]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Id: ${section}`);
    expect(stdout).toMatch(/\| Failed to pull image .*401 Unauthorized/);
    expect(stdout).not.toContain(secret);
    expect(stdout).not.toContain('registry.acme.io');
  });

  it('exports a runbook that kb lint accepts and match answers from', async () => {
    const out = join(dir, 'exported');
    const exported = await cli(['kb', 'learned', 'export', out, '--json']);
    expect(exported.code).toBe(0);
    const { files } = JSON.parse(exported.stdout) as { files: string[] };
    expect(files).toHaveLength(1);
    expect(await readdir(out)).toEqual([files[0]!.split('/').pop()]);
    const text = await readFile(files[0]!, 'utf8');
    expect(text).toMatch(/^---\ntitle: .*\(learned\)"?\nerrors:\n {2}- .*Failed to pull image/);
    expect(text).toContain(section.split('#')[0]);
    expect(text).not.toContain(secret);

    const lint = await cli(['kb', 'lint', '--knowledge', out]);
    expect(lint.stdout).toMatch(/1 sources, 1 sections, 0 errors/);
    expect(lint.code).toBe(0);
    // Promoted into a knowledge folder (with the vocabulary beside it), it answers the next such paste.
    const promoted = join(dir, 'promoted');
    await cp('knowledge/lexicon', join(promoted, 'lexicon'), { recursive: true });
    await cp(files[0]!, join(promoted, 'runbooks', 'learned.md'));
    const again = paste.replace('shop/web:2.4', 'billing/api:7.1');
    const match = await cli(['match', '--json', again, '--knowledge', promoted]);
    expect(JSON.parse(match.stdout)).toMatchObject({ confident: true });
  });

  it('forgets a pair by its id, and says so when there is none', async () => {
    const list = JSON.parse((await cli(['kb', 'learned', 'list', '--json'])).stdout) as {
      id: string;
      counts: boolean;
    }[];
    const inUse = list.find((p) => p.counts)!;
    const forgot = await cli(['kb', 'learned', 'forget', inUse.id]);
    expect(forgot.code).toBe(0);
    expect(forgot.stdout).toContain('forgot 1 learned pair');
    const after = JSON.parse((await cli(['kb', 'learned', 'list', '--json'])).stdout) as { id: string }[];
    expect(after.map((p) => p.id)).not.toContain(inUse.id);
    const none = await cli(['kb', 'learned', 'forget', 'nosuchpair']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no learned pair or paste "nosuchpair"');
  });

  it('says nothing was learned where there is no record, and creates none', async () => {
    const empty = join(dir, 'empty');
    const { code, stderr } = await cli(['kb', 'learned', 'list'], { STATE_DIR: empty });
    expect(code).toBe(0);
    expect(stderr).toContain('nothing learned yet');
    expect(existsSync(empty)).toBe(false);
  });

  it('gives its usage for a malformed command', async () => {
    const { code, stderr } = await cli(['kb', 'learned', 'export']);
    expect(code).toBe(2);
    expect(stderr).toContain('kb learned export needs a folder');
    expect(stderr).toContain('usage: kb learned list | show <section> | forget <id> | export DIR');
  });
});
