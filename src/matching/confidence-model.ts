// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul'],
  means: [0.645503, 0.796808, -0.546458, 0.113757, 0.291005, 0.150792],
  scales: [0.478361, 0.0957999, 0.469077, 0.302584, 0.454226, 0.311943],
  weights: [0.891817, 0.579126, 0.717513, -0.572979, 0.332706, 0.177661],
  bias: 2.1461,
  threshold: 0.86467,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
