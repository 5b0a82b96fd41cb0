// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul'],
  means: [0.597884, 0.794888, -0.59514, 0.116402, 0.291005, 0.150792],
  scales: [0.490325, 0.0958058, 0.478045, 0.303761, 0.454226, 0.311943],
  weights: [0.935128, 0.708312, 0.500676, -0.487684, 0.199419, 0.179979],
  bias: 1.94362,
  threshold: 0.854516,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
