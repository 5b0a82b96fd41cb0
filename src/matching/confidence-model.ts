// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul'],
  means: [0.555556, 0.793037, -0.653492, 0.116402, 0.291005, 0.150792],
  scales: [0.496904, 0.0963801, 0.481573, 0.303761, 0.454226, 0.311943],
  weights: [0.893419, 0.843955, 0.272218, -0.436505, 0.123908, 0.194562],
  bias: 1.68018,
  threshold: 0.860167,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
