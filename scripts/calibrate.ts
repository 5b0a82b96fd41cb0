/**
 * Fits the confidence model on the labelled development set and writes it to
 * src/matching/confidence-model.ts.
 *
 *   npm run -s calibrate [-- --cases FILE] [--max-wrong 0.03] [--dry-run]
 *
 * The penalty is chosen by held-out log loss and the threshold on held-out predictions (folds grouped by
 * provenance: no source is in both the part fitted and the part checked), as the lowest probability at
 * which answers given unasked are wrong at most `--max-wrong` of the time, and no lower than the same
 * choice on the whole set with the shipped model. The model itself is then fitted on every case.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chooseThreshold, figuresAt, fitLogistic } from '../src/matching/calibration.ts';
import { CONFIDENCE_FEATURES, type ConfidenceModel, modelProbability } from '../src/matching/confidence.ts';
import { FOLDS, figuresLine, heldOut, perKind, reliabilityTable } from './calibration-report.ts';
import { labelCases, readCases } from './labelled-cases.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '../shared/eval/dev.jsonl' },
    seeds: { type: 'string', default: '../shared/seeds' },
    'max-wrong': { type: 'string', default: '0.03' },
    'dry-run': { type: 'boolean', default: false },
  },
});
const maxWrong = Number(values['max-wrong']);
const cases = readCases(values.cases);
const labelled = await labelCases(cases, { seedsDir: values.seeds });
const matched = labelled.filter((c) => c.matched);

const PENALTIES = [0.1, 0.3, 1, 3, 10, 30];
function logLoss(l2: number): number {
  const outcomes = heldOut(labelled, { l2 });
  let loss = 0;
  outcomes.forEach((o, i) => {
    if (!labelled[i]!.matched) return;
    const p = Math.min(Math.max(o.probability, 1e-6), 1 - 1e-6);
    loss -= o.right ? Math.log(p) : Math.log(1 - p);
  });
  return loss / matched.length;
}
const losses = PENALTIES.map((l2) => ({ l2, loss: logLoss(l2) }));
const { l2 } = losses.reduce((a, b) => (b.loss < a.loss ? b : a));
const outcomes = heldOut(labelled, { l2 });
const fit = fitLogistic(matched, CONFIDENCE_FEATURES, { l2 });
const round = (xs: readonly number[]) => xs.map((x) => Number(x.toPrecision(6)));
const rounded = {
  means: round(fit.means),
  scales: round(fit.scales),
  weights: round(fit.weights),
  bias: Number(fit.bias.toPrecision(6)),
};
// The threshold must hold on cases the model was not fitted on and, as shipped (with its rounded weights), on
// the whole set: the higher of the two.
const fitted = labelled.map((c) => ({
  answerable: c.answerable,
  right: c.right,
  probability: c.matched ? modelProbability(rounded, c.features) : 0,
}));
const threshold = Math.max(chooseThreshold(outcomes, maxWrong), chooseThreshold(fitted, maxWrong));
const model: ConfidenceModel = {
  ...fit,
  ...rounded,
  // Rounded down: the threshold is the probability of the last case it lets through, which must stay through.
  threshold: Math.floor(threshold * 1e6) / 1e6,
  fitted: { cases: labelled.length, folds: FOLDS, l2, maxWrong },
};

console.log(`cases ${labelled.length} (${matched.length} with a match), folds ${FOLDS} grouped by provenance`);
console.log(
  `penalty by held-out log loss: ${losses.map((l) => `${l.l2}→${l.loss.toFixed(4)}`).join(' ')}; chose ${l2}`,
);
console.log(
  `threshold ${model.threshold} (wrong when confident <= ${maxWrong} on held-out folds and on the whole set)`,
);
console.log(`whole set: ${figuresLine(figuresAt(fitted, threshold))}`);
console.log(`held-out: ${figuresLine(figuresAt(outcomes, threshold))}`);
console.log(perKind(labelled, outcomes, threshold));
console.log(reliabilityTable(outcomes));
console.log('weights (standardised):');
CONFIDENCE_FEATURES.forEach((f, i) => {
  console.log(`  ${f.padEnd(20)} ${model.weights[i]!.toFixed(3)}`);
});

if (!values['dry-run']) {
  const path = resolve('src/matching/confidence-model.ts');
  writeFileSync(
    path,
    `// Written by \`npm run calibrate\` (scripts/calibrate.ts): the confidence model fitted on the labelled\n// development set. Refit it after changing the matcher or the knowledge; do not edit by hand.\nimport type { ConfidenceModel } from './confidence.ts';\n\nexport const CONFIDENCE_MODEL: ConfidenceModel = ${JSON.stringify(model, null, 2)};\n`,
  );
  console.log(`wrote ${path}`);
}
