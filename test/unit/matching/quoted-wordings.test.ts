import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../src/matching/index-matcher.ts';
import { compileLexicon, type Lexicon } from '../../../src/matching/lexicon.ts';
import { misplacedQuotes } from '../../../src/matching/quoted-wordings.ts';
import { section } from './sections.fixture.ts';

// A Korean wording of a signature is quoted from the section its `doc:` source names; elsewhere the same words
// are prose about something else.
const lexicon: Lexicon = {
  concepts: [{ id: 'tools', terms: ['도구', 'tool'] }],
  signatures: [
    {
      id: 'tool-missing',
      match: ['command not found', '도구를 찾을 수 없'],
      concepts: ['tools'],
      specific: true,
      sources: [{ repo: 'bminor/bash', path: 'execute_cmd.c' }, { doc: 'knowledge/test/faq.txt#L10' }],
    },
    {
      id: 'own-runbook',
      match: ['설치가 멈춤'],
      concepts: [],
      specific: true,
    },
  ],
};

const faq = (lines: [number, number], title: string, text: string) =>
  section({ id: `faq#${lines[0]}`, title, text, source: 'knowledge/test/faq.txt', lines });
const missing = faq([10, 12], '컨테이너에서 도구를 찾을 수 없으면?', 'vim 같은 도구를 찾을 수 없으면 설치하십시오.');
const aptGet = faq([14, 16], 'apt-get이 도구를 찾을 수 없으면?', '패키지 목록을 업데이트하십시오.');
const quoting = faq([18, 20], '셸에서 도구를 찾을 수 없음', '`bash: vim: command not found`가 표시됩니다.');

describe('Korean wordings quoted from a document section', () => {
  const misplaced = misplacedQuotes(compileLexicon(lexicon));
  const found = new Set(['tool-missing', 'own-runbook']);

  it('hold in the section they are quoted from', () => {
    expect(misplaced(found, missing, () => [missing.title, missing.text])).toEqual([]);
  });

  it('do not make another section show the signature', () => {
    expect(misplaced(found, aptGet, () => [aptGet.title, aptGet.text])).toEqual(['tool-missing']);
  });

  it('leave a section that also shows a wording from the code', () => {
    expect(misplaced(found, quoting, () => [quoting.title, quoting.text])).toEqual([]);
  });

  it('hold anywhere for a signature that names no document section', () => {
    expect(misplaced(new Set(['own-runbook']), aptGet, () => [aptGet.text])).toEqual([]);
  });

  it('hold in documents the signature does not cite, which nobody judged (a team runbook)', () => {
    const runbook = section({ id: 'tools', title: '도구를 찾을 수 없음', source: 'knowledge/runbooks/tools.md' });
    expect(misplaced(found, runbook, () => [runbook.title])).toEqual([]);
  });

  it('leave the other section out of the answer to the failure', () => {
    const matcher = createMatcher([missing, aptGet], { lexicon });
    const r = matcher.match('bash: netstat: command not found', { top: 2 });
    const reasons = (id: string) => r.matches.find((m) => m.section.id === id)?.reasons ?? [];
    expect(reasons('faq#10')).toContain('signature tool-missing');
    expect(reasons('faq#14')).not.toContain('signature tool-missing');
    expect(r.matches[0]?.section.id).toBe('faq#10');
  });
});
