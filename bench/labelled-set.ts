/**
 * The labelled development set (../shared/eval/dev.jsonl) for benchmarks that replay it in this process,
 * judged as the eval's scorer (../shared/eval/score.mjs) judges the CLI's output: a match is right when its
 * file has the same bytes as the expected seed document and its line range holds the expected line.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Section } from '../src/knowledge/section.ts';

export interface EvalCase {
  readonly id: string;
  readonly kind: 'error' | 'question' | 'negative';
  readonly text: string;
  readonly expect: readonly { readonly source: string; readonly line: number }[];
  readonly provenance?: string;
}

export interface LabelledSet {
  readonly cases: readonly EvalCase[];
  /** True when `section` is an acceptable answer to `c`. */
  right(c: EvalCase, section: Pick<Section, 'source' | 'lines'>): boolean;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The set beside the project (`../shared/eval`), or undefined when it is not there. */
export function loadLabelledSet(root: string): LabelledSet | undefined {
  const shared = join(root, '..', 'shared');
  const file = join(shared, 'eval', 'dev.jsonl');
  const seeds = join(shared, 'seeds');
  if (!existsSync(file) || !existsSync(seeds)) return undefined;
  const cases = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalCase);
  const seedByHash = new Map(readdirSync(seeds).map((name) => [sha256(readFileSync(join(seeds, name))), name]));
  const seedOf = new Map<string, string | undefined>();
  const seedName = (source: string): string | undefined => {
    if (!seedOf.has(source)) {
      const path = join(root, source);
      seedOf.set(source, existsSync(path) ? seedByHash.get(sha256(readFileSync(path))) : undefined);
    }
    return seedOf.get(source);
  };
  return {
    cases,
    right: (c, section) =>
      c.expect.some(
        (e) => seedName(section.source) === e.source && section.lines[0] <= e.line && e.line <= section.lines[1],
      ),
  };
}

/**
 * Which half a case falls in, by its provenance (one issue thread, one page) so that no source is on both
 * sides; cases written by hand for the set ("synthetic", or none) share no source text and go by their id.
 */
export function halfOf(c: EvalCase): 'A' | 'B' {
  const p = c.provenance?.trim();
  const group = !p || p === 'synthetic' ? `case:${c.id}` : p;
  return createHash('sha256').update(group).digest()[0]! % 2 === 0 ? 'A' : 'B';
}
