// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul'],
  means: [0.661376, 0.7973, -0.530132, 0.113757, 0.291005, 0.150792],
  scales: [0.473242, 0.0958213, 0.473968, 0.302584, 0.454226, 0.311943],
  weights: [0.938712, 0.568621, 0.74188, -0.535464, 0.395583, 0.193786],
  bias: 2.17043,
  threshold: 0.873404,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
