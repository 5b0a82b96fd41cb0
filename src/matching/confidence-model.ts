// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul'],
  means: [0.619048, 0.794888, -0.56256, 0.116402, 0.291005, 0.150792],
  scales: [0.485621, 0.0958058, 0.476523, 0.303761, 0.454226, 0.311943],
  weights: [0.971541, 0.556634, 0.583881, -0.495618, 0.259354, 0.21538],
  bias: 1.98906,
  threshold: 0.848981,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
