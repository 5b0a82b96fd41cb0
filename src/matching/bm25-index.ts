/**
 * A field-weighted BM25 (BM25F) inverted index over pre-tokenised documents. Each document is a set of
 * fields (title, errors, prose…) with a weight and a length normalisation each; a term's frequency is the
 * weighted sum over fields, saturated once. Query cost is the length of the query terms' postings, not the
 * size of the corpus.
 */

import { grow, int32s } from './grow-array.ts';

export interface FieldSpec {
  readonly name: string;
  /** How much one occurrence in this field counts. */
  readonly weight: number;
  /** Length normalisation, 0 (none) .. 1 (full). */
  readonly b: number;
}

export interface ScoredDoc {
  readonly doc: number;
  readonly score: number;
}

export interface Bm25Options {
  readonly k1?: number;
}

/** Terms numbered densely on first sight, so that documents can be handed over as arrays of numbers. */
export class TermIds {
  readonly ids = new Map<string, number>();
  readonly terms: string[] = [];

  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(term, id);
      this.terms.push(term);
    }
    return id;
  }
}

/**
 * A field's terms as ids: each distinct one once, in the order first met, with how often it occurs. What
 * BM25 reads of a field is which terms and how often; a field read once as a bag costs each document that
 * holds it (fields repeat across documents) its distinct terms only.
 */
export interface TermBag {
  /** (id, count) pairs. */
  readonly entries: Int32Array;
  /** How many terms the field holds, repeats included. */
  readonly length: number;
}

/** Room for many bags: each is a view of a chunk, not an array (and a buffer) of its own. */
const CHUNK = 1 << 18;

/** Counts term ids into bags, its scratch space reused from one bag to the next. */
export class TermCounter {
  private counts = new Int32Array(1 << 10);
  private readonly order: number[] = [];
  private length = 0;
  private chunk = new Int32Array(0);
  private used = 0;

  add(id: number): void {
    this.counts = grow(this.counts, id + 1, int32s);
    if (this.counts[id]!++ === 0) this.order.push(id);
    this.length++;
  }

  /** The bag of the ids added since the last call. */
  take(): TermBag {
    const { order } = this;
    const size = order.length * 2;
    if (this.used + size > this.chunk.length) {
      this.chunk = new Int32Array(Math.max(CHUNK, size));
      this.used = 0;
    }
    const entries = this.chunk.subarray(this.used, this.used + size);
    this.used += size;
    for (let i = 0; i < order.length; i++) {
      const id = order[i]!;
      entries[2 * i] = id;
      entries[2 * i + 1] = this.counts[id]!;
      this.counts[id] = 0;
    }
    const bag = { entries, length: this.length };
    order.length = 0;
    this.length = 0;
    return bag;
  }
}

/** The bag of a list of term ids. */
export function termBag(ids: ArrayLike<number>): TermBag {
  const counter = new TermCounter();
  for (let i = 0; i < ids.length; i++) counter.add(ids[i]!);
  return counter.take();
}

export class Bm25Index {
  readonly size: number;
  private readonly k1: number;
  private readonly ids: ReadonlyMap<string, number>;
  /** Postings of term `id` are `docs`/`tfs` from `start[id]` to `start[id + 1]`, documents ascending. */
  private readonly start: Int32Array;
  private readonly docs: Int32Array;
  private readonly tfs: Float32Array;
  private readonly idfs: Float64Array;
  private readonly acc: Float64Array;

  /**
   * `docs[i][f]` holds the terms of field `f` of document `i` as ids from `vocabulary` (absent: none), in one
   * bag or several (a field's text in two languages) that count as one. The vocabulary is kept (not copied):
   * add no terms to it afterwards.
   */
  constructor(
    fields: readonly FieldSpec[],
    vocabulary: TermIds,
    docs: readonly (readonly (TermBag | readonly TermBag[] | undefined)[])[],
    options: Bm25Options = {},
  ) {
    this.k1 = options.k1 ?? 1.2;
    this.size = docs.length;
    this.ids = vocabulary.ids;
    this.acc = new Float64Array(docs.length);
    const lengthOf = (field: TermBag | readonly TermBag[] | undefined): number => {
      if (!field) return 0;
      if (!Array.isArray(field)) return (field as TermBag).length;
      let n = 0;
      for (const bag of field as readonly TermBag[]) n += bag.length;
      return n;
    };
    const avg = fields.map((_, f) => {
      let total = 0;
      for (const doc of docs) total += lengthOf(doc[f]);
      return Math.max(1, total / Math.max(1, docs.length));
    });
    // One pass collects each document's (term, weighted frequency) pairs in flat arrays and counts document
    // frequencies; a second lays the postings out term by term. A term's frequency in a document sums its
    // fields in field order, one weighted occurrence at a time (so the same sum, to the last bit, whether a
    // field's occurrences of a term are added together or among others').
    const termCount = vocabulary.terms.length;
    const df = new Int32Array(termCount + 1);
    const tf = new Float64Array(termCount);
    const seen = new Int32Array(termCount).fill(-1);
    let pairTerms = new Int32Array(1 << 16);
    // Frequencies are kept as the postings keep them (single precision) from the start: half the memory.
    let pairTfs = new Float32Array(1 << 16);
    const docEnd = new Int32Array(docs.length);
    let pairs = 0;
    const touched: number[] = [];
    const add = (entries: Int32Array, norm: number, i: number): void => {
      for (let j = 0; j < entries.length; j += 2) {
        const id = entries[j]!;
        if (seen[id] !== i) {
          seen[id] = i;
          tf[id] = 0;
          touched.push(id);
        }
        let t = tf[id]!;
        for (let k = entries[j + 1]!; k > 0; k--) t += norm;
        tf[id] = t;
      }
    };
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i]!;
      touched.length = 0;
      for (let f = 0; f < fields.length; f++) {
        const value = doc[f];
        const length = lengthOf(value);
        if (!value || length === 0) continue;
        const field = fields[f]!;
        const norm = field.weight / (1 - field.b + (field.b * length) / (avg[f] ?? 1));
        if (Array.isArray(value)) for (const bag of value as readonly TermBag[]) add(bag.entries, norm, i);
        else add((value as TermBag).entries, norm, i);
      }
      pairTerms = grow(pairTerms, pairs + touched.length, int32s);
      pairTfs = grow(pairTfs, pairs + touched.length, (n) => new Float32Array(n));
      for (const id of touched) {
        pairTerms[pairs] = id;
        pairTfs[pairs] = tf[id]!;
        pairs++;
        df[id + 1]!++;
      }
      docEnd[i] = pairs;
    }
    const start = df; // prefix sums turn counts into offsets
    for (let t = 0; t < termCount; t++) start[t + 1]! += start[t]!;
    this.start = start;
    this.docs = new Int32Array(pairs);
    this.tfs = new Float32Array(pairs);
    const fill = start.slice(0, termCount);
    for (let i = 0, p = 0; i < docs.length; i++) {
      for (const end = docEnd[i]!; p < end; p++) {
        const at = fill[pairTerms[p]!]!++;
        this.docs[at] = i;
        this.tfs[at] = pairTfs[p]!;
      }
    }
    const n = docs.length;
    this.idfs = new Float64Array(termCount);
    for (let t = 0; t < termCount; t++) {
      const d = start[t + 1]! - start[t]!;
      // A term no document holds is unknown to the index.
      this.idfs[t] = d === 0 ? 0 : Math.log(1 + (n - d + 0.5) / (d + 0.5));
    }
  }

  /** Inverse document frequency of a term (0 when unknown). */
  idf(term: string): number {
    const id = this.ids.get(term);
    return id === undefined ? 0 : this.idfs[id]!;
  }

  /** The score `search` would give one document (0 when it holds none of the terms). */
  score(query: ReadonlyMap<string, number>, doc: number): number {
    let score = 0;
    for (const [term, weight] of query) {
      const id = this.ids.get(term);
      if (id === undefined || weight <= 0) continue;
      // Postings are sorted by document: a binary search finds this one's.
      let lo = this.start[id]!;
      let hi = this.start[id + 1]! - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const d = this.docs[mid]!;
        if (d === doc) {
          const t = this.tfs[mid]!;
          score += (weight * this.idfs[id]! * t * (this.k1 + 1)) / (t + this.k1);
          break;
        }
        if (d < doc) lo = mid + 1;
        else hi = mid - 1;
      }
    }
    return score;
  }

  /** The best `limit` documents for weighted query terms, best first. */
  search(query: ReadonlyMap<string, number>, limit: number): ScoredDoc[] {
    const acc = this.acc;
    const touched: number[] = [];
    const k1 = this.k1;
    const { docs, tfs } = this;
    for (const [term, weight] of query) {
      const id = this.ids.get(term);
      if (id === undefined || weight <= 0) continue;
      const w = weight * this.idfs[id]!;
      for (let j = this.start[id]!, end = this.start[id + 1]!; j < end; j++) {
        const d = docs[j]!;
        const t = tfs[j]!;
        if (acc[d] === 0) touched.push(d);
        acc[d]! += (w * t * (k1 + 1)) / (t + k1);
      }
    }
    // Keep the best `limit` in a small sorted buffer: touched documents can be most of a large corpus.
    const best: ScoredDoc[] = [];
    for (const d of touched) {
      const score = acc[d]!;
      acc[d] = 0;
      // Full and no better than the last kept (ties go to the lower doc, as in a sort by score then doc).
      const last = best[limit - 1];
      if (last && (score < last.score || (score === last.score && d > last.doc))) continue;
      let i = best.length < limit ? best.length : limit - 1;
      while (i > 0 && (best[i - 1]!.score < score || (best[i - 1]!.score === score && best[i - 1]!.doc > d))) {
        if (i < limit) best[i] = best[i - 1]!;
        i--;
      }
      best[i] = { doc: d, score };
    }
    return best;
  }
}
