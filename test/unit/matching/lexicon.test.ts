import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compileLexicon,
  type Lexicon,
  lexiconProblems,
  loadLexicon,
  mergeLexicons,
  parseLexicon,
} from '../../../src/matching/lexicon.ts';

const small: Lexicon = {
  concepts: [
    { id: 'pod', terms: ['pod', '팟', '포드'] },
    { id: 'pending', terms: ['pending', '보류'] },
    { id: 'timeout', terms: ['timed out', '제한시간 초과'] },
  ],
  signatures: [
    {
      id: 'no-route',
      match: ['no route to host'],
      concepts: ['timeout'],
      specific: false,
    },
    {
      id: 'scheduling',
      match: ['FailedScheduling', { all: ['Unschedulable', 'PodScheduled'] }],
      concepts: ['pod', 'pending'],
      specific: true,
    },
  ],
};

describe('compileLexicon', () => {
  const lex = compileLexicon(small);

  it('finds English terms as words, plurals folded, and Korean terms with particles after them', () => {
    const a = lex.annotate('Two pods are Pending. 팟이 보류 상태입니다. 포드를 확인하세요.');
    expect(a.concepts.get('pod')).toBe(3);
    expect(a.concepts.get('pending')).toBe(2);
  });

  it('counts a mention once when two terms of a concept are the same word once stemmed', () => {
    const twice = compileLexicon({ concepts: [{ id: 'pod', terms: ['pod', 'pods', 'Pod'] }], signatures: [] });
    expect(twice.annotate('one pod, two pods').concepts.get('pod')).toBe(2);
  });

  it('does not find a term inside another word', () => {
    expect(lex.annotate('podname and spending').concepts.size).toBe(0);
  });

  it('matches multi-word phrases in order, stop words included', () => {
    expect(lex.annotate('dial tcp: no route to host').signatures.has('no-route')).toBe(true);
    expect(lex.annotate('no host to route').signatures.has('no-route')).toBe(false);
    expect(lex.annotate('the request timed out').concepts.has('timeout')).toBe(true);
  });

  it('requires every phrase of an all: entry within one paragraph', () => {
    expect(lex.annotate('reason: Unschedulable\ntype: PodScheduled').signatures.has('scheduling')).toBe(true);
    expect(lex.annotate('reason: Unschedulable\n\nlater: PodScheduled').signatures.has('scheduling')).toBe(false);
  });

  it('does not name a concept inside a longer word listed as an exception, and still does beside it', () => {
    const log = compileLexicon({
      concepts: [
        { id: 'logs', terms: ['log', '로그'], except: ['로그인', 'log in'] },
        { id: 'login', terms: ['로그인', 'log in'] },
      ],
      signatures: [],
    });
    const concepts = (text: string) => Object.fromEntries(log.annotate(text).concepts);
    expect(concepts('레지스트리에 로그인이 안 돼요')).toEqual({ login: 1 });
    expect(concepts('You are not logged in')).toEqual({ login: 1 });
    expect(concepts('로그인 후에 로그를 보면 log in failed 라는 로그가 있어요')).toEqual({ login: 2, logs: 2 });
  });

  it('looks signatures up by id', () => {
    expect(lex.signature('scheduling')?.concepts).toEqual(['pod', 'pending']);
    expect(lex.signature('nope')).toBeUndefined();
  });
});

describe('parseLexicon', () => {
  it('reads concepts and signatures, specific by default', () => {
    const lex = parseLexicon(
      'team.yaml',
      'concepts:\n  queue: [queue, 큐]\nsignatures:\n  - id: q-full\n    match: ["queue is full", {all: [queue, full]}]\n    concepts: [queue]\n',
    );
    expect(lex.concepts).toEqual([{ id: 'queue', terms: ['queue', '큐'] }]);
    expect(lex.signatures[0]).toMatchObject({ id: 'q-full', specific: true, concepts: ['queue'] });
    expect(lex.signatures[0]?.match[1]).toEqual({ all: ['queue', 'full'] });
  });

  it('reads a concept as a list of terms or as terms with exceptions, and merges both', () => {
    const a = parseLexicon('a.yaml', 'concepts:\n  logs: { terms: [log, 로그], except: [로그인] }\n');
    expect(a.concepts).toEqual([{ id: 'logs', terms: ['log', '로그'], except: ['로그인'] }]);
    const b = parseLexicon('b.yaml', 'concepts:\n  logs: [logs]\n');
    expect(mergeLexicons([a, b]).concepts).toEqual([
      { id: 'logs', terms: ['log', '로그', 'logs'], except: ['로그인'] },
    ]);
    expect(() => parseLexicon('bad.yaml', 'concepts:\n  logs: { except: [로그인] }\n')).toThrow(
      /bad.yaml: concept logs terms must be a list of strings/,
    );
  });

  it('reads a list inside all: as alternatives, one entry per combination', () => {
    const lex = parseLexicon(
      'team.yaml',
      'signatures:\n  - id: exits\n    match:\n      - all: [[CrashLoopBackOff, is crash-looping], [ubuntu, alpine]]\n',
    );
    expect(lex.signatures[0]?.match).toEqual([
      { all: ['CrashLoopBackOff', 'ubuntu'] },
      { all: ['CrashLoopBackOff', 'alpine'] },
      { all: ['is crash-looping', 'ubuntu'] },
      { all: ['is crash-looping', 'alpine'] },
    ]);
    const compiled = compileLexicon({ concepts: [], signatures: lex.signatures });
    expect(compiled.annotate('pod/centos-1 is crash-looping (image alpine:3)').signatures.has('exits')).toBe(true);
    expect(compiled.annotate('pod/centos-1 is crash-looping (image centos:7)').signatures.has('exits')).toBe(false);
    const many = Array.from({ length: 9 }, (_, i) => `p${i}`).join(', ');
    expect(() =>
      parseLexicon('big.yaml', `signatures:\n  - id: x\n    match:\n      - all: [[${many}], [${many}]]\n`),
    ).toThrow(/big.yaml: signature x match #1 all stands for more than 64 combinations/);
  });

  it('names the file and the entry when the shape is wrong', () => {
    expect(() => parseLexicon('bad.yaml', 'signatures:\n  - id: x\n')).toThrow(/bad.yaml: signature x needs a match/);
    expect(() => parseLexicon('bad.yaml', 'concepts: [a, b]')).toThrow(/bad.yaml/);
    expect(() => parseLexicon('bad.yaml', 'concepts: {a: [x\n')).toThrow(/not valid YAML/);
  });

  it('keeps where a signature comes from: a repository path, or a section of a shipped document', () => {
    const lex = parseLexicon(
      'team.yaml',
      [
        'signatures:',
        '  - id: q-full',
        '    match: ["queue is full"]',
        '    sources:',
        '      - {repo: acme/queue, path: src/queue.go, ref: v1.2.0}',
        '      - {repo: acme/queue, path: docs/errors.md}',
        '      - {doc: "knowledge/runbooks/queue.md#queue-full"}',
        '  - id: unsourced',
        '    match: [boom]',
      ].join('\n'),
    );
    expect(lex.signatures[0]?.sources).toEqual([
      { repo: 'acme/queue', path: 'src/queue.go', ref: 'v1.2.0' },
      { repo: 'acme/queue', path: 'docs/errors.md' },
      { doc: 'knowledge/runbooks/queue.md#queue-full' },
    ]);
    expect(lex.signatures[1]?.sources).toBeUndefined();
  });

  it('names the entry when a source has the wrong shape', () => {
    const one = (source: string) => `signatures:\n  - id: s\n    match: [x]\n    sources: ${source}\n`;
    expect(() => parseLexicon('s.yaml', one('acme/queue'))).toThrow(/s.yaml: signature s sources: must be a list/);
    expect(() => parseLexicon('s.yaml', one('[{repo: acme, path: a.go}]'))).toThrow(
      /source #1: repo must be owner\/name/,
    );
    expect(() => parseLexicon('s.yaml', one('[{repo: acme/queue}]'))).toThrow(/source #1: needs the path/);
    expect(() => parseLexicon('s.yaml', one('[{doc: "README.md#x"}]'))).toThrow(/source #1: doc must be knowledge/);
    expect(() => parseLexicon('s.yaml', one('[{repo: a/b, path: c, url: d}]'))).toThrow(/source #1: unknown field url/);
  });

  it("reports an exception that holds none of its concept's terms", () => {
    const lex = parseLexicon(
      'team.yaml',
      'concepts:\n  logs:\n    terms: [log, 로그]\n    except: [로그인, log in, login, 인증서]\n',
    );
    expect(lexiconProblems(lex)).toEqual([
      'concept logs: exception "login" holds none of its terms',
      'concept logs: exception "인증서" holds none of its terms',
    ]);
  });

  it('reports signatures that name unknown concepts', () => {
    const lex = parseLexicon('x.yaml', 'signatures:\n  - id: s\n    match: [boom]\n    concepts: [ghost]\n');
    expect(lexiconProblems(lex)).toEqual(['signature s: unknown concept "ghost"']);
  });
});

describe('loadLexicon', () => {
  it('merges every YAML file of a directory: concept terms are united, a later signature replaces', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lexicon-'));
    await writeFile(join(dir, 'a.yaml'), 'concepts:\n  pod: [pod]\nsignatures:\n  - id: s\n    match: [one]\n');
    await writeFile(join(dir, 'b.yml'), 'concepts:\n  pod: [파드]\nsignatures:\n  - id: s\n    match: [two]\n');
    await writeFile(join(dir, 'notes.txt'), 'ignored');
    const lex = await loadLexicon(dir);
    expect(lex.concepts).toEqual([{ id: 'pod', terms: ['pod', '파드'] }]);
    expect(lex.signatures.map((s) => s.match)).toEqual([['two']]);
  });

  it('fails clearly when the directory is missing', async () => {
    await expect(loadLexicon('/nonexistent/lexicon')).rejects.toThrow(/cannot read lexicon directory/);
  });

  it('loads the shipped vocabulary and signatures without problems', async () => {
    const lex = await loadLexicon('knowledge/lexicon');
    expect(lexiconProblems(lex)).toEqual([]);
    expect(lex.concepts.length).toBeGreaterThan(50);
    expect(lex.signatures.length).toBeGreaterThan(50);
    expect(new Set(lex.signatures.map((s) => s.id)).size).toBe(lex.signatures.length);
  });

  it('tells a failure in the shipped signatures from the healthy output around it', async () => {
    const lex = compileLexicon(await loadLexicon('knowledge/lexicon'));
    const shows = (text: string) => [...lex.annotate(text).signatures];
    // Every describe node lists its conditions, healthy ones included.
    expect(shows('DiskPressure   False   KubeletHasNoDiskPressure   kubelet has no disk pressure')).not.toContain(
      'disk-pressure',
    );
    expect(shows('DiskPressure   True   KubeletHasDiskPressure   kubelet has disk pressure')).toContain(
      'disk-pressure',
    );
    // Since 1.18 the scheduler names the taint, not the condition.
    expect(
      shows('0/3 nodes are available: 3 node(s) had untolerated taint {node.kubernetes.io/not-ready: }.'),
    ).toContain('node-not-ready');
    // Helm 3.7+ puts this prefix on every install error: it says nothing about a release conflict.
    expect(shows('Error: INSTALLATION FAILED: Kubernetes cluster unreachable')).not.toContain('helm-release-conflict');
  });

  it('maps the shipped vocabulary across languages', async () => {
    const lex = compileLexicon(mergeLexicons([await loadLexicon('knowledge/lexicon')]));
    const en = lex.annotate('0/4 nodes are available: 4 Insufficient memory');
    const ko = lex.annotate('팟(Pod)이 보류 상태를 유지함. 클러스터에 충분한 용량이 없을 수 있습니다.');
    expect(en.signatures.has('failed-scheduling')).toBe(true);
    expect(ko.signatures.has('failed-scheduling')).toBe(true);
    expect(ko.concepts.has('capacity')).toBe(true);
  });

  it('reads the everyday Korean of a chat as the concepts the documents name formally', async () => {
    const lex = compileLexicon(mergeLexicons([await loadLexicon('knowledge/lexicon')]));
    const concepts = (text: string) => [...lex.annotate(text).concepts.keys()];
    expect(concepts('팟이 자꾸 죽어요')).toContain('crash');
    expect(concepts('서비스를 지우면 CLB 도 없어지나요?')).toContain('deleted');
    expect(concepts('컨테이너가 안 떠요')).toContain('container-start');
    expect(concepts('재기동해도 똑같아요')).toContain('restart');
    expect(concepts('클러스터를 만들고 나서 경고가 떴어요')).toContain('create-cluster');
    // What a question asks, beside what it is about.
    expect(concepts('노드가 추가되기까지 보통 얼마나 걸리나요?')).toContain('duration');
    expect(concepts('How long does it take to scale out a CVM instance?')).toContain('duration');
    expect(concepts('docker 를 쓸 때와 containerd 를 쓸 때 어떻게 다른가요?')).toContain('difference');
    expect(concepts('What is the difference between Docker and containerd?')).toContain('difference');
    // A difference in time is not a question about how two things differ.
    expect(concepts('호스트랑 8시간 차이가 나요')).not.toContain('difference');
    // And what a title asks about, in either language.
    expect(concepts('CLB 생성 시 보안 그룹을 지정할 수 있습니까?')).toContain('security-group');
    // Signing in is not logs, and a certificate is not authentication.
    expect(concepts('레지스트리 로그인이 안 돼요')).not.toContain('logs');
    expect(concepts('로그인 했는데 로그가 안 보여요')).toContain('logs');
    expect(concepts('인증서가 만료되었습니다')).not.toContain('auth');
    // 없음 after 수 is "cannot", not "not found".
    expect(concepts('클러스터에 액세스할 수 없음')).not.toContain('not-found');
    expect(concepts('서비스를 찾을 수 없음 오류')).toContain('not-found');
    expect(concepts('API 키가 없음')).toContain('not-found');
    expect(concepts('네임스페이스를 삭제한 뒤에')).not.toContain('resource-request');
    expect(concepts('메모리 제한을 늘렸어요')).toContain('resource-request');
    expect(concepts('How do I set the container system time to Beijing time?')).toContain('timezone');
  });
});
