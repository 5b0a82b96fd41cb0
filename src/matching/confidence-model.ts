// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul'],
  means: [0.661376, 0.79742, -0.533733, 0.113757, 0.291005, 0.150792],
  scales: [0.473242, 0.0959044, 0.483149, 0.302584, 0.454226, 0.311943],
  weights: [0.89635, 0.792865, 0.531091, -0.5311, 0.272632, 0.117152],
  bias: 2.2136,
  threshold: 0.868012,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
