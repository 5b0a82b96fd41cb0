/**
 * Near copies: two sections in different documents whose words are nearly the same (one vendor page
 * republished inside another, a runbook pasted from a guide). They are one documented answer, not rivals:
 * the confidence of the best section is not lowered by its own copy. Measured on each section's own
 * distinct terms (Jaccard), only for the few candidates of one query, so the build keeps one sorted array of
 * term ids per section and nothing pairwise.
 */
import type { TermBag } from './bm25-index.ts';

/** Share of shared distinct terms at which two sections are copies of each other. */
export const COPY_JACCARD = 0.6;
/** Sections shorter than this (distinct terms) are too small to call copies: short FAQ answers look alike. */
export const COPY_MIN_TERMS = 30;

/** The distinct term ids of a section's fields, sorted. */
export function distinctTerms(bags: readonly TermBag[]): Int32Array {
  let n = 0;
  for (const bag of bags) n += bag.entries.length >> 1;
  const ids = new Int32Array(n);
  let k = 0;
  for (const bag of bags) for (let i = 0; i < bag.entries.length; i += 2) ids[k++] = bag.entries[i]!;
  ids.sort();
  let w = 0;
  for (let i = 0; i < ids.length; i++) if (i === 0 || ids[i] !== ids[i - 1]) ids[w++] = ids[i]!;
  return ids.slice(0, w);
}

/** Jaccard similarity of two sorted id sets. */
export function jaccard(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  const union = a.length + b.length - shared;
  return union > 0 ? shared / union : 0;
}

/** Whether two sections' term sets make them copies of each other. */
export function isNearCopy(a: Int32Array, b: Int32Array): boolean {
  return a.length >= COPY_MIN_TERMS && b.length >= COPY_MIN_TERMS && jaccard(a, b) >= COPY_JACCARD;
}
