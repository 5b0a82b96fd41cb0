// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul'],
  means: [0.597884, 0.794841, -0.594587, 0.116402, 0.291005, 0.150792],
  scales: [0.490325, 0.0958125, 0.476997, 0.303761, 0.454226, 0.311943],
  weights: [0.939647, 0.709884, 0.492941, -0.485993, 0.198943, 0.179248],
  bias: 1.94225,
  threshold: 0.852926,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
