/**
 * Composition of knowledge and matcher: load the sections and the lexicon once, build the index once.
 * The CLI, the chat adapters and `/diagnose` all get their Matcher from here.
 */
import { join, resolve } from 'node:path';
import { FileKnowledgeSource } from '../knowledge/file-knowledge-source.ts';
import type { KnowledgeBase, KnowledgeSource } from '../knowledge/section.ts';
import type { ConfidencePolicy } from './confidence.ts';
import { createMatcher, type IndexMatcher } from './index-matcher.ts';
import type { LearnedEvidence } from './learned-evidence.ts';
import { type Lexicon, lexiconProblems, loadLexicon } from './lexicon.ts';

export interface LoadedMatcher {
  readonly matcher: IndexMatcher;
  readonly knowledge: KnowledgeBase;
  readonly lexicon: Lexicon;
  /** Lexicon entries that name unknown concepts; the matcher still works without them. */
  readonly problems: readonly string[];
}

export interface LoadMatcherOptions {
  /** Where the vocabulary and signature files are; default `<knowledgeDir>/lexicon`. */
  readonly lexiconDir?: string;
  readonly policy?: ConfidencePolicy;
  readonly signal?: AbortSignal;
  /** What the channel taught (src/learning/): the same one across reloads, so teaching survives them. */
  readonly learned?: LearnedEvidence;
}

/** Builds a matcher over any knowledge source and the lexicon in `lexiconDir`. */
export async function matcherFromSource(
  source: KnowledgeSource,
  lexiconDir: string,
  options: Omit<LoadMatcherOptions, 'lexiconDir'> = {},
): Promise<LoadedMatcher> {
  const [knowledge, lexicon] = await Promise.all([source.load(options.signal), loadLexicon(lexiconDir)]);
  const matcher = createMatcher(knowledge.sections, {
    lexicon,
    ...(options.policy ? { policy: options.policy } : {}),
    ...(options.learned ? { learned: options.learned } : {}),
  });
  return { matcher, knowledge, lexicon, problems: lexiconProblems(lexicon) };
}

export function defaultLexiconDir(knowledgeDir: string): string {
  return join(knowledgeDir, 'lexicon');
}

/**
 * The matcher over a knowledge directory: its documents and runbooks (FileKnowledgeSource) and its
 * `lexicon/` folder. `knowledgeDir` is relative to `root` (default: the working directory, the project root).
 */
export async function loadMatcher(
  knowledgeDir = 'knowledge',
  options: LoadMatcherOptions & { readonly root?: string } = {},
): Promise<LoadedMatcher> {
  const root = options.root ?? process.cwd();
  const dir = resolve(root, knowledgeDir);
  const source = new FileKnowledgeSource({ root, dir });
  return matcherFromSource(source, options.lexiconDir ?? defaultLexiconDir(dir), options);
}
