/**
 * Korean–English term pairs learned from the corpus itself: a section and its aligned translation are a
 * parallel text, so a Korean term and an English term that keep appearing in the same aligned sections,
 * and rarely apart, name the same thing (`재시작` ↔ `restart`, `시크릿` ↔ `secret`). A question in one
 * language then also asks in the other, which reaches the sections that exist in one language only
 * (runbooks, documents without a translation, sections a translation lacks).
 *
 * Association is the Dice coefficient over aligned sections, 2·both / (sections with a + sections with b),
 * kept only for terms seen together in at least `minShared` sections and not in most of them (words every
 * section shares pair with everything).
 */

export interface ParallelText {
  /** The section's own text (in the document's language). */
  readonly source: string;
  /** The aligned translation's text. */
  readonly target: string;
}

export interface TermPair {
  readonly term: string;
  /** 0..1 Dice association. */
  readonly strength: number;
}

export interface TermPairOptions {
  /** Sections two terms must share. */
  readonly minShared?: number;
  /** Weakest association kept. */
  readonly minStrength?: number;
  /** Terms in more than this share of sections are too common to pair. */
  readonly maxShare?: number;
  /** Partners kept per term, strongest first. */
  readonly perTerm?: number;
  /** Terms of each side of a section that take part, the rarest first. */
  readonly perSection?: number;
  /** Aligned sections learned from at most, spread evenly over the corpus: more add little but cost. */
  readonly maxTexts?: number;
}

const LATIN = /\p{Script=Latin}/u;

/** Room for term ids in one pair key (a · SPAN + b stays an exact double). */
const SPAN = 2 ** 24;

/**
 * Term pairs in both directions: each term of either side to its strongest partners on the other. `terms`
 * gives the distinct terms of a text; the same terms are numbered once for the whole build.
 */
export function learnTermPairs(
  texts: readonly ParallelText[],
  terms: (text: string) => Iterable<string>,
  options: TermPairOptions = {},
): Map<string, TermPair[]> {
  const minShared = options.minShared ?? 2;
  const minStrength = options.minStrength ?? 0.5;
  const maxShare = options.maxShare ?? 0.25;
  const perTerm = options.perTerm ?? 2;
  const perSection = options.perSection ?? 80;
  const maxTexts = options.maxTexts ?? 2_000;
  const step = Math.max(1, texts.length / maxTexts);
  const sample: ParallelText[] = [];
  for (let k = 0; k < Math.min(texts.length, maxTexts); k++) sample.push(texts[Math.floor(k * step)]!);
  const ids = new Map<string, number>();
  const names: string[] = [];
  const idOf = (t: string) => {
    let id = ids.get(t);
    if (id === undefined) {
      id = names.length;
      ids.set(t, id);
      names.push(t);
    }
    return id;
  };
  const sides = sample.map((t) => {
    const a = new Set<number>();
    for (const term of terms(t.source)) a.add(idOf(term));
    const b = new Set<number>();
    // A term found on both sides (a command, an error code) needs no partner: it meets itself.
    for (const term of terms(t.target)) {
      const id = idOf(term);
      if (!a.delete(id)) b.add(id);
    }
    return { a, b };
  });
  if (names.length >= SPAN) return new Map();
  const dfA = new Int32Array(names.length);
  const dfB = new Int32Array(names.length);
  for (const { a, b } of sides) {
    for (const t of a) dfA[t]!++;
    for (const t of b) dfB[t]!++;
  }
  const limit = Math.max(minShared, maxShare * sides.length);
  // Each section pairs only its most distinctive terms on either side (rarest first): the pairs worth
  // having are among them, and the work per section stays bounded however long the sections are.
  const distinctive = (side: Set<number>, df: Int32Array): number[] => {
    const kept: number[] = [];
    for (const t of side) if (df[t]! >= minShared && df[t]! <= limit) kept.push(t);
    kept.sort((x, y) => df[x]! - df[y]! || x - y);
    if (kept.length > perSection) kept.length = perSection;
    return kept;
  };
  const both = new Map<number, number>();
  for (const { a, b } of sides) {
    const right = distinctive(b, dfB);
    if (right.length === 0) continue;
    for (const ta of distinctive(a, dfA)) {
      for (const tb of right) {
        const key = ta * SPAN + tb;
        both.set(key, (both.get(key) ?? 0) + 1);
      }
    }
  }
  const pairs = new Map<string, TermPair[]>();
  const add = (from: string, to: string, strength: number) => {
    const list = pairs.get(from);
    if (list) list.push({ term: to, strength });
    else pairs.set(from, [{ term: to, strength }]);
  };
  for (const [key, shared] of both) {
    if (shared < minShared) continue;
    const ta = Math.floor(key / SPAN);
    const tb = key - ta * SPAN;
    const strength = (2 * shared) / (dfA[ta]! + dfB[tb]!);
    if (strength < minStrength) continue;
    // A translation crosses scripts: two English words paired are an English word the Korean text left
    // as it was meeting whatever its translation says near it (`time` ↔ `sidebar`), not a translation.
    if (LATIN.test(names[ta]!) === LATIN.test(names[tb]!)) continue;
    add(names[ta]!, names[tb]!, strength);
    add(names[tb]!, names[ta]!, strength);
  }
  for (const list of pairs.values()) {
    list.sort((x, y) => y.strength - x.strength || (x.term < y.term ? -1 : 1));
    if (list.length > perTerm) list.length = perTerm;
  }
  return pairs;
}
