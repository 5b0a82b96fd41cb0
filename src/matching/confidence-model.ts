// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul'],
  means: [0.597884, 0.794841, -0.59572, 0.116402, 0.291005, 0.150792],
  scales: [0.490325, 0.0958125, 0.477571, 0.303761, 0.454226, 0.311943],
  weights: [0.927534, 0.709648, 0.512944, -0.489047, 0.199423, 0.183637],
  bias: 1.94654,
  threshold: 0.829024,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
