// Written by `npm run calibrate` (scripts/calibrate.ts): the confidence model fitted on the labelled
// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.
import type { ConfidenceModel } from './confidence.ts';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  features: ['evidence-rule', 'score', 'log-lead', 'signatures-unshown', 'question', 'hangul', 'covered-weight'],
  means: [0.661376, 0.799076, -0.532791, 0.113757, 0.291005, 0.150792, 0.374674],
  scales: [0.473242, 0.0951957, 0.4839, 0.302584, 0.454226, 0.311943, 0.615173],
  weights: [0.912559, 0.819004, 0.503075, -0.515126, 0.138831, 0.0436162, 0.22872],
  bias: 2.22492,
  threshold: 0.856767,
  fitted: {
    cases: 189,
    folds: 5,
    l2: 3,
    maxWrong: 0.03,
  },
};
