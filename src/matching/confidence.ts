/**
 * When the bot may answer unasked in a busy channel. A wrong answer costs more than none, so the policy
 * asks for three things at once: a score above a floor, a clear margin over the best different answer,
 * and evidence that the section documents the paste's failure (the same failure signature, or the
 * section quoting the paste's error nearly word for word). A pure function of the ranked candidates.
 */

/** What the matcher knows about one ranked candidate. */
export interface CandidateEvidence {
  /** 0..1 combined score, the one reported in `Match.score`. */
  readonly score: number;
  /** The raw ranking strength (unbounded); margins are measured on it as a ratio. */
  readonly strength: number;
  /** Parent section id for sub-parts, own id otherwise: a parent and its parts are the same answer. */
  readonly family: string;
  /** Specific failure signatures that both the paste and the section show. */
  readonly sharedSignatures: readonly string[];
  /** 0..1: how much of the paste's concepts (weighted by rarity) the section covers. */
  readonly conceptCoverage: number;
  /** 0..1: how much of what the section's title names (at least two concepts) the paste names too. */
  readonly titleCoverage: number;
  /** 0..1: the best fuzzy similarity of a pasted error line to the section's error strings or title. */
  readonly fuzzy: number;
}

/** What the matcher knows about the query. */
export interface QueryEvidence {
  /** Specific failure signatures recognised in the paste. */
  readonly signatures: readonly string[];
  /** True when the paste had lines that look like errors (a paste, not a typed question). */
  readonly hasErrorLines: boolean;
  /** How many distinct concepts the text names: a question naming one or two says too little to act on. */
  readonly concepts: number;
}

export interface ConfidenceSettings {
  /** Minimum score of the best candidate. */
  readonly floor: number;
  /** Minimum lead over the best candidate of another family, as a share of the best's strength. */
  readonly margin: number;
  /** The smaller lead enough when only the best shows evidence (a signature or a quote) and its rival none. */
  readonly evidenceMargin: number;
  /** Fuzzy similarity that counts as the section quoting the error. */
  readonly quote: number;
  /** Concept coverage that, with the score floor, lets a question without signatures through. */
  readonly coverage: number;
  /** Score that a question without signatures or quotes needs. */
  readonly questionFloor: number;
  /** Title coverage that lets a question through on the section's title (with `coverage` / 2). */
  readonly titleCoverage: number;
  /** Distinct concepts a question must name to be answered on concepts alone. */
  readonly questionConcepts: number;
}

export const DEFAULT_CONFIDENCE: ConfidenceSettings = {
  floor: 0.45,
  margin: 0.15,
  evidenceMargin: 0.05,
  quote: 0.72,
  coverage: 0.7,
  questionFloor: 0.6,
  titleCoverage: 0.8,
  questionConcepts: 3,
};

export interface ConfidenceDecision {
  readonly confident: boolean;
  /** One short phrase: why, for `--json` and logs. */
  readonly reason: string;
}

export type ConfidencePolicy = (ranked: readonly CandidateEvidence[], query: QueryEvidence) => ConfidenceDecision;

/** The default policy with the given settings. */
export function confidencePolicy(settings: ConfidenceSettings = DEFAULT_CONFIDENCE): ConfidencePolicy {
  return (ranked, query) => decideConfidence(ranked, query, settings);
}

export function decideConfidence(
  ranked: readonly CandidateEvidence[],
  query: QueryEvidence,
  settings: ConfidenceSettings = DEFAULT_CONFIDENCE,
): ConfidenceDecision {
  const top = ranked[0];
  if (!top) return { confident: false, reason: 'no candidate' };
  if (top.score < settings.floor) return { confident: false, reason: `score ${top.score.toFixed(2)} below floor` };
  const rival = ranked.find((c) => c.family !== top.family);
  const lead = rival && top.strength > 0 ? (top.strength - rival.strength) / top.strength : 1;
  const evidence = (c: CandidateEvidence) => c.sharedSignatures.length > 0 || c.fuzzy >= settings.quote;
  const needed = rival && evidence(top) && !evidence(rival) ? settings.evidenceMargin : settings.margin;
  if (lead < needed) {
    return { confident: false, reason: `lead ${(lead * 100).toFixed(0)}% over the next answer too small` };
  }
  const quoted = top.fuzzy >= settings.quote;
  if (query.signatures.length > 0) {
    if (top.sharedSignatures.length > 0) return { confident: true, reason: `signature ${top.sharedSignatures[0]}` };
    if (quoted) return { confident: true, reason: 'section quotes the error' };
    return { confident: false, reason: `section does not document ${query.signatures[0]}` };
  }
  if (quoted) return { confident: true, reason: 'section quotes the error' };
  if (top.sharedSignatures.length > 0) return { confident: true, reason: `signature ${top.sharedSignatures[0]}` };
  // Without a signature or a quote, only a text naming enough concepts may be answered on them: all of
  // what the title names (two concepts at least), or three and more that the section covers well.
  if (
    top.titleCoverage >= settings.titleCoverage &&
    top.conceptCoverage >= settings.coverage / 2 &&
    query.concepts >= 2
  ) {
    return { confident: true, reason: 'asks what the title names' };
  }
  if (query.concepts < settings.questionConcepts) {
    return { confident: false, reason: 'names too little to answer unasked' };
  }
  if (top.score >= settings.questionFloor && top.conceptCoverage >= settings.coverage) {
    return { confident: true, reason: 'strong match on concepts' };
  }
  return { confident: false, reason: 'no failure signature or quote to rely on' };
}
