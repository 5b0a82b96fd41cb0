// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul', 'covered-weight'],
  means: [0.666667, 0.799032, -0.52527, 0.113757, 0.291005, 0.150792, 0.376034],
  scales: [0.471405, 0.0951341, 0.473341, 0.302584, 0.454226, 0.311943, 0.618574],
  weights: [0.877771, 0.798006, 0.549497, -0.522113, 0.108046, 0.131474, 0.310452],
  bias: 2.29897,
  threshold: 0.87255,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
