// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul'],
  means: [0.661376, 0.797385, -0.529357, 0.113757, 0.291005, 0.150792],
  scales: [0.473242, 0.0958515, 0.474052, 0.302584, 0.454226, 0.311943],
  weights: [0.920063, 0.648967, 0.644814, -0.54035, 0.337789, 0.161887],
  bias: 2.18957,
  threshold: 0.864338,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
