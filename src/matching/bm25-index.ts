/**
 * A field-weighted BM25 (BM25F) inverted index over pre-tokenised documents. Each document is a set of
 * fields (title, errors, prose…) with a weight and a length normalisation each; a term's frequency is the
 * weighted sum over fields, saturated once. Query cost is the length of the query terms' postings, not the
 * size of the corpus.
 */

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

interface Postings {
  readonly term: string;
  docs: number[];
  tfs: number[];
}

export class Bm25Index {
  readonly size: number;
  private readonly k1: number;
  private readonly postings = new Map<string, { docs: Int32Array; tfs: Float32Array; idf: number }>();
  private readonly acc: Float64Array;

  constructor(
    fields: readonly FieldSpec[],
    docs: readonly (readonly (readonly string[])[])[],
    options: Bm25Options = {},
  ) {
    this.k1 = options.k1 ?? 1.2;
    this.size = docs.length;
    this.acc = new Float64Array(docs.length);
    const avg = fields.map((_, f) => {
      let total = 0;
      for (const d of docs) total += d[f]?.length ?? 0;
      return Math.max(1, total / Math.max(1, docs.length));
    });
    // Terms are numbered on first sight so that a document's frequencies live in flat arrays: per occurrence
    // one map lookup instead of a get and a set, and no per-term objects. Sums run in the same order.
    const ids = new Map<string, number>();
    const building: Postings[] = [];
    let tf = new Float64Array(1024);
    let seen = new Int32Array(1024).fill(-1);
    const touched: number[] = [];
    docs.forEach((doc, i) => {
      touched.length = 0;
      fields.forEach((field, f) => {
        const terms = doc[f] ?? [];
        if (terms.length === 0) return;
        const norm = field.weight / (1 - field.b + (field.b * terms.length) / (avg[f] ?? 1));
        for (const t of terms) {
          let id = ids.get(t);
          if (id === undefined) {
            id = building.length;
            ids.set(t, id);
            building.push({ term: t, docs: [], tfs: [] });
            if (id >= tf.length) {
              const grownTf = new Float64Array(tf.length * 2);
              grownTf.set(tf);
              tf = grownTf;
              const grownSeen = new Int32Array(seen.length * 2).fill(-1);
              grownSeen.set(seen);
              seen = grownSeen;
            }
          }
          if (seen[id] !== i) {
            seen[id] = i;
            tf[id] = 0;
            touched.push(id);
          }
          tf[id]! += norm;
        }
      });
      for (const id of touched) {
        const p = building[id]!;
        p.docs.push(i);
        p.tfs.push(tf[id]!);
      }
    });
    const n = docs.length;
    for (const p of building) {
      const df = p.docs.length;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      this.postings.set(p.term, { docs: Int32Array.from(p.docs), tfs: Float32Array.from(p.tfs), idf });
    }
  }

  /** Inverse document frequency of a term (0 when unknown). */
  idf(term: string): number {
    return this.postings.get(term)?.idf ?? 0;
  }

  /** Number of documents holding the term. */
  df(term: string): number {
    return this.postings.get(term)?.docs.length ?? 0;
  }

  /** The best `limit` documents for weighted query terms, best first. */
  search(query: ReadonlyMap<string, number>, limit: number): ScoredDoc[] {
    const acc = this.acc;
    const touched: number[] = [];
    const k1 = this.k1;
    for (const [term, weight] of query) {
      const p = this.postings.get(term);
      if (!p || weight <= 0) continue;
      const w = weight * p.idf;
      const { docs, tfs } = p;
      for (let j = 0; j < docs.length; j++) {
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
      if (best.length === limit && score <= best[limit - 1]!.score) continue;
      let i = best.length < limit ? best.length : limit - 1;
      while (i > 0 && (best[i - 1]!.score < score || (best[i - 1]!.score === score && best[i - 1]!.doc > d))) {
        if (i < limit) best[i] = best[i - 1]!;
        i--;
      }
      best[i] = { doc: d, score };
    }
    return best;
  }

  /** The score one document gets for the query (for explanations and tests). */
  scoreOf(query: ReadonlyMap<string, number>, doc: number): number {
    const k1 = this.k1;
    let s = 0;
    for (const [term, weight] of query) {
      const p = this.postings.get(term);
      if (!p) continue;
      const j = p.docs.indexOf(doc);
      if (j < 0) continue;
      const t = p.tfs[j]!;
      s += (weight * p.idf * t * (k1 + 1)) / (t + k1);
    }
    return s;
  }
}
