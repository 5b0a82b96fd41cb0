// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul'],
  means: [0.661376, 0.797381, -0.529511, 0.113757, 0.291005, 0.150792],
  scales: [0.473242, 0.0958345, 0.474241, 0.302584, 0.454226, 0.311943],
  weights: [0.937972, 0.568955, 0.742351, -0.535386, 0.394831, 0.194228],
  bias: 2.1711,
  threshold: 0.873437,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
