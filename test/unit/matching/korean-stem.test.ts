import { describe, expect, it } from 'vitest';
import { isParticle, stemKorean, stripParticle } from '../../../src/matching/korean-stem.ts';
import { tokenize } from '../../../src/matching/tokenize.ts';

describe('stemKorean', () => {
  it.each([
    ['재시작돼요', '재시작'],
    ['재시작되는', '재시작'],
    ['재시작됩니다', '재시작'],
    ['걸리나요', '걸리'],
    ['걸립니까', '걸리'],
    ['설치할', '설치'],
    ['설치한', '설치'],
    ['설치하면', '설치'],
    ['실패해요', '실패'],
    ['확인해야', '확인'],
    ['삭제됩니까', '삭제'],
    ['연결되지', '연결'],
    ['클러스터인데', '클러스터'],
    ['그룹이에요', '그룹'],
    ['경우는요', '경우'],
  ])('folds the ending of %s to %s', (word, stem) => {
    expect(stemKorean(word)).toBe(stem);
  });

  it.each([['연결'], ['시간'], ['이미지'], ['필요'], ['타임아웃']])('leaves the noun %s whole', (word) => {
    expect(stemKorean(word)).toBe(word);
  });

  it('takes the particle off a noun', () => {
    expect(stemKorean('상태를')).toBe('상태');
    expect(stemKorean('컨테이너가')).toBe('컨테이너');
    expect(stripParticle('팟이')).toBe('팟');
  });

  it('gives a question and a document the same terms for one predicate', () => {
    expect(tokenize('팟이 계속 재시작돼요')).toEqual(expect.arrayContaining(['팟', '재시작']));
    const asked = new Set(tokenize('재시작돼요'));
    expect(tokenize('재시작되는 팟').filter((t) => asked.has(t))).toContain('재시작');
  });

  it('drops a particle written apart after a word in Latin letters', () => {
    expect(tokenize('CVM 을 직접 넣었다')).not.toContain('을');
    expect(tokenize('CA 가 스케일 아웃을 결정하고')).toEqual(expect.arrayContaining(['ca', '스케일']));
    expect(tokenize('CA 가')).toEqual(['ca']);
    expect(tokenize('curl 이랑 tcpdump 를')).toEqual(['curl', 'tcpdump']);
    expect(isParticle('를')).toBe(true);
    // A word that merely starts like a particle is a word.
    expect(isParticle('로그')).toBe(false);
    expect(tokenize('로그')).toContain('로그');
  });
});
