import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translationLines } from '../../../adapters/cli/kb-command.ts';
import { FileKnowledgeSource } from '../../../src/knowledge/file-knowledge-source.ts';
import { lintKnowledge } from '../../../src/knowledge/lint.ts';
import { localizedText } from '../../../src/knowledge/localize.ts';
import type { KnowledgeBase, Section } from '../../../src/knowledge/section.ts';
import { CLUSTERS, corpus, FAQ, PAGE, REGISTRY, ROOT, section, WINDOWS } from './corpus.ts';

const english = (s: Section) => s.translations?.find((t) => t.language === 'en');
const reportOf = (kb: KnowledgeBase, translates: string) => kb.translations?.find((t) => t.translates === translates);

describe('the shipped translations', () => {
  it.each([
    { document: REGISTRY, method: 'anchor', aligned: 14, sections: 14 },
    { document: CLUSTERS, method: 'anchor', aligned: 15, sections: 25 },
    { document: WINDOWS, method: 'heading-order', aligned: 24, sections: 24 },
    { document: PAGE, method: 'page', aligned: 2, sections: 2 },
    { document: FAQ, method: 'question-order', aligned: 94, sections: 94 },
  ])('align with $document: $aligned of $sections sections by $method', async ({ document, method, ...counts }) => {
    const kb = await corpus();
    const report = reportOf(kb, document);
    expect(report).toMatchObject({ language: 'en', method, ...counts, rejected: [] });
    expect(kb.sections.filter((s) => s.source === document && english(s))).toHaveLength(counts.aligned);
  });

  it.each([
    ['ibm-cloud/container-registry#ts_login', 'Logging in to IBM Cloud Container Registry fails'],
    ['ibm-cloud/container-registry#trustedcontent_lostrepokey', 'Repository keys'],
    [
      'microsoft/windows-kubernetes-common-problems#hostport-게시가-작동-하지-않음',
      'HostPort publishing is not working',
    ],
    [
      'ibm-cloud/imagepullbackoff#api-키를-사용하는-이미지-풀-시크릿-문제점-해결',
      'Troubleshooting image pull secrets that use API keys',
    ],
    ['tencent/tke-faq#cvm-수에-제한이-있습니까', 'Is there a limit on the number of CVMs?'],
    [
      'tencent/tke-faq#접근-실패를-방지하기-위해-clb-ip-주소를-사용하여-클러스터의',
      'Do not access a service in a cluster using the CLB IP address to prevent an access failure.',
    ],
  ])('give %s its English title', async (id, title) => {
    const t = english(await section(id));
    expect(t?.title).toBe(title);
    expect(t?.shown).toBe(true);
  });

  it('keep the section its own id, source and lines', async () => {
    const login = await section('ibm-cloud/container-registry#ts_login');
    expect(login.source).toBe(REGISTRY);
    expect(login.lines).toEqual([43, 61]);
    expect(english(login)).toMatchObject({ source: 'knowledge/ibm-cloud/container-registry.en.md', lines: [43, 61] });
  });

  it('fold the sub-parts the Korean folds in into their section, and keep an older version for matching only', async () => {
    const credentials = english(await section('ibm-cloud/kubernetes-service-clusters#cs_credentials'));
    expect(credentials?.title).toBe('Unable to connect to your infrastructure account');
    expect(credentials?.shown).toBe(false);
    expect(credentials?.text).toContain('Configuring the infrastructure API credentials for linked accounts');
    expect(credentials?.steps.map((s) => s.text)).toContain(
      'Configuring the infrastructure account credentials for different accounts',
    );
    expect(reportOf(await corpus(), CLUSTERS)?.unmatched).toEqual(['line 696: Getting help and support']);
  });

  it('show the English where the bot speaks English, and the Korean where there is none to show', async () => {
    const login = await section('ibm-cloud/container-registry#ts_login');
    expect(localizedText(login, 'en').title).toBe('Logging in to IBM Cloud Container Registry fails');
    expect(localizedText(login, 'ko').title).toBe(login.title);
    const credentials = await section('ibm-cloud/kubernetes-service-clusters#cs_credentials');
    expect(localizedText(credentials, 'en').title).toBe(credentials.title);
  });

  it('lint per translation: sections aligned, and those that are not', async () => {
    const report = lintKnowledge(await corpus());
    expect(report.errors).toBe(0);
    const clusters = report.sources.find((s) => s.translation?.translates === CLUSTERS)!;
    const lines = translationLines(clusters.translation!, clusters.format);
    expect(lines[0]).toBe(
      `knowledge/ibm-cloud/kubernetes-service-clusters.en.md (kramdown, en, translates ${CLUSTERS}): 15 of 25 sections aligned by anchor id`,
    );
    expect(lines).toContain('  not aligned: ibm-cloud/kubernetes-service-clusters#ts_image_pull');
    expect(lines).toContain('  no section for line 696: Getting help and support');
  });
});

describe('a translation that does not align', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'kb-translation-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  /** Copies shipped files into a knowledge folder of its own, the translation changed by `edit`. */
  async function knowledge(
    document: string,
    translation: string,
    entry: string,
    edit: (text: string) => string,
  ): Promise<{ withTranslation: KnowledgeBase; alone: KnowledgeBase }> {
    const dir = join(root, 'knowledge');
    const rel = (source: string) => source.replace(/^knowledge\//, '');
    await mkdir(join(dir, dirname(rel(document))), { recursive: true });
    await copyFile(join(ROOT, document), join(dir, rel(document)));
    await writeFile(join(dir, rel(translation)), edit(await readFile(join(ROOT, translation), 'utf8')));
    await writeFile(join(dir, 'manifest.yml'), `documents:\n${entry}`);
    const withTranslation = await new FileKnowledgeSource({ root }).load();
    await rm(join(dir, rel(translation)));
    await writeFile(join(dir, 'manifest.yml'), 'documents: []\n');
    return { withTranslation, alone: await new FileKnowledgeSource({ root }).load() };
  }

  it('is reported and left out, and the document it translates loads as without it', async () => {
    const { withTranslation, alone } = await knowledge(
      WINDOWS,
      'knowledge/microsoft/windows-kubernetes-common-problems.en.md',
      [
        '  - path: microsoft/windows-kubernetes-common-problems.en.md',
        '    translates: microsoft/windows-kubernetes-common-problems.md',
        '    language: en',
        '',
      ].join('\n'),
      // One topic demoted a level: the headings no longer line up.
      (text) => text.replace('### HostPort publishing is not working ###', '#### HostPort publishing is not working'),
    );
    const report = reportOf(withTranslation, WINDOWS);
    expect(report).toMatchObject({ aligned: 0, sections: 24 });
    expect(report?.rejected).toEqual([
      'headings differ: heading 8 is level 3 in the document, 4 in the translation (line 58: "HostPort publishing is not working")',
    ]);
    expect(withTranslation.problems).toContainEqual({
      source: 'knowledge/microsoft/windows-kubernetes-common-problems.en.md',
      message:
        'left out: headings differ: heading 8 is level 3 in the document, 4 in the translation (line 58: "HostPort publishing is not working")',
      severity: 'warning',
      kind: 'translation',
    });
    expect(withTranslation.sections).toEqual(alone.sections);
    expect(lintKnowledge(withTranslation).errors).toBe(0);
  });

  it('loses only the page whose questions do not line up, in a FAQ', async () => {
    const { withTranslation } = await knowledge(
      FAQ,
      'knowledge/tencent/tke-faq.en.md',
      [
        '  - path: tencent/tke-faq.en.md',
        '    translates: tencent/tke-faq.txt',
        '    language: en',
        '    format: markdown-faq',
        '',
      ].join('\n'),
      // A question dropped from the third page.
      (text) => text.replace('### Is there a limit on the number of CVMs?', 'Is there a limit on the number of CVMs'),
    );
    const report = reportOf(withTranslation, FAQ);
    expect(report?.aligned).toBe(94 - 7);
    expect(report?.rejected).toEqual([
      'page 3 (from "클러스터를 생성할 때 CVM에 대한 공용 IP 주소를 설정하지 않도록 선택할 수 있습니까?"): 7 questions, the translation\'s 6',
    ]);
    const limit = withTranslation.sections.find((s) => s.id === 'tencent/tke-faq#cvm-수에-제한이-있습니까');
    expect(limit?.translations).toBeUndefined();
    const quota = withTranslation.sections.find((s) => s.id === 'tencent/tke-faq#스케일링-최대-할당량은-얼마입니까');
    expect(quota && english(quota)?.title).toBe('What is the maximum quota for scaling?');
  });

  it('that names a document not in the knowledge is reported and left out', async () => {
    const { withTranslation } = await knowledge(
      REGISTRY,
      'knowledge/ibm-cloud/container-registry.en.md',
      [
        '  - path: ibm-cloud/container-registry.en.md',
        '    translates: ibm-cloud/registry.md',
        '    language: en',
        '',
      ].join('\n'),
      (text) => text,
    );
    expect(withTranslation.problems).toContainEqual(
      expect.objectContaining({
        source: 'knowledge/ibm-cloud/container-registry.en.md',
        message: 'translates "ibm-cloud/registry.md", which is not a document in knowledge/: left out',
      }),
    );
    expect(withTranslation.sections.every((s) => s.translations === undefined)).toBe(true);
  });
});
