import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const NODE = join(ROOT, 'node_modules', '.bin', 'node');

function kb(...args: string[]) {
  const result = spawnSync(NODE, ['--disable-warning=ExperimentalWarning', 'adapters/cli/main.ts', 'kb', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, BOT_LANGUAGE: 'en' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('kb CLI', () => {
  it('lists sections with id, line range and title', () => {
    const { code, stdout } = kb('list');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /ibm-cloud\/kubernetes-service-clusters#ts_image_pull\s+758-833\s+`ImagePullBackOff` 또는 권한 부여 오류로/,
    );
    expect(stdout).toMatch(/↳ API 키를 사용하는 이미지 풀 시크릿 문제점 해결/);
  });

  it('aligns the columns in terminal cells, Hangul counting two, a too-long id on a line of its own', () => {
    const { stdout } = kb('list');
    const [header, ...rows] = stdout.trimEnd().split('\n').slice(0, -1);
    const column = stringWidth(header!.slice(0, header!.indexOf('LINES')));
    let hangul = 0;
    let ownLine = 0;
    for (const [i, row] of rows.entries()) {
      const at = /^(.*?) {2,}(\d+-\d+) /.exec(row);
      if (!at) {
        // An id wider than the column: its range and title follow on the next line, under the column.
        expect(rows[i + 1]).toMatch(new RegExp(`^ {${column}}\\d+-\\d+ `));
        ownLine++;
        continue;
      }
      expect(stringWidth(row.slice(0, row.indexOf(at[2]!))), row).toBe(column);
      if (/[가-힣]/.test(at[1]!)) hangul++;
    }
    expect(hangul).toBeGreaterThan(10);
    expect(ownLine).toBeGreaterThan(0);
  });

  it('lists as JSON', () => {
    const { code, stdout } = kb('list', '--json');
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as { id: string; source: string; lines: [number, number]; parentId?: string }[];
    expect(rows.find((r) => r.id === 'ibm-cloud/kubernetes-service-clusters#ts_image_pull_token')).toMatchObject({
      source: 'knowledge/ibm-cloud/kubernetes-service-clusters.md',
      lines: [925, 969],
      parentId: 'ibm-cloud/kubernetes-service-clusters#ts_image_pull',
    });
  });

  it('shows a section readably: title, causes, numbered steps with commands, source and address', () => {
    const { code, stdout } = kb('show', 'ibm-cloud/kubernetes-service-clusters#ts_image_pull');
    expect(code).toBe(0);
    expect(stdout).toContain('Causes:\n  클러스터는 API 키 또는 이미지 풀 시크릿에 저장된 토큰을 사용하여');
    expect(stdout).toMatch(
      /Steps:\n {2}1\. 배치 YAML 파일에서 이미지의 올바른 이름 및 태그를 사용하는지 확인하십시오\.\n\s+ibmcloud cr images\n/,
    );
    expect(stdout).toContain('knowledge/ibm-cloud/kubernetes-service-clusters.md:758-833');
    expect(stdout).toContain(
      'https://cloud.ibm.com/docs/containers?topic=containers-cs_troubleshoot_clusters#ts_image_pull',
    );
    expect(stdout).toMatch(
      /Sub-parts:\n {2}- ibm-cloud\/kubernetes-service-clusters#ts_image_pull_apikey {2}API 키를 사용하는/,
    );
  });

  it('shows a section as JSON, found by the end of its id', () => {
    const { code, stdout } = kb('show', '#cs_pods_pending', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      id: 'ibm-cloud/kubernetes-service-clusters#cs_pods_pending',
      lines: [974, 1042],
    });
  });

  it('answers an unknown id with exit 1 and a hint', () => {
    const { code, stderr } = kb('show', 'no-such-section');
    expect(code).toBe(1);
    expect(stderr).toContain('no section "no-such-section"');
  });

  it('answers bad usage with exit 2', () => {
    expect(kb('frobnicate').code).toBe(2);
    expect(kb('show').code).toBe(2);
    expect(kb('list', '--bogus').code).toBe(2);
  });

  it('lints the shipped knowledge: per source counts and a summary, exit 0', () => {
    const { code, stdout } = kb('lint');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /knowledge\/ibm-cloud\/kubernetes-service-clusters\.md \(kramdown\): 25 sections, \d+ without steps, 0 unresolved variables/,
    );
    expect(stdout).toMatch(/knowledge\/tencent\/tke-faq\.txt \(faq\): 94 sections/);
    expect(stdout).toMatch(/^kb lint: \d+ sources, \d+ sections, 0 errors, \d+ warnings \(loaded in \d+ ms\)$/m);
  });

  it('exits 1 when a knowledge file cannot be loaded', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kb-cli-'));
    try {
      await writeFile(join(dir, 'broken.md'), '---\ntitle: [oops\nerrors: x\n---\n## Resolution\n1. a\n');
      await writeFile(join(dir, 'fine.md'), '## Works\n\nText.\n');
      const { code, stdout } = kb('lint', '--dir', dir);
      expect(code).toBe(1);
      expect(stdout).toMatch(
        /broken\.md \(runbook\): 1 sections, 0 without steps, 0 unresolved variables\n {2}error: line 1: front matter is not valid YAML/,
      );
      expect(stdout).toMatch(/, [1-9]\d* errors,/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
