// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul'],
  means: [0.592593, 0.794298, -0.598913, 0.116402, 0.291005, 0.150792],
  scales: [0.491352, 0.0962302, 0.476691, 0.303761, 0.454226, 0.311943],
  weights: [0.947154, 0.750044, 0.491041, -0.463388, 0.217408, 0.180898],
  bias: 1.91064,
  threshold: 0.826167,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
