import { describe, expect, it } from 'vitest';
import { termBag } from '../../../src/matching/bm25-index.ts';
import type { CandidateEvidence, ConfidencePolicy } from '../../../src/matching/confidence.ts';
import { createMatcher } from '../../../src/matching/index-matcher.ts';
import { COPY_MIN_TERMS, distinctTerms, isNearCopy, jaccard } from '../../../src/matching/near-copies.ts';
import { section } from './sections.fixture.ts';

const ids = (...xs: number[]) => Int32Array.from(xs);
const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

describe('near copies', () => {
  it('takes the distinct terms of all fields, sorted', () => {
    expect([...distinctTerms([termBag([5, 3, 5]), termBag([3, 9]), termBag([])])]).toEqual([3, 5, 9]);
  });

  it('measures the share of shared terms', () => {
    expect(jaccard(ids(1, 2, 3, 4), ids(3, 4, 5, 6))).toBeCloseTo(2 / 6);
    expect(jaccard(ids(), ids())).toBe(0);
  });

  it('calls long sections with mostly the same terms copies, and short ones never', () => {
    const a = ids(...range(0, 40));
    expect(isNearCopy(a, ids(...range(4, 40)))).toBe(true);
    expect(isNearCopy(a, ids(...range(20, 40)))).toBe(false);
    const short = ids(...range(0, COPY_MIN_TERMS - 1));
    expect(isNearCopy(short, short)).toBe(false);
  });

  const prose = (extra: string) =>
    `${extra} 레지스트리에서 이미지를 가져올 때 인증 오류가 발생합니다. 풀 시크릿이 네임스페이스에 없거나 만료되었거나
    서비스 ID 에 읽기 권한이 없으면 kubelet 은 이미지를 받지 못하고 팟은 ImagePullBackOff 상태에 머뭅니다.
    kubectl get secret 으로 시크릿을 확인하고 kubectl describe pod 의 이벤트에서 registry 주소와 태그를 비교하십시오.
    토큰이 만료되었다면 새 API 키로 시크릿을 다시 작성하고 배포를 다시 시작하십시오.`;
  const sections = [
    section({ id: 'guide#pull', source: 'knowledge/guide.md', title: '이미지 가져오기 인증 오류', text: prose('') }),
    section({
      id: 'page#pull',
      source: 'knowledge/page.md',
      title: '인증 오류로 이미지 풀 실패',
      text: prose('이 페이지:'),
    }),
    section({
      id: 'guide#quota',
      source: 'knowledge/guide.md',
      title: '레지스트리 할당량 초과',
      text: '저장 용량 한도를 넘어 푸시가 실패합니다.',
    }),
  ];

  it('marks the best candidate’s copy in another document as the same answer', () => {
    let seen: readonly CandidateEvidence[] = [];
    const recording: ConfidencePolicy = (ranked) => {
      seen = ranked;
      return { confident: false, probability: 0, reason: '' };
    };
    const m = createMatcher(sections, { policy: recording });
    m.match('팟이 ImagePullBackOff 이고 풀 시크릿 인증 오류가 납니다');
    const copy = seen.find((c) => c.id !== seen[0]?.id && c.id.endsWith('#pull'));
    expect(copy?.copyOfBest).toBe(true);
    expect(seen[0]?.copyOfBest).toBe(false);
    expect(seen.find((c) => c.id === 'guide#quota')?.copyOfBest ?? false).toBe(false);
  });

  it('cites the copy with the best match instead of listing it as another match', () => {
    const r = createMatcher(sections).match('팟이 ImagePullBackOff 이고 풀 시크릿 인증 오류가 납니다');
    const ids = r.matches.map((m) => m.section.id);
    expect(ids.filter((id) => id.endsWith('#pull'))).toHaveLength(1);
    expect(r.matches[0]?.alsoIn?.map((s) => s.id)).toEqual(
      ['guide#pull', 'page#pull'].filter((id) => id !== r.matches[0]?.section.id),
    );
    expect(r.matches.slice(1).every((m) => m.alsoIn === undefined)).toBe(true);
  });

  it('does not take a copy inside the same document for the same answer', () => {
    let seen: readonly CandidateEvidence[] = [];
    const m = createMatcher(
      sections.map((s) => ({ ...s, source: 'knowledge/guide.md' })),
      {
        policy: (ranked) => {
          seen = ranked;
          return { confident: false, probability: 0, reason: '' };
        },
      },
    );
    m.match('팟이 ImagePullBackOff 이고 풀 시크릿 인증 오류가 납니다');
    expect(seen.some((c) => c.copyOfBest)).toBe(false);
  });
});
