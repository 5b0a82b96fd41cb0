/**
 * `npm run eval`: the answer-quality figures on the labelled development set.
 *
 *   npm run -s eval [-- --show-misses] [--min-kfold-confident X] [--max-kfold-wrong X] [--min-question-confident X]
 *
 * First the scorer's own figures (../shared/eval/score.mjs, through the CLI's jsonl contract, with the gate
 * flags from package.json), then what was fitted on the same set judged on cases it was not fitted on: the
 * confidence model refitted in folds grouped by provenance, each fold's cases predicted by the model of the
 * others, at the shipped threshold. The reliability table compares predicted and observed right per
 * probability band, held out. Then the scorer's figures on each `--other` file (test/eval/other-sources.jsonl,
 * near-misses.jsonl, holdout.jsonl, fresh.jsonl): cases from sources the development set never used, which
 * nothing is fitted on.
 * Exit code 1 when the scorer's gate, a k-fold gate or the typed-question gate (the share of typed questions
 * answered right and unasked, full set) fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { figuresAt, type Outcome } from '../src/matching/calibration.ts';
import { CONFIDENCE_MODEL } from '../src/matching/confidence-model.ts';
import { FOLDS, figuresLine, heldOut, perKind, reliabilityTable } from './calibration-report.ts';
import { labelCases, OTHER_SETS, readCases } from './labelled-cases.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '../shared/eval/dev.jsonl' },
    seeds: { type: 'string', default: '../shared/seeds' },
    'min-top1': { type: 'string' },
    'min-confident': { type: 'string' },
    'max-wrong': { type: 'string' },
    'min-kfold-confident': { type: 'string' },
    'max-kfold-wrong': { type: 'string' },
    'min-question-confident': { type: 'string' },
    'show-misses': { type: 'boolean', default: false },
    other: {
      type: 'string',
      default: OTHER_SETS.join(','),
    },
  },
});

const scorerArgs = ['../shared/eval/score.mjs', '--cases', values.cases];
for (const flag of ['min-top1', 'min-confident', 'max-wrong'] as const) {
  if (values[flag] !== undefined) scorerArgs.push(`--${flag}`, values[flag]);
}
if (values['show-misses']) scorerArgs.push('--show-misses');
const scored = spawnSync(process.execPath, scorerArgs, { stdio: 'inherit' });
let ok = scored.status === 0;

const labelled = await labelCases(readCases(values.cases), { seedsDir: values.seeds });
const threshold = CONFIDENCE_MODEL.threshold;
const l2 = Number(CONFIDENCE_MODEL.fitted?.['l2'] ?? 1);
const full: Outcome[] = labelled;
const held = heldOut(labelled, { l2 });
const kfold = figuresAt(held, threshold);

console.log(`\nconfidence model: threshold ${threshold}, fitted on ${CONFIDENCE_MODEL.fitted?.['cases'] ?? '?'} cases`);
console.log(`  full set   ${figuresLine(figuresAt(full, threshold))}`);
console.log(
  `  ${FOLDS}-fold     ${figuresLine(kfold)}   (grouped by provenance; each case predicted by a model fitted without its group)`,
);
console.log('per kind, full set:');
console.log(perKind(labelled, full, threshold));
console.log(`per kind, ${FOLDS}-fold:`);
console.log(perKind(labelled, held, threshold));
console.log(`reliability, ${FOLDS}-fold held out:`);
console.log(reliabilityTable(held));

// Cases from sources the development set never used, labelled the same way, fitted on by nothing: how the
// matcher and the model do on pastes nobody tuned for. Reported, not gated.
for (const file of (values.other ?? '').split(',').filter((f) => f && existsSync(f))) {
  console.log(`\n${file} (not used to fit anything):`);
  const other = spawnSync(process.execPath, ['../shared/eval/score.mjs', '--cases', file], { encoding: 'utf8' });
  process.stdout.write(other.stdout.split('\n').slice(1).join('\n'));
}

const minConfident = values['min-kfold-confident'];
const maxWrong = values['max-kfold-wrong'];
if (minConfident !== undefined && kfold.confidentRight < Number(minConfident)) ok = false;
if (maxWrong !== undefined && kfold.wrongWhenConfident > Number(maxWrong)) ok = false;
const minQuestions = values['min-question-confident'];
const questions = labelled.filter((c) => c.case.kind === 'question');
const questionsRight = questions.filter((c) => c.answerable && c.right && c.confident).length;
if (minQuestions !== undefined && questions.length > 0 && questionsRight / questions.length < Number(minQuestions)) {
  console.log(`\ntyped questions right and confident: ${questionsRight}/${questions.length}, below ${minQuestions}`);
  ok = false;
}
process.exit(ok ? 0 : 1);
