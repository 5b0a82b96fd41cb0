// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul', 'covered-weight'],
  means: [0.666667, 0.797887, -0.529498, 0.113757, 0.291005, 0.150792, 0.372775],
  scales: [0.471405, 0.0953852, 0.477374, 0.302584, 0.454226, 0.311943, 0.612616],
  weights: [0.904028, 0.808391, 0.520325, -0.518532, 0.113056, 0.0564927, 0.263009],
  bias: 2.24004,
  threshold: 0.857946,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
