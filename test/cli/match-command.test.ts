import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const NODE = join(ROOT, 'node_modules', '.bin', 'node');

function match(args: string[], input?: string) {
  const result = spawnSync(NODE, ['--disable-warning=ExperimentalWarning', 'adapters/cli/main.ts', 'match', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input: input ?? '',
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, BOT_LANGUAGE: 'en' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const SCHEDULING = 'Warning  FailedScheduling  3m  default-scheduler  0/6 nodes are available: 6 Insufficient cpu.';

describe('match CLI', () => {
  it('prints the answer as a person reads it: title, cause, numbered steps with commands, source', () => {
    const { code, stdout } = match([SCHEDULING]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Match \(score 0\.\d\d\): 팟\(Pod\)이 보류 상태를 유지함/);
    expect(stdout).toContain('Source: knowledge/ibm-cloud/kubernetes-service-clusters.md:974-1042');
    expect(stdout).toContain(
      'https://cloud.ibm.com/docs/containers?topic=containers-cs_troubleshoot_clusters#cs_pods_pending',
    );
    expect(stdout).toMatch(/Cause:\n {2}.*작업자 노드가 여전히 구성 중/);
    expect(stdout).toMatch(/Steps:\n {3}1\. /);
    expect(stdout).toContain('$ kubectl get nodes');
    expect(stdout).toMatch(/Other matches:\n {2}2\. /);
  });

  it('reads the error from stdin with -', () => {
    const { code, stdout } = match(['-', '--top', '1'], `$ kubectl describe pod web\n${SCHEDULING}\n`);
    expect(code).toBe(0);
    expect(stdout).toContain('팟(Pod)이 보류 상태를 유지함');
    expect(stdout).not.toContain('Other matches');
  });

  it('says so when it is not confident, and still names the closest', () => {
    const { code, stdout } = match(['my laptop fan is loud']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^(No confident match\. Closest|No matching section)/);
  });

  it('prints machine-readable JSON with --json', () => {
    const { code, stdout } = match([SCHEDULING, '--json', '--top', '2']);
    expect(code).toBe(0);
    const r = JSON.parse(stdout) as { confident: boolean; query: string; matches: { id: string; reasons: string[] }[] };
    expect(r.confident).toBe(true);
    expect(r.query).toContain('FailedScheduling');
    expect(r.matches).toHaveLength(2);
    expect(r.matches[0]?.id).toBe('ibm-cloud/kubernetes-service-clusters#cs_pods_pending');
    expect(r.matches[0]?.reasons).toContain('signature scheduling-insufficient-resources');
  });

  it('answers the jsonl batch contract one line per case, and goes on past bad lines', () => {
    const input = [
      JSON.stringify({ id: 'sched', text: SCHEDULING }),
      'this is not json',
      JSON.stringify({ id: 'no-text' }),
      JSON.stringify({ id: 'empty', text: '' }),
      JSON.stringify({ id: 7, text: 'Windows 노드에서 HNS 끝점이 잠시 후 삭제돼요' }),
    ].join('\n');
    const { code, stdout, stderr } = match(['--jsonl', '--top', '5'], input);
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['sched', 'no-text', 'empty', 7]);
    expect(lines[0].confident).toBe(true);
    expect(lines[0].matches[0]).toMatchObject({
      id: 'ibm-cloud/kubernetes-service-clusters#cs_pods_pending',
      source: 'knowledge/ibm-cloud/kubernetes-service-clusters.md',
      lines: [974, 1042],
      title: '팟(Pod)이 보류 상태를 유지함',
    });
    expect(typeof lines[0].matches[0].score).toBe('number');
    expect(lines[0].matches.length).toBeLessThanOrEqual(5);
    expect(lines[2]).toEqual({ id: 'empty', confident: false, matches: [] });
    expect(lines[3].matches[0].source).toBe('knowledge/microsoft/windows-kubernetes-common-problems.md');
    expect(stderr).toContain('line 2: not JSON');
  });

  it('answers a 2 MB paste of binary junk on stdin without crashing', () => {
    const junk = Buffer.from(Array.from({ length: 2 * 1024 * 1024 }, (_, i) => (i * 31) % 256)).toString('latin1');
    const { code, stdout } = match(['-'], junk);
    expect(code).toBe(0);
    expect(stdout.length).toBeGreaterThan(0);
  });

  it('refuses bad options and empty input with usage', () => {
    expect(match(['--top', 'zero', 'x']).code).toBe(2);
    expect(match(['--bogus']).stderr).toContain('usage: match');
    const empty = match([], '   ');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('nothing to match');
  });
});
