import { describe, expect, it } from 'vitest';
import {
  chooseThreshold,
  crossValidate,
  figuresAt,
  fitLogistic,
  groupedFolds,
  type LabelledFeatures,
  reliability,
} from '../../../src/matching/calibration.ts';
import { modelProbability } from '../../../src/matching/confidence.ts';
import { seededRandom as random } from '../../fakes/seeded-random.ts';

/** Examples where the first feature predicts rightness, the second is noise, in groups of three. */
function examples(n: number, seed = 1): LabelledFeatures[] {
  const rnd = random(seed);
  return Array.from({ length: n }, (_, i) => {
    const signal = rnd();
    return { features: [signal, rnd()], right: rnd() < signal, group: `g${Math.floor(i / 3)}` };
  });
}

describe('fitLogistic', () => {
  it('learns which feature predicts a right answer', () => {
    const model = fitLogistic(examples(400), ['signal', 'noise']);
    expect(model.weights[0]).toBeGreaterThan(1);
    expect(Math.abs(model.weights[1]!)).toBeLessThan(0.5);
    const low = modelProbability(model, [0.1, 0.5]);
    const high = modelProbability(model, [0.9, 0.5]);
    expect(high).toBeGreaterThan(0.7);
    expect(low).toBeLessThan(0.3);
  });

  it('is deterministic: the same cases give the same model to the last bit', () => {
    expect(fitLogistic(examples(200), ['a', 'b'])).toEqual(fitLogistic(examples(200), ['a', 'b']));
  });

  it('gives a feature that never varies no weight', () => {
    const flat = examples(100).map((e) => ({ ...e, features: [e.features[0]!, 3] }));
    expect(fitLogistic(flat, ['signal', 'flat']).weights[1]).toBe(0);
  });
});

describe('groupedFolds', () => {
  it('never puts one group on both sides of a fold', () => {
    const groups = examples(300).map((e) => e.group);
    const folds = groupedFolds(groups, 5);
    const foldOf = new Map<string, number>();
    groups.forEach((g, i) => {
      if (foldOf.has(g)) expect(foldOf.get(g)).toBe(folds[i]);
      foldOf.set(g, folds[i]!);
    });
    expect(new Set(folds).size).toBe(5);
  });

  it('balances folds and does not depend on the order cases are listed in', () => {
    const groups = ['a', 'a', 'a', 'a', 'b', 'c', 'c', 'd', 'e', 'f', 'g', 'h'];
    const folds = groupedFolds(groups, 3);
    const sizes = [0, 1, 2].map((f) => folds.filter((x) => x === f).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(2);
    const reversed = groupedFolds([...groups].reverse(), 3).reverse();
    groups.forEach((g, i) => {
      expect(reversed[i]).toBe(folds[groups.indexOf(g)]);
    });
  });
});

describe('crossValidate', () => {
  it('predicts each case with a model that never saw its group', () => {
    const all = examples(120);
    const { probabilities, folds } = crossValidate(all, ['signal', 'noise'], 4);
    // Changing the labels of one fold leaves that fold's own predictions as they were.
    const changed = all.map((e, i) => (folds[i] === 0 ? { ...e, right: !e.right } : e));
    const again = crossValidate(changed, ['signal', 'noise'], 4);
    all.forEach((_, i) => {
      if (folds[i] === 0) expect(again.probabilities[i]).toBe(probabilities[i]);
    });
  });
});

describe('chooseThreshold and figuresAt', () => {
  const outcomes = [
    { answerable: true, right: true, probability: 0.95 },
    { answerable: true, right: true, probability: 0.9 },
    { answerable: false, right: false, probability: 0.85 },
    { answerable: true, right: true, probability: 0.8 },
    { answerable: true, right: false, probability: 0.4 },
  ];

  it('picks the lowest threshold that keeps wrong answers within the bound', () => {
    expect(chooseThreshold(outcomes, 0.3, 0)).toBe(0.8);
    expect(chooseThreshold(outcomes, 0, 0)).toBe(0.9);
    expect(chooseThreshold(outcomes, 0.3, 0.85)).toBe(0.85);
  });

  it('sets the threshold at a right answer, never at a wrong one that the bound would still allow', () => {
    const edge = [
      { answerable: true, right: true, probability: 0.95 },
      { answerable: true, right: true, probability: 0.9 },
      { answerable: true, right: true, probability: 0.85 },
      { answerable: true, right: true, probability: 0.8 },
      { answerable: false, right: false, probability: 0.7 },
      { answerable: true, right: false, probability: 0.4 },
    ];
    // At 0.7 a fifth of the answers is wrong, within 0.2, but lowering the threshold to it gains no right one.
    expect(chooseThreshold(edge, 0.2, 0)).toBe(0.8);
  });

  it('computes the eval figures at a threshold', () => {
    expect(figuresAt(outcomes, 0.8)).toEqual({
      answerable: 4,
      negatives: 1,
      top1: 0.75,
      confidentRight: 0.75,
      negativesRefused: 0,
      wrongWhenConfident: 0.25,
    });
  });

  it('tabulates predicted against observed per band', () => {
    const bands = reliability(outcomes, 2);
    expect(bands[0]).toMatchObject({ cases: 1, observed: 0 });
    expect(bands[1]).toMatchObject({ cases: 4, observed: 0.75 });
    expect(bands[1]!.predicted).toBeCloseTo(0.875);
  });
});
