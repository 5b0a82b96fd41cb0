import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileKnowledgeSource, loadDocument } from '../../../src/knowledge/file-knowledge-source.ts';
import { resolveKeywords } from '../../../src/knowledge/keywords.ts';
import { lintKnowledge } from '../../../src/knowledge/lint.ts';
import type { Section } from '../../../src/knowledge/section.ts';
import { compileSignature } from '../../../src/knowledge/signatures.ts';
import { corpus, section } from './corpus.ts';

const RUNBOOK = `---
title: Node DiskPressure evicts pods
errors:
  - "The node was low on resource: ephemeral-storage"
  - /Evicted.*DiskPressure/
tags: [node, disk]
---

## Symptoms

Pods are evicted.

\`\`\`
Status: Failed
Reason: Evicted
Message: The node was low on resource: ephemeral-storage.
\`\`\`

## Causes

The kubelet's eviction threshold for nodefs was crossed.

## Resolution

1. Find the node.

   \`\`\`
   kubectl describe node <node_name>
   \`\`\`

2. Free space on it.
`;

describe('FileKnowledgeSource on files users drop in', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'kb-'));
    await mkdir(join(root, 'knowledge', 'runbooks'), { recursive: true });
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });
  const load = () => new FileKnowledgeSource({ root }).load();

  it('loads a runbook: front matter title, error signatures, tags; symptoms, causes and steps from the body', async () => {
    await writeFile(join(root, 'knowledge', 'runbooks', 'disk-pressure.md'), RUNBOOK);
    const kb = await load();
    expect(kb.problems).toEqual([]);
    const [s] = kb.sections;
    expect(s).toMatchObject({
      id: 'runbooks/disk-pressure#disk-pressure',
      source: 'knowledge/runbooks/disk-pressure.md',
      title: 'Node DiskPressure evicts pods',
      language: 'en',
      tags: ['node', 'disk'],
      causes: "The kubelet's eviction threshold for nodefs was crossed.",
    });
    expect(s!.lines).toEqual([1, RUNBOOK.trimEnd().split('\n').length]);
    expect(s!.errors).toEqual(
      expect.arrayContaining(['The node was low on resource: ephemeral-storage', '/Evicted.*DiskPressure/']),
    );
    expect(s!.symptoms).toContain('Pods are evicted.');
    expect(s!.steps).toEqual([
      { text: 'Find the node.', commands: ['kubectl describe node <node_name>'] },
      { text: 'Free space on it.', commands: [] },
    ]);
  });

  it('reads Korean part names (증상 / 원인 / 해결)', async () => {
    await writeFile(
      join(root, 'knowledge', 'runbooks', 'ko.md'),
      '---\ntitle: 노드 디스크 부족\nerrors: [DiskPressure]\n---\n## 증상\n팟이 축출됩니다.\n\n## 원인\n디스크가 찼습니다.\n\n## 해결\n1. 정리하십시오.\n',
    );
    const [s] = (await load()).sections;
    expect(s).toMatchObject({ symptoms: '팟이 축출됩니다.', causes: '디스크가 찼습니다.', language: 'ko' });
    expect(s!.steps).toEqual([{ text: '정리하십시오.', commands: [] }]);
  });

  it('turns broken files into problems and still loads the rest', async () => {
    const dir = join(root, 'knowledge');
    await writeFile(join(dir, 'runbooks', 'good.md'), RUNBOOK);
    await writeFile(
      join(dir, 'runbooks', 'bad-yaml.md'),
      '---\ntitle: [unclosed\nerrors: x\n---\n## Resolution\n1. x\n',
    );
    await writeFile(
      join(dir, 'runbooks', 'bad-regex.md'),
      '---\ntitle: t\nerrors: ["/(unclosed/"]\n---\n## Resolution\n1. x\n',
    );
    await writeFile(join(dir, 'junk.txt'), Buffer.from([0x00, 0xff, 0x10, 0x00, 0x41]));
    await writeFile(join(dir, 'empty.md'), '');
    await writeFile(join(dir, 'manifest.yml'), 'documents:\n  - path: missing.md\n    title: gone\n');
    const kb = await load();
    expect(kb.sections.map((s) => s.title)).toContain('Node DiskPressure evicts pods');
    const messages = kb.problems.map((p) => `${p.source}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^knowledge\/junk\.txt: binary content/),
        expect.stringMatching(/^knowledge\/runbooks\/bad-yaml\.md: front matter is not valid YAML/),
        expect.stringMatching(/^knowledge\/runbooks\/bad-regex\.md: error signature \/\(unclosed\/ is not a valid/),
        expect.stringMatching(/^knowledge\/manifest\.yml: lists "missing\.md"/),
        expect.stringMatching(/^knowledge\/empty\.md: /),
      ]),
    );
    expect(lintKnowledge(kb).errors).toBeGreaterThan(0);
  });

  it('answers a missing knowledge directory with a problem, not an exception', async () => {
    const kb = await new FileKnowledgeSource({ root, dir: join(root, 'nope') }).load();
    expect(kb.sections).toEqual([]);
    expect(kb.problems[0]?.message).toMatch(/cannot read/);
  });

  it('reports unresolved keyword variables and renders them as their bare key', async () => {
    await writeFile(
      join(root, 'knowledge', 'kd.md'),
      '## {{site.data.keyword.somethingnew_notm}} 실패\n{: #x}\n\n{: tsSymptoms}\n안 됩니다.\n\n{: tsResolve}\n1. 다시 하십시오.\n',
    );
    const kb = await load();
    expect(kb.sections[0]?.title).toBe('somethingnew 실패');
    expect(kb.problems).toContainEqual(
      expect.objectContaining({ kind: 'unresolved-variable', severity: 'warning', source: 'knowledge/kd.md' }),
    );
    expect(lintKnowledge(kb).sources[0]?.unresolvedVariables).toEqual(['somethingnew_notm']);
  });
});

describe('keyword variables', () => {
  it('resolves known keys and reports unknown ones', () => {
    const unknown: string[] = [];
    const text = resolveKeywords(
      '{{site.data.keyword.containerlong_notm}} / {{site.data.keyword.nope}}',
      { containerlong_notm: 'IBM Cloud Kubernetes Service' },
      (k) => unknown.push(k),
    );
    expect(text).toBe('IBM Cloud Kubernetes Service / nope');
    expect(unknown).toEqual(['nope']);
  });

  it('leaves no variable unresolved in the shipped corpus', async () => {
    const kb = await corpus();
    expect(kb.problems.filter((p) => p.kind === 'unresolved-variable')).toEqual([]);
  });
});

describe('lintKnowledge', () => {
  it('passes the shipped corpus and counts sections per source', async () => {
    const report = lintKnowledge(await corpus());
    expect(report.errors).toBe(0);
    expect(
      report.sources.find((s) => s.source === 'knowledge/ibm-cloud/kubernetes-service-clusters.md')?.sections,
    ).toBe(25);
  });

  it('flags markup that would reach a reply, duplicate ids and sections without steps', async () => {
    const good = await section('ibm-cloud/kubernetes-service-clusters#cs_ssh_worker');
    const broken: Section = { ...good, id: 'x#1', symptoms: 'text\n{: screen}\n', steps: [] };
    const report = lintKnowledge({ sections: [good, broken, { ...broken }], problems: [] });
    const own = report.sources[0]!;
    expect(own.withoutSteps).toEqual(['x#1', 'x#1']);
    expect(own.problems.map((p) => p.message)).toEqual(
      expect.arrayContaining(['section "x#1": kramdown attribute line in symptoms', 'duplicate section id "x#1"']),
    );
    expect(report.errors).toBeGreaterThan(0);
  });
});

describe('hostile input', () => {
  it('loads files built to make the parsers backtrack as sections or problems, never an exception', () => {
    const inputs = [
      `${'[a]('.repeat(20_000)}\n`,
      `${'a *b '.repeat(20_000)}\n`,
      `${'![x]('.repeat(20_000)}\n`,
      '```\n'.repeat(10_001),
      '\n무엇입니까?\n\n답.\n'.repeat(2_000),
      `${'x'.repeat(200_000)}?`,
    ];
    for (const text of inputs) {
      for (const path of ['hostile.md', 'hostile.txt']) {
        const result = loadDocument(`knowledge/${path}`, path, text, undefined, {});
        expect(result.sections.length + result.problems.length).toBeGreaterThan(0);
        for (const s of result.sections) expect(s.lines[1]).toBeGreaterThanOrEqual(s.lines[0]);
      }
      const faq = loadDocument(
        'knowledge/hostile.md',
        'hostile.md',
        text,
        { path: 'hostile.md', format: 'markdown-faq' },
        {},
      );
      expect(faq.sections.length + faq.problems.length).toBeGreaterThan(0);
    }
  });

  it('keeps section ids unique when many titles repeat', () => {
    const result = loadDocument(
      'knowledge/faq.txt',
      'faq.txt',
      '\n같은 질문입니까?\n\n답.\n'.repeat(500),
      undefined,
      {},
    );
    expect(new Set(result.sections.map((s) => s.id)).size).toBe(500);
  });
});

describe('error signatures', () => {
  it('compiles /regex/ signatures and leaves plain strings alone', () => {
    expect(compileSignature('/configmap "[^"]+" not found/i')?.test('ConfigMap "x" not found')).toBe(true);
    expect(compileSignature("couldn't find key")).toBeUndefined();
    expect(compileSignature('/(unclosed/')).toBeUndefined();
  });
});
