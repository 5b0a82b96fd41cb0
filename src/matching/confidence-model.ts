// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul'],
  means: [0.592593, 0.794298, -0.59661, 0.116402, 0.291005, 0.150792],
  scales: [0.491352, 0.0962302, 0.477425, 0.303761, 0.454226, 0.311943],
  weights: [0.945126, 0.749533, 0.49319, -0.463718, 0.215906, 0.182065],
  bias: 1.9118,
  threshold: 0.826205,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
