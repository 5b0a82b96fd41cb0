// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul'],
  means: [0.645503, 0.797023, -0.546558, 0.113757, 0.291005, 0.150792],
  scales: [0.478361, 0.0958582, 0.469007, 0.302584, 0.454226, 0.311943],
  weights: [0.891204, 0.580527, 0.716986, -0.572517, 0.332845, 0.17752],
  bias: 2.14632,
  threshold: 0.864817,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
