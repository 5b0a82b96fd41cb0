// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul', 'covered-weight'],
  means: [0.666667, 0.799078, -0.527816, 0.113757, 0.291005, 0.150792, 0.375856],
  scales: [0.471405, 0.0951163, 0.477211, 0.302584, 0.454226, 0.311943, 0.618175],
  weights: [0.901371, 0.816835, 0.498703, -0.514501, 0.0999213, 0.122041, 0.310592],
  bias: 2.28941,
  threshold: 0.871662,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
