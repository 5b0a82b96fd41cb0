// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul'],
  means: [0.650794, 0.797032, -0.547245, 0.113757, 0.291005, 0.150792],
  scales: [0.476719, 0.0957277, 0.469839, 0.302584, 0.454226, 0.311943],
  weights: [0.938605, 0.603495, 0.681893, -0.547765, 0.350485, 0.171748],
  bias: 2.15287,
  threshold: 0.861119,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
