// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul', 'covered-weight'],
  means: [0.666667, 0.799071, -0.529044, 0.113757, 0.291005, 0.150792, 0.376544],
  scales: [0.471405, 0.0951104, 0.479534, 0.302584, 0.454226, 0.311943, 0.618575],
  weights: [0.902459, 0.817211, 0.495825, -0.51544, 0.126599, 0.126979, 0.265616],
  bias: 2.28511,
  threshold: 0.868056,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
