// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul'],
  means: [0.650794, 0.797673, -0.547079, 0.113757, 0.291005, 0.150792],
  scales: [0.476719, 0.0955992, 0.468742, 0.302584, 0.454226, 0.311943],
  weights: [1.00766, 0.579958, 0.679938, -0.525876, 0.407089, 0.186693],
  bias: 2.12227,
  threshold: 0.86075,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
