/**
 * The labelled development set (../shared/eval/dev.jsonl) for benchmarks that replay it in this process,
 * judged as the eval judges it (scripts/labelled-cases.ts), and split in two halves by provenance.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { caseGroup, type EvalCase, isRightAnswer, readCases, seedNames } from '../scripts/labelled-cases.ts';
import type { Section } from '../src/knowledge/section.ts';

export type { EvalCase } from '../scripts/labelled-cases.ts';

export interface LabelledSet {
  readonly cases: readonly EvalCase[];
  /** True when `section` is an acceptable answer to `c`. */
  right(c: EvalCase, section: Pick<Section, 'source' | 'lines'>): boolean;
}

/** The set beside the project (`../shared/eval`), or undefined when it is not there. */
export function loadLabelledSet(root: string): LabelledSet | undefined {
  const file = join(root, '..', 'shared', 'eval', 'dev.jsonl');
  if (!existsSync(file)) return undefined;
  const seedName = seedNames(root, join(root, '..', 'shared', 'seeds'));
  return { cases: readCases(file), right: (c, section) => isRightAnswer(c, section, seedName) };
}

/**
 * Which half a case falls in, by its cross-validation group (its provenance: one issue thread, one page), so
 * that no source is on both sides; hand-written ("synthetic") cases are each their own group.
 */
export function halfOf(c: EvalCase): 'A' | 'B' {
  return createHash('sha256').update(caseGroup(c)).digest()[0]! % 2 === 0 ? 'A' : 'B';
}
