import { describe, expect, it } from 'vitest';
import {
  type CandidateEvidence,
  DEFAULT_CONFIDENCE,
  decideConfidence,
  type QueryEvidence,
} from '../../../src/matching/confidence.ts';

function candidate(over: Partial<CandidateEvidence> = {}): CandidateEvidence {
  return {
    score: 0.8,
    strength: 20,
    family: 'a',
    sharedSignatures: [],
    conceptCoverage: 0.5,
    titleCoverage: 0,
    fuzzy: 0,
    ...over,
  };
}
const paste: QueryEvidence = { signatures: ['oom-killed'], hasErrorLines: true, concepts: 4 };
const question: QueryEvidence = { signatures: [], hasErrorLines: false, concepts: 4 };

describe('decideConfidence', () => {
  it('answers when the best shares the paste signature and leads clearly', () => {
    const d = decideConfidence(
      [candidate({ sharedSignatures: ['oom-killed'] }), candidate({ family: 'b', strength: 10, score: 0.4 })],
      paste,
    );
    expect(d).toEqual({ confident: true, reason: 'signature oom-killed' });
  });

  it('stays quiet with no candidates or below the floor', () => {
    expect(decideConfidence([], paste).confident).toBe(false);
    const low = candidate({ score: DEFAULT_CONFIDENCE.floor - 0.01, sharedSignatures: ['oom-killed'] });
    expect(decideConfidence([low], paste)).toMatchObject({ confident: false, reason: expect.stringMatching(/floor/) });
  });

  it('stays quiet when another answer is nearly as strong', () => {
    const d = decideConfidence(
      [candidate({ sharedSignatures: ['oom-killed'] }), candidate({ family: 'b', strength: 19.5 })],
      paste,
    );
    expect(d).toMatchObject({ confident: false, reason: expect.stringMatching(/lead/) });
  });

  it('asks a smaller lead when only the best shows the paste failure', () => {
    const top = candidate({ sharedSignatures: ['oom-killed'] });
    expect(decideConfidence([top, candidate({ family: 'b', strength: 18.5 })], paste).confident).toBe(true);
    const rivalWithEvidence = candidate({ family: 'b', strength: 18.5, sharedSignatures: ['oom-killed'] });
    expect(decideConfidence([top, rivalWithEvidence], paste).confident).toBe(false);
  });

  it('does not count a parent and its own part as rivals', () => {
    const d = decideConfidence(
      [candidate({ sharedSignatures: ['oom-killed'] }), candidate({ family: 'a', strength: 19.5 })],
      paste,
    );
    expect(d.confident).toBe(true);
  });

  it('stays quiet when the best does not document the paste failure', () => {
    const d = decideConfidence([candidate({ conceptCoverage: 1 })], paste);
    expect(d).toMatchObject({ confident: false, reason: expect.stringMatching(/does not document oom-killed/) });
  });

  it('answers when the section quotes the error even without a shared signature', () => {
    expect(decideConfidence([candidate({ fuzzy: 0.9 })], paste).confident).toBe(true);
  });

  it('does not answer a question that names too little', () => {
    const two: QueryEvidence = { signatures: [], hasErrorLines: false, concepts: 2 };
    const one: QueryEvidence = { signatures: [], hasErrorLines: false, concepts: 1 };
    const strong = candidate({ score: 0.9, conceptCoverage: 1 });
    expect(decideConfidence([strong], two).confident).toBe(false);
    expect(decideConfidence([candidate({ score: 0.9, conceptCoverage: 1, titleCoverage: 1 })], two).confident).toBe(
      true,
    );
    expect(decideConfidence([candidate({ score: 0.9, conceptCoverage: 1, titleCoverage: 1 })], one).confident).toBe(
      false,
    );
  });

  it('answers a question only on a strong match over its concepts', () => {
    expect(decideConfidence([candidate({ score: 0.7, conceptCoverage: 0.9 })], question).confident).toBe(true);
    expect(decideConfidence([candidate({ score: 0.7, conceptCoverage: 0.3 })], question).confident).toBe(false);
    expect(decideConfidence([candidate({ score: 0.5, conceptCoverage: 0.9 })], question).confident).toBe(false);
  });
});
