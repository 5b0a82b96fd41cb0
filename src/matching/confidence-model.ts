// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul'],
  means: [0.661376, 0.797033, -0.531034, 0.113757, 0.291005, 0.150792],
  scales: [0.473242, 0.0958132, 0.472837, 0.302584, 0.454226, 0.311943],
  weights: [0.942702, 0.566282, 0.737787, -0.536567, 0.395026, 0.193709],
  bias: 2.16964,
  threshold: 0.873249,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
