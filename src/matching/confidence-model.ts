// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul', 'covered-weight'],
  means: [0.661376, 0.797548, -0.53174, 0.113757, 0.291005, 0.150792, 0.366676],
  scales: [0.473242, 0.0954899, 0.479882, 0.302584, 0.454226, 0.311943, 0.60586],
  weights: [0.898034, 0.792245, 0.524887, -0.526937, 0.140052, 0.0861571, 0.218055],
  bias: 2.22913,
  threshold: 0.867429,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
