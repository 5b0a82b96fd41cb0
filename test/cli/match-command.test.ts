import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const NODE = join(ROOT, 'node_modules', '.bin', 'node');

function match(args: string[], input?: string | Buffer, language = 'en') {
  const result = spawnSync(NODE, ['--disable-warning=ExperimentalWarning', 'adapters/cli/main.ts', 'match', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input: input ?? '',
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, BOT_LANGUAGE: language },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const SCHEDULING = 'Warning  FailedScheduling  3m  default-scheduler  0/6 nodes are available: 6 Insufficient cpu.';

describe('match CLI', () => {
  it('prints the answer as a person reads it: title, cause, numbered steps with commands, source', () => {
    const { code, stdout } = match([SCHEDULING]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^팟\(Pod\)이 보류 상태를 유지함\n/);
    expect(stdout).toContain('knowledge/ibm-cloud/kubernetes-service-clusters.md:974-1042');
    expect(stdout).toContain(
      'https://cloud.ibm.com/docs/containers?topic=containers-cs_troubleshoot_clusters#cs_pods_pending',
    );
    expect(stdout).toMatch(/Cause:\n {2}.*작업자 노드가 여전히 구성 중/);
    // Sub-steps stay under their step, commands under the step they belong to.
    expect(stdout).toMatch(
      /How to fix it:\n(?: {2}.*\n)+ {2}1\. 기본 포트 번호로 프록시를 설정하십시오\.\n {5}kubectl proxy\n/,
    );
    expect(stdout).toMatch(/\n {2}4\. .*\n {5}1\. 작업자 풀의 현재 크기.*\n {8}ibmcloud ks worker-pools\n/);
    expect(stdout).toContain('Confident: the pasted error matches an error this section documents.');
    expect(stdout).not.toMatch(/score|%/);
    expect(stdout).toMatch(/Other matches:\n {2}1\. /);
  });

  it("speaks the bot's language: Korean by default", () => {
    const { stdout } = match([SCHEDULING], '', 'ko');
    expect(stdout).toMatch(/원인:\n/);
    expect(stdout).toContain('확실함: ');
    expect(stdout).not.toMatch(/Cause|Confident|Other matches/);
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
    expect(stdout).toMatch(/^Not sure: no confident answer\n/);
    const closest = match(['pod keeps restarting after I changed something']);
    expect(closest.stdout).toMatch(/^Not sure: no confident answer\n/);
    expect(closest.stdout).toMatch(/Closest sections:\n {2}1\. .*\n {5}knowledge\//);
  });

  it('reads a long paste by its head, tail and the error lines of its middle, and says so', () => {
    const noise = (from: number, n: number) =>
      Array.from(
        { length: n },
        (_, i) => `2026-11-23T10:${String(i % 60).padStart(2, '0')}:00Z INFO request ${from + i} served in 12ms`,
      );
    const paste = [
      ...noise(0, 30_000),
      'Failed to pull image "us.icr.io/team/api:1.2": rpc error: code = Unknown desc = failed to resolve reference "us.icr.io/team/api:1.2": unexpected status: 401 Unauthorized',
      ...noise(30_000, 30_000),
    ].join('\n');
    expect(paste.length).toBeGreaterThan(2_500_000);
    const { code, stdout } = match(['-'], paste);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /✂️ The paste was long: I read its first \d+ and last \d+ lines and 1 error-looking lines from the middle \(\d+ lines left out\)\./,
    );
    expect(stdout).toMatch(/ImagePullBackOff|이미지/);
    const json = JSON.parse(match(['-', '--json'], paste).stdout) as { paste?: { cut?: { middleLines: number } } };
    expect(json.paste?.cut?.middleLines).toBe(1);
  });

  it('does not look up binary data, and says why', () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256));
    const { code, stdout } = match(['-'], bytes);
    expect(code).toBe(0);
    expect(stdout).toBe(
      'The paste looks like binary data, not text, so I did not look it up. Paste the error message as text.\n',
    );
    expect(match(['-'], bytes, 'ko').stdout).toContain('바이너리');
  });

  it('prints machine-readable JSON with --json', () => {
    const { code, stdout } = match([SCHEDULING, '--json', '--top', '2']);
    expect(code).toBe(0);
    const r = JSON.parse(stdout) as {
      confident: boolean;
      probability: number;
      query: string;
      matches: { id: string; reasons: string[] }[];
    };
    expect(r.confident).toBe(true);
    expect(r.probability).toBeGreaterThan(0.5);
    expect(r.probability).toBeLessThanOrEqual(1);
    expect(r.query).toContain('FailedScheduling');
    expect(r.matches).toHaveLength(2);
    expect(r.matches[0]?.id).toBe('ibm-cloud/kubernetes-service-clusters#cs_pods_pending');
    expect(r.matches[0]?.reasons).toContain('signature scheduling-insufficient-resources');
  });

  it('cites a republished copy of the answer with it, in text and in --json, and does not list it again', () => {
    const pull =
      'Warning  Failed  3s  kubelet  Failed to pull image "jp.icr.io/payments/ledger:7.1": rpc error: code = Unknown desc = failed to authorize: 401 Unauthorized';
    const copyId = /^ibm-cloud\/imagepullbackoff#imagepullbackoff-/;
    const json = JSON.parse(match([pull, '--json']).stdout) as {
      matches: { id: string; alsoIn?: { id: string; source: string; lines: number[] }[] }[];
    };
    expect(json.matches[0]?.id).toBe('ibm-cloud/kubernetes-service-clusters#ts_image_pull');
    expect(json.matches[0]?.alsoIn?.[0]?.id).toMatch(copyId);
    expect(json.matches[0]?.alsoIn?.[0]?.lines).toEqual([2, 55]);
    expect(json.matches.slice(1).some((m) => copyId.test(m.id))).toBe(false);
    expect(match([pull]).stdout).toContain('Also documented in: ');
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

  it('answers in English with BOT_LANGUAGE=en where the section has English, citing the Korean document', () => {
    const { code, stdout } = match([
      'Warning  FailedCreatePodSandBox  kubelet  network: failed to allocate for range 0: no IP addresses available in range set',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^My pods cannot launch due to "network: failed to allocate for range" errors\n/);
    expect(stdout).toMatch(/Cause:\n {2}This indicates that the IP address space on your node is used up\./);
    expect(stdout).toContain('knowledge/microsoft/windows-kubernetes-common-problems.md:160-166');
  });

  it('answers in Korean with BOT_LANGUAGE=en where the section has no English to show', () => {
    // The clusters page's English original is an older version, kept for matching only.
    const { stdout } = match([SCHEDULING]);
    expect(stdout).toMatch(/^팟\(Pod\)이 보류 상태를 유지함\n/);
    expect(stdout).toContain('How to fix it:');
  });

  it('shows the documents as written in Korean, and in English with --language en', () => {
    const windows = 'network: failed to allocate for range';
    const asWritten = JSON.parse(match([windows, '--json'], '', 'ko').stdout) as { matches: { title: string }[] };
    expect(asWritten.matches[0]?.title).toBe(
      '"네트워크: 범위에 할당할 수 없습니다." 오류 때문에 내 pods를 실행할 수 없습니다.',
    );
    const english = JSON.parse(match([windows, '--json', '--language', 'en'], '', 'ko').stdout) as {
      matches: { title: string; language: string; source: string }[];
    };
    expect(english.matches[0]).toMatchObject({
      title: 'My pods cannot launch due to "network: failed to allocate for range" errors',
      language: 'en',
      source: 'knowledge/microsoft/windows-kubernetes-common-problems.md',
    });
  });

  it('refuses bad options and empty input with usage', () => {
    expect(match(['--top', 'zero', 'x']).code).toBe(2);
    expect(match(['--bogus']).stderr).toContain('usage: match');
    const empty = match([], '   ');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('nothing to match');
  });
});
