// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul'],
  means: [0.645503, 0.79684, -0.546428, 0.113757, 0.291005, 0.150792],
  scales: [0.478361, 0.0958668, 0.46902, 0.302584, 0.454226, 0.311943],
  weights: [0.891856, 0.579405, 0.717367, -0.572885, 0.332683, 0.177708],
  bias: 2.14616,
  threshold: 0.864667,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
