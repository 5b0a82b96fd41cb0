/**
 * The English names of more than one word that the vocabulary gives its concepts ("time zone", "pull
 * secret", "node pool"). When a text uses one, its words are that concept, which has a term of its own: the
 * words should not count again at full weight, nor in another sense ("zone" of an availability zone).
 */
import type { Lexicon } from './lexicon.ts';
import { flatWords, tokenize } from './tokenize.ts';

export interface ConceptPhrase {
  /** The phrase as {@link flatWords} gives it, as a text using it is looked up. */
  readonly text: string;
  /** The phrase's index terms. */
  readonly terms: readonly string[];
}

/** Each concept's multi-word English names. */
export function conceptPhrases(lexicon: Pick<Lexicon, 'concepts'>): Map<string, ConceptPhrase[]> {
  const phrases = new Map<string, ConceptPhrase[]>();
  for (const c of lexicon.concepts) {
    const list = c.terms
      .filter((t) => /^[a-z0-9 .-]+$/i.test(t) && flatWords(t).includes(' '))
      .map((t) => ({ text: flatWords(t), terms: tokenize(t) }));
    if (list.length > 0) phrases.set(c.id, list);
  }
  return phrases;
}

/** The index terms of the phrases, of the concepts the lexicon found in a text, that the text spells out. */
export function phraseWordsUsed(
  text: string,
  concepts: Iterable<string>,
  phrases: ReadonlyMap<string, readonly ConceptPhrase[]>,
): Set<string> {
  const flat = ` ${flatWords(text)} `;
  const used = new Set<string>();
  for (const id of concepts) {
    for (const phrase of phrases.get(id) ?? []) {
      if (flat.includes(` ${phrase.text} `)) for (const t of phrase.terms) used.add(t);
    }
  }
  return used;
}
