/**
 * Fitting the confidence model: L2-regularised logistic regression on labelled matches, cross-validation in
 * folds grouped by where each case came from, the threshold that keeps wrong answers rare on held-out folds,
 * and the reliability table that shows how well predicted probabilities agree with what was observed.
 * Pure and deterministic: the same cases give the same model, to the last bit.
 */
import { type ConfidenceModel, modelProbability, sigmoid } from './confidence.ts';

/** One labelled example: the confidence features of a match and whether its best section was right. */
export interface LabelledFeatures {
  readonly features: readonly number[];
  /** True when the best section is a right answer (never for a case nothing in the corpus answers). */
  readonly right: boolean;
  /** Cases with the same group are never split between the part fitted and the part checked. */
  readonly group: string;
}

export interface FitOptions {
  /** L2 penalty on the standardised weights (not on the bias). */
  readonly l2?: number;
  readonly iterations?: number;
}

/** Solves `a · x = b` for a small symmetric positive definite `a` (Gaussian elimination with pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    const pivot = m[c]![c]!;
    if (Math.abs(pivot) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / pivot;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => (Math.abs(row[i]!) < 1e-12 ? 0 : row[n]! / row[i]!));
}

/**
 * Fits weights by Newton's method (iteratively reweighted least squares) on standardised features. Features
 * are standardised so that one penalty fits all of them; a feature that never varies gets weight 0.
 */
export function fitLogistic(
  examples: readonly LabelledFeatures[],
  names: readonly string[],
  options: FitOptions = {},
): Pick<ConfidenceModel, 'features' | 'means' | 'scales' | 'weights' | 'bias'> {
  const l2 = options.l2 ?? 1;
  const iterations = options.iterations ?? 50;
  const d = names.length;
  const n = examples.length;
  const means = names.map((_, j) => examples.reduce((s, e) => s + (e.features[j] ?? 0), 0) / Math.max(n, 1));
  const scales = names.map((_, j) => {
    const v = examples.reduce((s, e) => s + ((e.features[j] ?? 0) - means[j]!) ** 2, 0) / Math.max(n, 1);
    return v > 1e-12 ? Math.sqrt(v) : 1;
  });
  const xs = examples.map((e) => [1, ...names.map((_, j) => ((e.features[j] ?? 0) - means[j]!) / scales[j]!)]);
  const ys = examples.map((e) => (e.right ? 1 : 0));
  let w = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d + 1).fill(0);
    const hess = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < n; i++) {
      const x = xs[i]!;
      let z = 0;
      for (let j = 0; j <= d; j++) z += w[j]! * x[j]!;
      const p = sigmoid(z);
      const r = p * (1 - p);
      for (let j = 0; j <= d; j++) {
        grad[j]! += (p - ys[i]!) * x[j]!;
        for (let k = j; k <= d; k++) hess[j]![k]! += r * x[j]! * x[k]!;
      }
    }
    for (let j = 1; j <= d; j++) {
      grad[j]! += l2 * w[j]!;
      hess[j]![j]! += l2;
    }
    for (let j = 0; j <= d; j++) for (let k = 0; k < j; k++) hess[j]![k] = hess[k]![j]!;
    hess[0]![0]! += 1e-9;
    const step = solve(hess, grad);
    let change = 0;
    w = w.map((v, j) => {
      change = Math.max(change, Math.abs(step[j]!));
      return v - step[j]!;
    });
    if (change < 1e-10) break;
  }
  return { features: [...names], means, scales, weights: w.slice(1), bias: w[0]! };
}

/** A stable 32-bit hash (FNV-1a), so fold assignment does not depend on the order cases are listed in. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Assigns whole groups to `k` folds: largest groups first, each to the fold with the fewest cases so far
 * (ties by the group's hash), so folds are balanced and no group is split.
 */
export function groupedFolds(groups: readonly string[], k: number): number[] {
  const sizes = new Map<string, number>();
  for (const g of groups) sizes.set(g, (sizes.get(g) ?? 0) + 1);
  const order = [...sizes.keys()].sort(
    (a, b) => sizes.get(b)! - sizes.get(a)! || hash(a) - hash(b) || (a < b ? -1 : 1),
  );
  const load = new Array<number>(k).fill(0);
  const foldOf = new Map<string, number>();
  for (const g of order) {
    let best = 0;
    for (let f = 1; f < k; f++) if (load[f]! < load[best]!) best = f;
    foldOf.set(g, best);
    load[best]! += sizes.get(g)!;
  }
  return groups.map((g) => foldOf.get(g)!);
}

/** Held-out probabilities: each case predicted by a model fitted on the other folds only. */
export function crossValidate(
  examples: readonly LabelledFeatures[],
  names: readonly string[],
  k: number,
  options: FitOptions = {},
): { probabilities: number[]; folds: number[] } {
  const folds = groupedFolds(
    examples.map((e) => e.group),
    k,
  );
  const probabilities = new Array<number>(examples.length).fill(0);
  for (let f = 0; f < k; f++) {
    const train = examples.filter((_, i) => folds[i] !== f);
    if (train.length === 0) continue;
    const model = fitLogistic(train, names, options);
    examples.forEach((e, i) => {
      if (folds[i] === f) probabilities[i] = modelProbability(model, e.features);
    });
  }
  return { probabilities, folds };
}

export interface Outcome {
  /** The case has a right answer in the corpus (false for cases nothing answers). */
  readonly answerable: boolean;
  /** The best section is a right answer. */
  readonly right: boolean;
  readonly probability: number;
}

export interface Figures {
  readonly answerable: number;
  readonly negatives: number;
  readonly top1: number;
  /** Share of answerable cases answered unasked and right. */
  readonly confidentRight: number;
  /** Share of unanswerable cases not answered unasked. */
  readonly negativesRefused: number;
  /** Of everything answered unasked, the share that is wrong. */
  readonly wrongWhenConfident: number;
}

/** The eval's figures for a threshold: answered unasked when the probability reaches it. */
export function figuresAt(outcomes: readonly Outcome[], threshold: number): Figures {
  let answerable = 0;
  let negatives = 0;
  let top1 = 0;
  let confidentRight = 0;
  let refused = 0;
  let answered = 0;
  let wrong = 0;
  for (const o of outcomes) {
    const confident = o.probability >= threshold;
    if (o.answerable) {
      answerable++;
      if (o.right) top1++;
      if (confident && o.right) confidentRight++;
    } else {
      negatives++;
      if (!confident) refused++;
    }
    if (confident) {
      answered++;
      if (!o.right) wrong++;
    }
  }
  return {
    answerable,
    negatives,
    top1: answerable ? top1 / answerable : 0,
    confidentRight: answerable ? confidentRight / answerable : 0,
    negativesRefused: negatives ? refused / negatives : 1,
    wrongWhenConfident: answered ? wrong / answered : 0,
  };
}

/**
 * The lowest threshold at which wrong answers stay within `maxWrong` of those given unasked, among the
 * probabilities seen (never below `floor`). Answers are ranked by probability; at each distinct probability
 * the share wrong above it is known, and the largest such set within the bound wins. A threshold sits at a
 * right answer's probability: one at a wrong answer's lets that answer through and lets no right one more.
 */
export function chooseThreshold(outcomes: readonly Outcome[], maxWrong: number, floor = 0.5): number {
  const sorted = [...outcomes].sort((a, b) => b.probability - a.probability);
  let answered = 0;
  let wrong = 0;
  let threshold = 1;
  let rightHere = false;
  for (let i = 0; i < sorted.length; i++) {
    const o = sorted[i]!;
    answered++;
    if (!o.right) wrong++;
    rightHere ||= o.right;
    // Thresholds only fall between distinct probabilities.
    if (i + 1 < sorted.length && sorted[i + 1]!.probability === o.probability) continue;
    if (rightHere && wrong / answered <= maxWrong) threshold = o.probability;
    rightHere = false;
  }
  return Math.max(threshold, floor);
}

export interface ReliabilityBand {
  readonly from: number;
  readonly to: number;
  readonly cases: number;
  /** Mean predicted probability in the band. */
  readonly predicted: number;
  /** Share of the band's cases whose best section was right. */
  readonly observed: number;
}

/** Cases per probability band, with the mean predicted probability and the share observed right. */
export function reliability(outcomes: readonly Outcome[], bands = 10): ReliabilityBand[] {
  const out: ReliabilityBand[] = [];
  for (let b = 0; b < bands; b++) {
    const from = b / bands;
    const to = (b + 1) / bands;
    const inBand = outcomes.filter(
      (o) => o.probability >= from && (b === bands - 1 ? o.probability <= to : o.probability < to),
    );
    out.push({
      from,
      to,
      cases: inBand.length,
      predicted: inBand.length ? inBand.reduce((s, o) => s + o.probability, 0) / inBand.length : 0,
      observed: inBand.length ? inBand.filter((o) => o.right).length / inBand.length : 0,
    });
  }
  return out;
}
