// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul'],
  means: [0.624339, 0.795648, -0.558869, 0.113757, 0.291005, 0.150792],
  scales: [0.484293, 0.0957986, 0.477193, 0.302584, 0.454226, 0.311943],
  weights: [1.00488, 0.558311, 0.573754, -0.541175, 0.2795, 0.215881],
  bias: 1.98859,
  threshold: 0.846584,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
