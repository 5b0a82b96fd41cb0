// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul'],
  means: [0.592593, 0.793252, -0.595628, 0.116402, 0.291005, 0.150792],
  scales: [0.491352, 0.0963403, 0.475723, 0.303761, 0.454226, 0.311943],
  weights: [1.01329, 0.753512, 0.383717, -0.44487, 0.213418, 0.167255],
  bias: 1.88653,
  threshold: 0.84942,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
