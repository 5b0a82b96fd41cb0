// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul'],
  means: [0.634921, 0.797376, -0.560248, 0.113757, 0.291005, 0.150792],
  scales: [0.481452, 0.0957228, 0.482259, 0.302584, 0.454226, 0.311943],
  weights: [0.977986, 0.595329, 0.646438, -0.540942, 0.364752, 0.170768],
  bias: 2.05806,
  threshold: 0.855626,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
