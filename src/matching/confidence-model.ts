// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul'],
  means: [0.645503, 0.797033, -0.54883, 0.113757, 0.291005, 0.150792],
  scales: [0.478361, 0.0958132, 0.473138, 0.302584, 0.454226, 0.311943],
  weights: [0.871206, 0.628609, 0.722437, -0.56722, 0.325535, 0.168464],
  bias: 2.15432,
  threshold: 0.870648,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
