// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul', 'covered-weight'],
  means: [0.666667, 0.799068, -0.525091, 0.113757, 0.291005, 0.150792, 0.376003],
  scales: [0.471405, 0.0951207, 0.473005, 0.302584, 0.454226, 0.311943, 0.618521],
  weights: [0.877482, 0.798444, 0.549049, -0.521958, 0.108111, 0.131433, 0.310497],
  bias: 2.29905,
  threshold: 0.872583,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
