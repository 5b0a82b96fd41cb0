// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul'],
  means: [0.661376, 0.797426, -0.531285, 0.113757, 0.291005, 0.150792],
  scales: [0.473242, 0.0959092, 0.477557, 0.302584, 0.454226, 0.311943],
  weights: [0.918042, 0.646446, 0.650384, -0.537506, 0.335602, 0.161564],
  bias: 2.18813,
  threshold: 0.866945,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
