// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul', 'covered-weight'],
  means: [0.671958, 0.799105, -0.525149, 0.113757, 0.291005, 0.150792, 0.378112],
  scales: [0.4695, 0.0951432, 0.473199, 0.302584, 0.454226, 0.311943, 0.621078],
  weights: [0.889878, 0.793796, 0.535536, -0.519906, 0.0981418, 0.12603, 0.315766],
  bias: 2.30355,
  threshold: 0.864499,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
