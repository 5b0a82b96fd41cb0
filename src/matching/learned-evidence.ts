/**
 * Learned evidence: pastes the people of a channel confirmed a section answers ("This fixed it", or a
 * section chosen from the other matches) and pastes they said it does not ("Not it"). It is a field of its
 * own beside the index, never an edit of the documents: a small side index from terms to confirmed pairs,
 * changed in place as presses arrive (from this replica or, through the store, from another), so the
 * matcher reads new evidence on its next query without rebuilding anything.
 *
 * Its weight is bounded. A confirmed pair can lift its section's rank by at most LIFT (half again), and a
 * "not it" can lower it by at most DEMOTE (half), never hide it. Neither can move a section above one that
 * shows documented evidence it lacks: a quoted error string or a shared specific failure signature is never
 * overruled. So learning breaks near-ties and brings a right section up from among the first few; it does
 * not turn a weak candidate into the answer. Which pairs count (enough distinct people, not expired) is
 * decided where they are kept (src/learning/); this module sees only pairs that count.
 */
import { QUOTE } from './confidence.ts';
import type { PasteEvidence } from './paste-evidence.ts';

export type LearnedKind = 'confirm' | 'reject';

/** One pair that counts: this paste's evidence, that section, confirmed or rejected. */
export interface LearnedPair {
  readonly id: string;
  readonly section: string;
  readonly kind: LearnedKind;
  readonly evidence: PasteEvidence;
  /** When it stops counting unless confirmed again (ms since epoch). */
  readonly expiresAtMs: number;
  /** How many distinct people confirmed it (for reasons and review). */
  readonly people: number;
}

/** How much a pair says about one section for one paste. */
export interface LearnedHit {
  readonly section: string;
  readonly kind: LearnedKind;
  /** 0..1: how closely the paste reads like the pair's (1 for the same paste, names aside). */
  readonly similarity: number;
  readonly pair: LearnedPair;
}

/** The most a confirmed pair multiplies a section's rank by is 1 + LIFT. */
export const LIFT = 0.5;
/** The least a rejected pair multiplies it by is 1 - DEMOTE: demoted, never hidden. */
export const DEMOTE = 0.5;
/** Below this similarity a confirmed pair says nothing about a paste. */
export const CONFIRM_SIMILARITY = 0.5;
/** Below this similarity (and without a shared specific signature) a rejection says nothing. */
export const REJECT_SIMILARITY = 0.5;
/** A paste this close to a confirmed one is as good as the section quoting it, for the confidence policy. */
export const LEARNED_QUOTE = 0.8;
/** Weight of a term the documents never use (a product or tool name the paste brought). */
const UNKNOWN_TERM_WEIGHT = 2;
/** Weight of a shared failure signature, against terms' idf (about 1 to 6). */
const SIGNATURE_WEIGHT = 4;

/**
 * The side index. `specific(id)` says whether a signature is specific (the lexicon's `specific`); pairs
 * and pastes whose specific signatures are disjoint are about different failures.
 */
export class LearnedEvidence {
  /** Each pair with the keys it is compared on. */
  readonly #pairs = new Map<string, { readonly pair: LearnedPair; readonly keys: ReadonlySet<string> }>();
  /** Term (or `s:signature`) → ids of pairs holding it. */
  readonly #postings = new Map<string, Set<string>>();
  readonly #now: () => number;
  #version = 0;

  constructor(options: { readonly now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  /** Changes with every put, remove and replace: lets callers cache what they derive. */
  get version(): number {
    return this.#version;
  }

  get size(): number {
    return this.#pairs.size;
  }

  /** Every pair held, expired ones included (they are skipped when matching). */
  pairs(): LearnedPair[] {
    return [...this.#pairs.values()].map((p) => p.pair);
  }

  replace(pairs: Iterable<LearnedPair>): void {
    this.#pairs.clear();
    this.#postings.clear();
    for (const pair of pairs) this.#add(pair);
    this.#version++;
  }

  put(pair: LearnedPair): void {
    this.#drop(pair.id);
    this.#add(pair);
    this.#version++;
  }

  remove(id: string): void {
    if (this.#drop(id)) this.#version++;
  }

  /**
   * The pairs that say something about this paste, at most one per section and kind (the closest).
   * `weight` is how distinctive a term is (the index's idf; 0 for a term no document uses).
   */
  lookup(
    paste: PasteEvidence,
    weight: (term: string) => number,
    specific: (signature: string) => boolean,
  ): LearnedHit[] {
    if (this.#pairs.size === 0) return [];
    const keys = keysOf(paste);
    const candidates = new Set<string>();
    for (const key of keys) for (const id of this.#postings.get(key) ?? []) candidates.add(id);
    const nowMs = this.#now();
    const best = new Map<string, LearnedHit>();
    const w = (key: string) =>
      key.startsWith('s:') ? SIGNATURE_WEIGHT : Math.max(weight(key), 0) || UNKNOWN_TERM_WEIGHT;
    const pasteSpecific = paste.signatures.filter(specific);
    for (const id of candidates) {
      const held = this.#pairs.get(id);
      if (!held || held.pair.expiresAtMs <= nowMs) continue;
      const { pair } = held;
      const pairSpecific = pair.evidence.signatures.filter(specific);
      const sameFailure = pasteSpecific.some((s) => pairSpecific.includes(s));
      // Two different specific failures: the pair is about another problem, however many words they share.
      if (pasteSpecific.length > 0 && pairSpecific.length > 0 && !sameFailure) continue;
      const similarity = dice(keys, held.keys, w);
      const counts =
        pair.kind === 'confirm'
          ? similarity >= CONFIRM_SIMILARITY
          : similarity >= REJECT_SIMILARITY || (sameFailure && pairSpecific.length > 0);
      if (!counts) continue;
      // "Not it" for a paste with the same specific signature holds for every paste showing it.
      const strength = pair.kind === 'reject' && sameFailure ? 1 : similarity;
      const key = `${pair.kind}\u0000${pair.section}`;
      const known = best.get(key);
      if (!known || strength > known.similarity)
        best.set(key, { section: pair.section, kind: pair.kind, similarity: strength, pair });
    }
    return [...best.values()];
  }

  #add(pair: LearnedPair): void {
    const keys = keysOf(pair.evidence);
    this.#pairs.set(pair.id, { pair, keys });
    for (const key of keys) {
      const ids = this.#postings.get(key) ?? new Set<string>();
      ids.add(pair.id);
      this.#postings.set(key, ids);
    }
  }

  #drop(id: string): boolean {
    const held = this.#pairs.get(id);
    if (!held) return false;
    this.#pairs.delete(id);
    for (const key of held.keys) {
      const ids = this.#postings.get(key);
      ids?.delete(id);
      if (ids?.size === 0) this.#postings.delete(key);
    }
    return true;
  }
}

/** A ranked candidate as the matcher sees it, best first, before learned evidence. */
export interface RankedCandidate {
  readonly section: string;
  /** The matcher's ranking strength. */
  readonly rank: number;
  /** Fuzzy similarity of the paste's error lines to the section's documented error strings (1: quoted verbatim). */
  readonly fuzzy: number;
  /** Specific failure signatures both the paste and the section show. */
  readonly sharedSignatures: readonly string[];
}

export interface Reranked {
  /** The rank after learned evidence: within [rank × (1 - DEMOTE), rank × (1 + LIFT)], and lower where clamped. */
  readonly rank: number;
  /** 0..1: a confirmed pair this close, with no "not it" against it: counts as the section quoting the paste. */
  readonly learnedQuote: number;
  /** For `--json` and logs: "learned 0.93 (2 people)", "not it 1.00 (3 people)". */
  readonly reasons: readonly string[];
}

/**
 * The candidates' ranks with learned evidence applied, in the order given (the matcher's, best first).
 * A candidate never ends at or above an earlier one that shows documented evidence it lacks.
 */
export function rerank(candidates: readonly RankedCandidate[], hits: readonly LearnedHit[]): Reranked[] {
  const bySection = new Map<string, { confirm?: LearnedHit; reject?: LearnedHit }>();
  for (const hit of hits) {
    const entry = bySection.get(hit.section) ?? {};
    entry[hit.kind] = hit;
    bySection.set(hit.section, entry);
  }
  const out: Reranked[] = [];
  for (const [i, c] of candidates.entries()) {
    const { confirm, reject } = bySection.get(c.section) ?? {};
    const lift = confirm?.similarity ?? 0;
    const drop = reject?.similarity ?? 0;
    let rank = c.rank * (1 + LIFT * lift) * (1 - DEMOTE * drop);
    for (let j = 0; j < i; j++) {
      if (dominates(candidates[j]!, c) && rank >= out[j]!.rank) rank = out[j]!.rank * (1 - 1e-9);
    }
    const reasons: string[] = [];
    if (confirm) reasons.push(`learned ${lift.toFixed(2)} (${confirm.pair.people} people)`);
    if (reject) reasons.push(`not it ${drop.toFixed(2)} (${reject.pair.people} people)`);
    out.push({ rank, learnedQuote: !reject && lift >= LEARNED_QUOTE ? lift : 0, reasons });
  }
  return out;
}

/** `a` shows documented evidence that `b` lacks: a quote of the paste, or a shared specific signature. */
function dominates(a: RankedCandidate, b: RankedCandidate): boolean {
  if (a.fuzzy >= QUOTE && b.fuzzy < QUOTE) return true;
  return a.sharedSignatures.some((s) => !b.sharedSignatures.includes(s));
}

/** The keys a paste is compared on: its terms, concepts and signatures. */
function keysOf(e: PasteEvidence): Set<string> {
  const keys = new Set<string>(e.terms);
  for (const c of e.concepts) keys.add(`c:${c}`);
  for (const s of e.signatures) keys.add(`s:${s}`);
  return keys;
}

/** Weighted Dice overlap: 1 when both hold the same keys, whatever the weights. */
function dice(a: ReadonlySet<string>, b: ReadonlySet<string>, weight: (key: string) => number): number {
  let shared = 0;
  let total = 0;
  for (const k of a) {
    const w = weight(k);
    total += w;
    if (b.has(k)) shared += 2 * w;
  }
  for (const k of b) total += weight(k);
  return total > 0 ? shared / total : 0;
}
