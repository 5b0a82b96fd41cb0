/**
 * What a paste can teach: its failure signatures, its distinctive terms and its error lines, with the
 * variable parts masked by the normaliser (names, ids, IPs) and secrets redacted before anything is taken
 * from it. The matcher computes it for every paste (MatchResult.evidence), the bot keeps it with the answer,
 * and a confirmation stores it as learned evidence (learned-evidence.ts); both sides of a comparison come
 * from this one function, so a later paste of the same failure reads the same way.
 */
import { REDACTED, redactSecrets } from '../redact.ts';
import type { ExtractedQuery } from './normalize-query.ts';
import { normalizeVariables } from './normalize-query.ts';
import { PLACEHOLDER_TERMS, tokenize } from './tokenize.ts';

export interface PasteEvidence {
  /** Failure signature ids the lexicon found in the paste, specific or not. */
  readonly signatures: readonly string[];
  /** Concept ids the paste names (through the lexicon). */
  readonly concepts: readonly string[];
  /** Index terms of the error lines, most distinctive first. */
  readonly terms: readonly string[];
  /** The error lines (or a question's first lines), masked and redacted: what an exported runbook quotes. */
  readonly lines: readonly string[];
}

/** Bounds on what one paste leaves behind. */
const MAX_LINES = 8;
const MAX_LINE_CHARS = 300;
const MAX_TERMS = 40;
const MAX_CONCEPTS = 16;

/**
 * Terms that can be kept: words of letters (a name has been masked, a generated token has digits), the
 * 3–5 digit numbers the tokenizer keeps (ports, status codes) and Korean words.
 */
const KEEPABLE = /^(?:[a-z]{2,24}|\d{3,5}|[\p{Script=Hangul}]{1,12})$/u;

export interface EvidenceInput {
  readonly extracted: ExtractedQuery;
  readonly signatures: Iterable<string>;
  readonly concepts: Iterable<string>;
  /** How distinctive a term is (the index's idf); terms are kept most distinctive first. */
  readonly weight: (term: string) => number;
}

export function pasteEvidence(input: EvidenceInput): PasteEvidence {
  const { extracted } = input;
  const raw =
    extracted.rawErrorLines.length > 0 ? extracted.rawErrorLines : extracted.text.split('\n').filter((l) => l.trim());
  const lines: string[] = [];
  for (const line of raw) {
    // Redacted before normalising: the redactor knows secrets by the shapes they are pasted in.
    const clean = normalizeVariables(redactSecrets(line.slice(0, 2_000)))
      .replace(/\s+/g, ' ')
      .trim();
    if (clean && !lines.includes(clean)) lines.push(clean.slice(0, MAX_LINE_CHARS));
    if (lines.length >= MAX_LINES) break;
  }
  const seen = new Set<string>();
  for (const line of lines) {
    for (const t of tokenize(line.replaceAll(REDACTED, ' ')))
      if (KEEPABLE.test(t) && !PLACEHOLDER_TERMS.has(t)) seen.add(t);
  }
  const terms = [...seen]
    .map((t) => ({ t, w: input.weight(t) }))
    .sort((a, b) => b.w - a.w || (a.t < b.t ? -1 : 1))
    .slice(0, MAX_TERMS)
    .map(({ t }) => t);
  return {
    signatures: [...new Set(input.signatures)].sort(),
    concepts: [...new Set(input.concepts)].sort().slice(0, MAX_CONCEPTS),
    terms,
    lines,
  };
}
