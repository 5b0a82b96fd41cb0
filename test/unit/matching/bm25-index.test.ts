import { describe, expect, it } from 'vitest';
import { Bm25Index, TermIds, termBag } from '../../../src/matching/bm25-index.ts';

describe('Bm25Index', () => {
  const fields = [{ name: 'text', weight: 1, b: 0 }];
  const index = (texts: readonly string[][]) => {
    const vocabulary = new TermIds();
    const docs = texts.map((terms) => [termBag(terms.map((t) => vocabulary.id(t)))]);
    return new Bm25Index(fields, vocabulary, docs);
  };

  it('ranks by score and gives ties to the lower document, whatever order the query meets them in', () => {
    // Docs 1 and 3 hold a, 0 and 2 hold b: every doc scores the same, and the query meets doc 1 first.
    const bm25 = index([['b'], ['a'], ['b'], ['a']]);
    const query = new Map([
      ['a', 1],
      ['b', 1],
    ]);
    expect(bm25.search(query, 1).map((h) => h.doc)).toEqual([0]);
    expect(bm25.search(query, 3).map((h) => h.doc)).toEqual([0, 1, 2]);
  });

  it('puts the document with more of the query first', () => {
    const bm25 = index([['a'], ['a', 'b'], ['c']]);
    const hits = bm25.search(
      new Map([
        ['a', 1],
        ['b', 1],
      ]),
      5,
    );
    expect(hits.map((h) => h.doc)).toEqual([1, 0]);
  });
});
