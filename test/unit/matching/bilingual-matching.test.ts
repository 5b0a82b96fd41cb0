import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileKnowledgeSource } from '../../../src/knowledge/file-knowledge-source.ts';
import type { Section } from '../../../src/knowledge/section.ts';
import { createMatcher } from '../../../src/matching/index-matcher.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const KOREAN = 'microsoft/windows-kubernetes-common-problems.md';
const ENGLISH = 'microsoft/windows-kubernetes-common-problems.en.md';

/**
 * The Windows page alone, with and without its English original, and no lexicon: the only way from an English
 * paste to the Korean prose is the English text of the same section.
 */
let root: string;
let korean: readonly Section[];
let bilingual: readonly Section[];
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kb-bilingual-'));
  const load = async (name: string, withEnglish: boolean) => {
    const dir = join(root, name);
    await mkdir(join(dir, 'microsoft'), { recursive: true });
    await copyFile(join(ROOT, 'knowledge', KOREAN), join(dir, KOREAN));
    if (withEnglish) {
      await copyFile(join(ROOT, 'knowledge', ENGLISH), join(dir, ENGLISH));
      await writeFile(
        join(dir, 'manifest.yml'),
        `documents:\n  - path: ${ENGLISH}\n    translates: ${KOREAN}\n    language: en\n`,
      );
    }
    return new FileKnowledgeSource({ root, dir }).load();
  };
  korean = (await load('ko', false)).sections;
  bilingual = (await load('ko-en', true)).sections;
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('matching a section in two languages', () => {
  const paste = 'kube-proxy keeps logging: the wrong diskette is in the drive';

  it('answers an English paste through the English text, citing the Korean file and lines', () => {
    const [best] = createMatcher(bilingual).match(paste).matches;
    expect(best?.section.source.endsWith(`ko-en/${KOREAN}`)).toBe(true);
    expect(best?.section.lines).toEqual([65, 87]);
    expect(best?.section.title).toBe(
      '"HnsCall에 오류가 발생 했습니다: 잘못 된 디스켓이 드라이브에 있습니다." 등의 오류를 보고 있습니다.',
    );
    expect(best?.section.translations?.[0]?.title).toBe(
      'I am seeing errors such as "hnsCall failed in Win32: The wrong diskette is in the drive."',
    );
  });

  it('does not find that section from the Korean alone', () => {
    const [best] = createMatcher(korean).match(paste).matches;
    expect(best?.section.lines).not.toEqual([65, 87]);
  });

  it('quotes the English error strings: a message only the English title quotes counts as the section quoting it', () => {
    const result = createMatcher(bilingual).match('network: failed to allocate for range');
    expect(result.matches[0]?.section.lines).toEqual([160, 166]);
    expect(result.matches[0]?.reasons).toContain('fuzzy 1.00');
  });
});
