/**
 * The labelled development set (../shared/eval/dev.jsonl) run through the matcher in this process, as the
 * eval's scorer judges it: a match is right when its file has the same bytes as the expected seed document
 * (or is the knowledge file the case names by path) and its line range holds the expected line. For each case, the confidence features of its best match,
 * whether that match is right, and the group it belongs to for cross-validation.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LabelledFeatures, Outcome } from '../src/matching/calibration.ts';
import {
  type ConfidenceModel,
  type ConfidencePolicy,
  calibratedPolicy,
  confidenceFeatures,
} from '../src/matching/confidence.ts';
import { CONFIDENCE_MODEL } from '../src/matching/confidence-model.ts';
import { loadMatcher } from '../src/matching/load-matcher.ts';

export interface EvalCase {
  readonly id: string;
  readonly kind: 'error' | 'question' | 'negative';
  readonly text: string;
  readonly expect: readonly { readonly source: string; readonly line: number }[];
  readonly provenance?: string;
}

export interface LabelledCase extends LabelledFeatures, Outcome {
  readonly case: EvalCase;
  /** The model's decision, for the full-set figures. */
  readonly confident: boolean;
  /** False when nothing matched at all: such a case is never answered and takes no part in fitting. */
  readonly matched: boolean;
}

/** The labelled sets from sources the development set never used (test/eval/README.md), in report order. */
export const OTHER_SETS = [
  'test/eval/other-sources.jsonl',
  'test/eval/near-misses.jsonl',
  'test/eval/more-sources.jsonl',
  'test/eval/newest-sources.jsonl',
  'test/eval/holdout.jsonl',
  'test/eval/fresh.jsonl',
] as const;

export function readCases(file: string): EvalCase[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalCase);
}

/**
 * The cross-validation group of a case: its provenance (one issue thread, one page), so that no source is on
 * both sides of a fold. Cases written by hand for the set ("synthetic") share no source text: each is its own.
 */
export function caseGroup(c: EvalCase): string {
  const p = c.provenance?.trim();
  return !p || p === 'synthetic' ? `case:${c.id}` : p;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The seed document a knowledge file holds the bytes of (by name in `seedsDir`), memoised per file. */
export function seedNames(root: string, seedsDir: string): (source: string) => string | undefined {
  const seedByHash = new Map<string, string>();
  // A team's own cases may name knowledge files by path and have no seed documents.
  const seeds = existsSync(seedsDir) ? readdirSync(seedsDir) : [];
  for (const name of seeds) seedByHash.set(sha256(readFileSync(join(seedsDir, name))), name);
  const seedOf = new Map<string, string | undefined>();
  return (source) => {
    if (!seedOf.has(source)) seedOf.set(source, seedByHash.get(sha256(readFileSync(join(root, source)))));
    return seedOf.get(source);
  };
}

/** Whether a section is an acceptable answer to a case, as the eval's scorer judges it. */
export function isRightAnswer(
  c: EvalCase,
  section: { readonly source: string; readonly lines: readonly [number, number] },
  seedName: (source: string) => string | undefined,
): boolean {
  return c.expect.some(
    (e) =>
      // A case names a seed document by its name, or a knowledge file by its path.
      (seedName(section.source) === e.source || section.source.endsWith(e.source)) &&
      section.lines[0] <= e.line &&
      e.line <= section.lines[1],
  );
}

/** Runs every case through the matcher over `knowledgeDir` and labels its best match. */
export async function labelCases(
  cases: readonly EvalCase[],
  options: {
    readonly root?: string;
    readonly seedsDir: string;
    readonly knowledgeDir?: string;
    /** The model whose decisions are reported (default: the shipped one). */
    readonly model?: ConfidenceModel;
  },
): Promise<LabelledCase[]> {
  const root = resolve(options.root ?? '.');
  const seedName = seedNames(root, options.seedsDir);
  let features: number[] = [];
  let decision = { confident: false, probability: 0 };
  // The shipped policy decides; a wrapper records what it was given, so the features are the matcher's own.
  const recording =
    (inner: ConfidencePolicy): ConfidencePolicy =>
    (ranked, query) => {
      features = confidenceFeatures(ranked, query);
      const d = inner(ranked, query);
      decision = d;
      return d;
    };
  const loaded = await loadMatcher(options.knowledgeDir ?? 'knowledge', {
    root,
    policy: recording(calibratedPolicy(options.model ?? CONFIDENCE_MODEL)),
  });
  return cases.map((c) => {
    features = [];
    decision = { confident: false, probability: 0 };
    const result = loaded.matcher.match(c.text, { top: 5 });
    const best = result.matches[0];
    const right = best !== undefined && isRightAnswer(c, best.section, seedName);
    return {
      case: c,
      features: features.length
        ? features
        : confidenceFeatures([], { signatures: [], hasErrorLines: false, concepts: 0 }),
      right,
      answerable: c.expect.length > 0,
      group: caseGroup(c),
      probability: result.matches.length ? decision.probability : 0,
      confident: result.confident,
      matched: best !== undefined,
    };
  });
}
