import type { Section } from '../../src/knowledge/section.ts';
import type { Match, Matcher, MatchOptions, MatchResult } from '../../src/matching/matcher.ts';

/**
 * A Matcher port double for routing tests: each section lists keywords; the score is the share of a
 * section's keywords found in the text, and a result is confident when the best score reaches `floor`.
 * The real matcher is exercised by the adapter tests.
 */
export class KeywordMatcher implements Matcher {
  readonly #entries: readonly { section: Section; keywords: readonly string[] }[];
  readonly #floor: number;

  constructor(entries: readonly { section: Section; keywords: readonly string[] }[], options: { floor?: number } = {}) {
    this.#entries = entries;
    this.#floor = options.floor ?? 0.99;
  }

  match(text: string, options: MatchOptions = {}): MatchResult {
    const lower = text.toLowerCase();
    const matches: Match[] = this.#entries
      .map(({ section, keywords }) => ({
        section,
        score: keywords.filter((k) => lower.includes(k.toLowerCase())).length / keywords.length,
      }))
      .filter((m) => m.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, options.top ?? 5);
    const best = matches[0]?.score ?? 0;
    return { matches, confident: best >= this.#floor, probability: best, query: text };
  }
}

/** A section with sensible defaults; tests override what they assert on. */
export function section(overrides: Partial<Section> & Pick<Section, 'id' | 'title'>): Section {
  return {
    source: 'knowledge/test/doc.md',
    lines: [1, 10],
    documentTitle: 'Test document',
    language: 'ko',
    symptoms: '',
    causes: 'A cause.',
    steps: [{ text: 'Do the thing.', commands: ['kubectl get pods'] }],
    errors: [],
    links: [],
    tags: [],
    text: 'text',
    ...overrides,
  };
}
