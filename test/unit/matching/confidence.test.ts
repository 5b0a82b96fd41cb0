import { describe, expect, it } from 'vitest';
import {
  type CandidateEvidence,
  CONFIDENCE_FEATURES,
  type ConfidenceModel,
  calibratedPolicy,
  confidenceFeatures,
  type QueryEvidence,
} from '../../../src/matching/confidence.ts';
import { CONFIDENCE_MODEL } from '../../../src/matching/confidence-model.ts';

function candidate(over: Partial<CandidateEvidence> = {}): CandidateEvidence {
  return {
    id: over.family ?? 'a',
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
const paste: QueryEvidence = { signatures: ['oom-killed'], hasErrorLines: true, concepts: 4, hangul: 0 };
const question: QueryEvidence = { signatures: [], hasErrorLines: false, concepts: 4, hangul: 1 };
const feature = (name: (typeof CONFIDENCE_FEATURES)[number]) => CONFIDENCE_FEATURES.indexOf(name);

/** A model that weighs one feature only, so a test can say which way the decision must go. */
function modelOn(name: (typeof CONFIDENCE_FEATURES)[number], weight: number, threshold = 0.5): ConfidenceModel {
  return {
    features: [...CONFIDENCE_FEATURES],
    means: CONFIDENCE_FEATURES.map(() => 0),
    scales: CONFIDENCE_FEATURES.map(() => 1),
    weights: CONFIDENCE_FEATURES.map((f) => (f === name ? weight : 0)),
    bias: 0,
    threshold,
  };
}

describe('confidenceFeatures', () => {
  it('measures the lead against the best answer of another family, not the best section’s own parts', () => {
    const own = confidenceFeatures(
      [candidate(), candidate({ id: 'a#part', strength: 19.5 }), candidate({ family: 'b', strength: 10 })],
      paste,
    );
    expect(own[feature('log-lead')]).toBeCloseTo(Math.log10(0.51));
    const none = confidenceFeatures([candidate()], paste);
    expect(none[feature('log-lead')]).toBeCloseTo(Math.log10(1.01));
  });

  it('counts another part of the same parent as a rival: its lines do not hold the best part’s', () => {
    const part = candidate({ id: 'a#root-key', family: 'a' });
    const sibling = candidate({ id: 'a#repo-key', family: 'a', strength: 19.5 });
    const lead = confidenceFeatures([part, sibling, candidate({ family: 'b', strength: 10 })], paste);
    expect(lead[feature('log-lead')]).toBeCloseTo(Math.log10(0.025 + 0.01));
    // The parent itself is the same answer as its part.
    const parent = candidate({ strength: 19.5 });
    const withParent = confidenceFeatures([part, parent, candidate({ family: 'b', strength: 10 })], paste);
    expect(withParent[feature('log-lead')]).toBeCloseTo(Math.log10(0.51));
  });

  it('does not count the best section’s copy in another document as a rival', () => {
    const copy = candidate({ family: 'b', strength: 19.5, copyOfBest: true, document: 'knowledge/b.md' });
    const lead = confidenceFeatures([candidate(), copy, candidate({ family: 'c', strength: 10 })], paste);
    expect(lead[feature('log-lead')]).toBeCloseTo(Math.log10(0.51));
  });

  it('does not count the same failure documented in another document as a rival', () => {
    const top = candidate({ sharedSignatures: ['oom-killed'], document: 'knowledge/a.md' });
    const elsewhere = candidate({
      family: 'b',
      strength: 19.5,
      sharedSignatures: ['oom-killed'],
      document: 'knowledge/b.md',
    });
    const sameDocument = { ...elsewhere, document: 'knowledge/a.md' };
    const other = candidate({ family: 'c', strength: 10, document: 'knowledge/c.md' });
    expect(confidenceFeatures([top, elsewhere, other], paste)[feature('log-lead')]).toBeCloseTo(Math.log10(0.51));
    expect(confidenceFeatures([top, sameDocument, other], paste)[feature('log-lead')]).toBeCloseTo(Math.log10(0.035));
  });

  it('in one document, counts a section as the same answer only when both quote the failure’s message', () => {
    const quoting = { sharedSignatures: ['image-gc-failed'], quotedSignatures: ['image-gc-failed'] };
    const top = candidate({ ...quoting, document: 'knowledge/faq.md' });
    const alsoQuotes = candidate({ ...quoting, family: 'b', strength: 19.5, document: 'knowledge/faq.md' });
    const namesInPassing = { ...alsoQuotes, quotedSignatures: [] };
    const other = candidate({ family: 'c', strength: 10, document: 'knowledge/c.md' });
    const gc: QueryEvidence = { ...paste, signatures: ['image-gc-failed'] };
    expect(confidenceFeatures([top, alsoQuotes, other], gc)[feature('log-lead')]).toBeCloseTo(Math.log10(0.51));
    expect(confidenceFeatures([top, namesInPassing, other], gc)[feature('log-lead')]).toBeCloseTo(Math.log10(0.035));
  });

  it('counts the paste failures the best section does not document', () => {
    expect(confidenceFeatures([candidate()], paste)[feature('signatures-unshown')]).toBe(1);
    const shown = candidate({ sharedSignatures: ['oom-killed'] });
    expect(confidenceFeatures([shown], paste)[feature('signatures-unshown')]).toBe(0);
    const two: QueryEvidence = { ...paste, signatures: ['oom-killed', 'crash-loop'] };
    expect(confidenceFeatures([shown], two)[feature('signatures-unshown')]).toBe(0.5);
    expect(confidenceFeatures([candidate()], question)[feature('signatures-unshown')]).toBe(0);
  });

  it('tells a typed question from a paste and carries its language', () => {
    const q = confidenceFeatures([candidate()], question);
    expect(q[feature('question')]).toBe(1);
    expect(q[feature('hangul')]).toBe(1);
    expect(confidenceFeatures([candidate()], paste)[feature('question')]).toBe(0);
  });

  it('asks for evidence before the rule says yes', () => {
    const clearLead = candidate({ family: 'b', strength: 5 });
    expect(confidenceFeatures([candidate({ sharedSignatures: ['oom-killed'] }), clearLead], paste)[0]).toBe(1);
    expect(confidenceFeatures([candidate(), clearLead], paste)[0]).toBe(0);
    expect(
      confidenceFeatures([candidate({ sharedSignatures: ['oom-killed'] }), candidate({ family: 'b' })], paste)[0],
    ).toBe(0);
    expect(confidenceFeatures([candidate({ fuzzy: 0.9 }), clearLead], question)[0]).toBe(1);
  });

  it('takes concepts alone as evidence only when they are worth at least two ordinary ones', () => {
    const clearLead = candidate({ family: 'b', strength: 5 });
    const covered = candidate({ conceptCoverage: 1 });
    const rule = (weight: number) =>
      confidenceFeatures([covered, clearLead], { ...question, concepts: 3, conceptWeight: weight })[0];
    // Pod, restart, install: three concepts most sections name.
    expect(rule(1.9)).toBe(0);
    expect(rule(2.5)).toBe(1);
    // Half of a heavy set of concepts covered is still too little.
    expect(confidenceFeatures([candidate({ conceptCoverage: 0.6 }), clearLead], { ...question, concepts: 6 })[0]).toBe(
      0,
    );
  });

  it('weighs the rare concepts of a question that the section covers', () => {
    const covered = (conceptCoverage: number, conceptWeight: number, query = question) =>
      confidenceFeatures([candidate({ conceptCoverage })], { ...query, conceptWeight })[feature('covered-weight')];
    expect(covered(1, 3)).toBeCloseTo(Math.log(4));
    expect(covered(0.5, 3)).toBeCloseTo(Math.log(2.5));
    expect(covered(1, 5)).toBeGreaterThan(covered(1, 3)!);
    expect(covered(1, 3, paste)).toBe(0);
  });

  it('has one value per named feature', () => {
    expect(confidenceFeatures([candidate()], paste)).toHaveLength(CONFIDENCE_FEATURES.length);
    expect(confidenceFeatures([], paste)).toHaveLength(CONFIDENCE_FEATURES.length);
  });
});

describe('calibratedPolicy', () => {
  it('answers unasked only at or above the threshold, and says why', () => {
    const byRule = calibratedPolicy({ ...modelOn('evidence-rule', 10), bias: -5 });
    const clear = byRule(
      [candidate({ sharedSignatures: ['oom-killed'] }), candidate({ family: 'b', strength: 5 })],
      paste,
    );
    expect(clear.confident).toBe(true);
    expect(clear.probability).toBeGreaterThan(0.99);
    expect(clear.reason).toMatch(/signature oom-killed/);
    const close = byRule([candidate(), candidate({ family: 'b', strength: 20 })], paste);
    expect(close.probability).toBeLessThan(0.01);
    expect(close.confident).toBe(false);
    const high = calibratedPolicy({ ...modelOn('evidence-rule', 10), bias: -5, threshold: 0.999 });
    expect(
      high([candidate({ sharedSignatures: ['oom-killed'] }), candidate({ family: 'b', strength: 5 })], paste).confident,
    ).toBe(false);
  });

  it('does not answer unasked a question that names too little, however likely the model finds it', () => {
    const certain = calibratedPolicy({ ...modelOn('score', 0), bias: 10 });
    const ranked = (over: Partial<CandidateEvidence> = {}) => [
      candidate(over),
      candidate({ family: 'b', strength: 5 }),
    ];
    const vague = { ...question, concepts: 2 };
    expect(certain(ranked(), vague)).toMatchObject({
      confident: false,
      reason: expect.stringMatching(/names too little/),
    });
    expect(certain(ranked(), { ...vague, concepts: 1 }).confident).toBe(false);
    // Three concepts, the section's title named, a quoted error or a shared signature are enough to go on.
    expect(certain(ranked(), { ...vague, concepts: 3 }).confident).toBe(true);
    expect(certain(ranked({ titleCoverage: 0.8 }), vague).confident).toBe(true);
    expect(certain(ranked({ fuzzy: 0.9 }), vague).confident).toBe(true);
    expect(certain(ranked({ sharedSignatures: ['oom-killed'] }), vague).confident).toBe(true);
    // A paste's error lines are evidence of their own.
    expect(certain(ranked(), { ...paste, signatures: [], concepts: 1 }).confident).toBe(true);
  });

  it('stays quiet with no candidate', () => {
    expect(calibratedPolicy(CONFIDENCE_MODEL)([], paste)).toMatchObject({ confident: false, probability: 0 });
  });

  it('gives the same probability for the same evidence', () => {
    const policy = calibratedPolicy(CONFIDENCE_MODEL);
    const ranked = [
      candidate({ sharedSignatures: ['oom-killed'], fuzzy: 0.8 }),
      candidate({ family: 'b', strength: 12 }),
    ];
    expect(policy(ranked, paste).probability).toBe(policy(ranked, paste).probability);
  });

  it('refuses a model fitted for other features', () => {
    expect(() => calibratedPolicy({ ...modelOn('score', 1), features: ['score'] })).toThrow(/features/);
  });

  it('the shipped model is fitted for the features the matcher computes', () => {
    expect(CONFIDENCE_MODEL.features).toEqual([...CONFIDENCE_FEATURES]);
    expect(CONFIDENCE_MODEL.threshold).toBeGreaterThan(0);
    expect(CONFIDENCE_MODEL.threshold).toBeLessThanOrEqual(1);
  });
});
