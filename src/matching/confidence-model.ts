// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul', 'covered-weight'],
  means: [0.666667, 0.797827, -0.530783, 0.113757, 0.291005, 0.150792, 0.370918],
  scales: [0.471405, 0.0954098, 0.479177, 0.302584, 0.454226, 0.311943, 0.610555],
  weights: [0.91133, 0.805792, 0.508912, -0.518278, 0.129632, 0.0645554, 0.239547],
  bias: 2.23693,
  threshold: 0.856538,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
