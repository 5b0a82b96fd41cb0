/**
 * What every CLI command shares, through the real entry point: `--knowledge` (and `--dir`), the language
 * of its messages (BOT_LANGUAGE, `--language`), and problems as JSON when `--json` or `--jsonl` is given.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

function cli(args: string[], env: Record<string, string> = {}, input = '') {
  const result = spawnSync(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', 'adapters/cli/main.ts', ...args],
    // No kubeconfig, no Redis, no language chosen: what a newcomer's shell has.
    { cwd: ROOT, encoding: 'utf8', input, env: { PATH: process.env['PATH'] ?? '', HOME: tmpdir(), ...env } },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-knowledge-'));
  // The matcher reads a vocabulary folder beside the documents; an empty one is none.
  await mkdir(join(dir, 'lexicon'));
  await writeFile(
    join(dir, 'disk-full.md'),
    '---\ntitle: Node disk full\nerrors:\n  - "no space left on device"\n---\n\n## Causes\nThe node disk is full.\n\n## Resolution\n1. Free space.\n',
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('--knowledge, for every command that reads the knowledge', () => {
  it('is read by kb, with --dir kept as the same option', () => {
    for (const option of ['--knowledge', '--dir']) {
      const { code, stdout } = cli(['kb', 'list', option, dir]);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^disk-full#disk-full\s+1-\d+\s+Node disk full$/m);
      expect(stdout).toContain('1 sections');
    }
  });

  it('is read by match, and KNOWLEDGE_DIR is its default as for the bot', () => {
    const error = 'write /var/lib/x: no space left on device';
    expect(cli(['match', error, '--knowledge', dir, '--json']).stdout).toContain('"id": "disk-full#disk-full"');
    expect(cli(['match', error, '--json'], { KNOWLEDGE_DIR: dir }).stdout).toContain('"id": "disk-full#disk-full"');
  });

  it('names the folder when it is not one, instead of listing nothing', () => {
    const missing = join(dir, 'nope');
    for (const args of [
      ['kb', 'list'],
      ['match', 'x'],
    ]) {
      const { code, stdout, stderr } = cli([...args, '--knowledge', missing], { BOT_LANGUAGE: 'en' });
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe(`no knowledge folder at ${missing}: give one with --knowledge DIR or KNOWLEDGE_DIR\n`);
    }
  });
});

describe('problems with --json are one JSON object on stdout', () => {
  it.each([
    { command: ['match', '--top', '0', 'x', '--json'], code: 2, error: { code: 'usage', usage: expect.any(String) } },
    { command: ['match', '--jsonl', '--knowledge', '/nonexistent'], code: 2, error: { code: 'usage' } },
    { command: ['kb', 'show', 'no-such-section', '--json'], code: 1, error: { code: 'not_found' } },
    { command: ['kb', 'list', '--bogus', '--json'], code: 2, error: { code: 'usage' } },
    { command: ['diagnose', '--json'], code: 2, error: { code: 'usage', message: 'which pod?' } },
    { command: ['diagnose', 'pod', 'web-1', '--json'], code: 1, error: { code: 'config_invalid' } },
    { command: ['handoff', '12h', '--json'], code: 2, error: { code: 'usage' } },
    { command: ['handoff', 'soon', '--events', '/dev/null', '--json'], code: 2, error: { code: 'usage' } },
  ])('$command.0: $command', ({ command, code, error }) => {
    const out = cli(command, { BOT_LANGUAGE: 'en', KUBE_IN_CLUSTER: 'false' });
    expect(out.code).toBe(code);
    expect(out.stderr).toBe('');
    const parsed = JSON.parse(out.stdout) as { error: { code: string; message: string } };
    expect(Object.keys(parsed)).toEqual(['error']);
    expect(parsed.error).toMatchObject(error);
    expect(parsed.error.message.length).toBeGreaterThan(5);
  });

  it('keeps problems as text on stderr without --json', () => {
    const out = cli(['kb', 'show', 'no-such-section'], { BOT_LANGUAGE: 'en' });
    expect(out.code).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe('no section "no-such-section" (see `kb list`)\n');
  });
});

describe('the language of CLI messages', () => {
  it("is the bot's: Korean by default", () => {
    expect(cli(['kb', 'show']).stderr).toMatch(/^kb show 뒤에 항목 id가 필요합니다\n사용법: kb list/);
    expect(cli(['match', '--top', 'x']).stderr).toMatch(
      /^--top 뒤에는 1부터 50까지의 정수가 필요합니다\n사용법: match/,
    );
    expect(cli(['diagnose', 'deployment', 'web']).stderr).toMatch(
      /^팟만 진단할 수 있습니다 \("deployment" 불가\)\n사용법:/,
    );
    expect(cli(['handoff', '12h']).stderr).toMatch(/^사건 기록이 없습니다: /);
    expect(cli(['frobnicate']).stderr).toMatch(/^알 수 없는 명령 "frobnicate"\n사용법: npm run -s cli -- <command>/);
  });

  it('follows BOT_LANGUAGE, and --language over it', () => {
    expect(cli(['kb', 'show'], { BOT_LANGUAGE: 'en' }).stderr).toMatch(/^kb show needs a section id\nusage: kb list/);
    expect(cli(['kb', 'show', '--language', 'en'], { BOT_LANGUAGE: 'ko' }).stderr).toMatch(
      /^kb show needs a section id/,
    );
    expect(cli(['--language=ko', 'kb', 'show'], { BOT_LANGUAGE: 'en' }).stderr).toMatch(/^kb show 뒤에 항목 id가/);
  });

  it('says which setting is wrong when the language is neither', () => {
    const flag = cli(['kb', 'list', '--language', 'fr']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^--language는 ko 또는 en이어야 합니다 \("fr" 불가\)/);
    expect(cli(['kb', 'list'], { BOT_LANGUAGE: 'fr' }).stderr).toMatch(/^BOT_LANGUAGE는 ko 또는 en이어야/);
  });
});
