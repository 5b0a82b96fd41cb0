import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../src/matching/index-matcher.ts';
import { learnTermPairs } from '../../../src/matching/term-pairs.ts';
import { stems } from '../../../src/matching/tokenize.ts';
import { section } from './sections.fixture.ts';

/** Aligned sections about different things, each saying its subject in both languages. */
const subjects: readonly [string, string][] = [
  ['재시작', 'restart'],
  ['시크릿', 'secret'],
  ['방화벽', 'firewall'],
  ['인증서', 'certificate'],
  ['볼륨', 'volume'],
  ['레지스트리', 'registry'],
];
const aligned = subjects.flatMap(([ko, en], i) =>
  [0, 1].map((k) =>
    section({
      id: `s${i}-${k}`,
      title: `${ko} 문제 ${k}`,
      text: `${ko}에 관한 안내 ${k}. 노드 확인.`,
      translations: [
        {
          language: 'en',
          source: 'knowledge/test/runbook.en.md',
          lines: [1, 2],
          title: `${en} problem ${k}`,
          documentTitle: 'Test',
          symptoms: '',
          causes: '',
          steps: [],
          errors: [],
          text: `About the ${en} ${k}. Check the node.`,
          shown: true,
        },
      ],
    }),
  ),
);

describe('learnTermPairs', () => {
  const pairs = learnTermPairs(
    aligned.map((s) => ({ source: s.text, target: s.translations![0]!.text })),
    stems,
  );

  it('pairs the words that keep appearing in the same aligned sections', () => {
    expect(pairs.get('restart')?.[0]?.term).toBe('재시작');
    expect(pairs.get('재시작')?.[0]?.term).toBe('restart');
    expect(pairs.get('firewall')?.[0]).toMatchObject({ term: '방화벽', strength: 1 });
  });

  it('learns from a bounded sample spread over the whole corpus', () => {
    const texts = aligned.map((s) => ({ source: s.text, target: s.translations![0]!.text }));
    const sampled = learnTermPairs(texts, stems, { maxTexts: 6, minShared: 1 });
    // Six of twelve, every second: one section of each subject, the last subject's included.
    expect(sampled.get('restart')?.[0]?.term).toBe('재시작');
    expect(sampled.get('registry')?.[0]?.term).toBe('레지스트리');
  });

  it('pairs words of the two languages only: English left untranslated in the Korean meets itself', () => {
    // Each Korean section keeps an English word its translation words differently: not a translation.
    const texts = ['restart', 'secret', 'firewall'].flatMap((en, i) =>
      [0, 1].map((k) => ({ source: `${subjects[i]![0]} sidebar ${k}`, target: `the ${en} ${k}` })),
    );
    const learned = learnTermPairs(texts, stems, { maxShare: 1 });
    expect(learned.get('restart')?.map((p) => p.term)).toEqual(['재시작']);
    expect(learned.has('sidebar')).toBe(false);
  });

  it('leaves out words every section shares, and words seen once', () => {
    expect(pairs.has('node')).toBe(false);
    expect(pairs.has('노드')).toBe(false);
    const once = learnTermPairs([{ source: '단어', target: 'word' }], stems);
    expect(once.size).toBe(0);
  });
});

describe('matching through term pairs', () => {
  it('reaches a section that has no English from an English question, through the pairs', () => {
    const koreanOnly = section({ id: 'ko-only', title: '방화벽 설정 확인', text: '방화벽 규칙을 열어야 합니다.' });
    const other = section({ id: 'other', title: '디스크 정리', text: '디스크를 비우십시오.' });
    const matcher = createMatcher([...aligned, koreanOnly, other]);
    expect(matcher.match('how do I open the firewall', { top: 20 }).matches.map((m) => m.section.id)).toContain(
      'ko-only',
    );
    const without = createMatcher([koreanOnly, other]);
    expect(without.match('how do I open the firewall').matches.map((m) => m.section.id)).not.toContain('ko-only');
  });
});
