// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul'],
  means: [0.661376, 0.79738, -0.529005, 0.113757, 0.291005, 0.150792],
  scales: [0.473242, 0.09584, 0.47396, 0.302584, 0.454226, 0.311943],
  weights: [0.919827, 0.649006, 0.645091, -0.540391, 0.337704, 0.161011],
  bias: 2.18965,
  threshold: 0.866556,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
