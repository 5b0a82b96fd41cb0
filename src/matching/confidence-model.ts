// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul'],
  means: [0.587302, 0.792577, -0.599813, 0.116402, 0.291005, 0.150792],
  scales: [0.492319, 0.0966217, 0.474948, 0.303761, 0.454226, 0.311943],
  weights: [1.02827, 0.781869, 0.372293, -0.425379, 0.229513, 0.167089],
  bias: 1.85242,
  threshold: 0.851605,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
