// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul'],
  means: [0.62963, 0.795037, -0.566999, 0.113757, 0.291005, 0.150792],
  scales: [0.482904, 0.0963584, 0.49075, 0.302584, 0.454226, 0.311943],
  weights: [0.970694, 0.604454, 0.636125, -0.539356, 0.430246, 0.107801],
  bias: 2.05049,
  threshold: 0.857526,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
