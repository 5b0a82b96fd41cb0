// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul'],
  means: [0.661376, 0.797436, -0.529113, 0.113757, 0.291005, 0.150792],
  scales: [0.473242, 0.0958709, 0.473862, 0.302584, 0.454226, 0.311943],
  weights: [0.919762, 0.649315, 0.644873, -0.540333, 0.337723, 0.160996],
  bias: 2.18973,
  threshold: 0.866545,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
