/**
 * What the calibration looks like on the labelled set: the figures with the model fitted on all of it, the
 * same figures from held-out predictions (grouped k-fold), per kind, and the reliability table.
 */
import {
  crossValidate,
  type Figures,
  type FitOptions,
  figuresAt,
  type Outcome,
  reliability,
} from '../src/matching/calibration.ts';
import { CONFIDENCE_FEATURES } from '../src/matching/confidence.ts';
import type { LabelledCase } from './labelled-cases.ts';

export const FOLDS = 5;

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export function figuresLine(f: Figures): string {
  return `top1=${pct(f.top1)} confident-right=${pct(f.confidentRight)} negatives-refused=${pct(f.negativesRefused)} wrong-when-confident=${pct(f.wrongWhenConfident)}`;
}

/** Held-out probabilities for every case: unmatched cases stay at 0 and take no part in fitting. */
export function heldOut(labelled: readonly LabelledCase[], options: FitOptions, k = FOLDS): Outcome[] {
  const matched = labelled.filter((c) => c.matched);
  const { probabilities } = crossValidate(matched, CONFIDENCE_FEATURES, k, options);
  const byCase = new Map(matched.map((c, i) => [c, probabilities[i]!]));
  return labelled.map((c) => ({ answerable: c.answerable, right: c.right, probability: byCase.get(c) ?? 0 }));
}

export function reliabilityTable(outcomes: readonly Outcome[]): string {
  const rows = reliability(outcomes).filter((b) => b.cases > 0);
  const lines = ['  probability  cases  predicted  observed right'];
  for (const b of rows) {
    lines.push(
      `  ${b.from.toFixed(1)}–${b.to.toFixed(1)}  ${String(b.cases).padStart(9)}  ${pct(b.predicted).padStart(9)}  ${pct(b.observed).padStart(14)}`,
    );
  }
  return lines.join('\n');
}

/** Figures per kind of case (error, question, negative) at a threshold. */
export function perKind(labelled: readonly LabelledCase[], outcomes: readonly Outcome[], threshold: number): string {
  const kinds = [...new Set(labelled.map((c) => c.case.kind))].sort();
  return kinds
    .map((kind) => {
      const part = outcomes.filter((_, i) => labelled[i]!.case.kind === kind);
      const f = figuresAt(part, threshold);
      return kind === 'negative'
        ? `  ${kind.padEnd(9)} ${part.length} cases, refused ${pct(f.negativesRefused)}`
        : `  ${kind.padEnd(9)} ${part.length} cases, top1 ${pct(f.top1)}, right and confident ${pct(f.confidentRight)}`;
    })
    .join('\n');
}
