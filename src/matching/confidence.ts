/**
 * When the bot may answer unasked in a busy channel. A wrong answer costs more than none, so the decision
 * is a probability that the best section is right, from a logistic model over what the matcher knows
 * (scores, the lead over the next different answer, the kinds of evidence, paste or question, language),
 * fitted on labelled pastes and questions (`npm run calibrate`), with a threshold chosen on held-out folds
 * so that few answers given unasked are wrong. A pure function of the ranked candidates.
 */

/** What the matcher knows about one ranked candidate. */
export interface CandidateEvidence {
  /** 0..1 combined score, the one reported in `Match.score`. */
  readonly score: number;
  /** The raw ranking strength (unbounded); margins are measured on it as a ratio. */
  readonly strength: number;
  /** The section's id. */
  readonly id: string;
  /**
   * Parent section id for sub-parts, own id otherwise. A parent and its parts are the same answer (the
   * parent's lines hold the part's); two parts of one parent are not.
   */
  readonly family: string;
  /**
   * A near copy of the best candidate in another document (the same section republished): the same answer.
   * Always false for the best candidate itself.
   */
  readonly copyOfBest?: boolean;
  /** The document the section belongs to (its source file). */
  readonly document?: string;

  /** Specific failure signatures that both the paste and the section show. */
  readonly sharedSignatures: readonly string[];
  /** Those of {@link sharedSignatures} that the section's documented error strings show (it quotes the message). */
  readonly quotedSignatures?: readonly string[];
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
  /**
   * The same concepts weighted by rarity, in ordinary concepts (one of the corpus's median rarity counts 1):
   * three that every other section names say less than two rare ones. Absent: not measured.
   */
  readonly conceptWeight?: number;
  /** 0..1: the share of the text's letters that are Hangul. */
  readonly hangul?: number;
}

/** A fitted logistic model over {@link confidenceFeatures}, and the threshold for answering unasked. */
export interface ConfidenceModel {
  /** Feature names, in the order of {@link CONFIDENCE_FEATURES}; a model for other features is refused. */
  readonly features: readonly string[];
  /** Standardisation: each feature minus its mean, divided by its scale, before the weights apply. */
  readonly means: readonly number[];
  readonly scales: readonly number[];
  readonly weights: readonly number[];
  readonly bias: number;
  /** Answer unasked at this probability or above. */
  readonly threshold: number;
  /** What it was fitted on and how it was checked, for the record. */
  readonly fitted?: Readonly<Record<string, unknown>>;
}

export interface ConfidenceDecision {
  readonly confident: boolean;
  /** 0..1: the calibrated probability that the best section is right. */
  readonly probability: number;
  /** One short phrase: why, for `--json` and logs. */
  readonly reason: string;
}

export type ConfidencePolicy = (ranked: readonly CandidateEvidence[], query: QueryEvidence) => ConfidenceDecision;

/** Fuzzy similarity that counts as the section quoting the error. */
export const QUOTE = 0.72;

export const CONFIDENCE_FEATURES = [
  'evidence-rule',
  'score',
  'log-lead',
  'signatures-unshown',
  'question',
  'hangul',
  'covered-weight',
] as const;

const hasEvidence = (c: CandidateEvidence) => c.sharedSignatures.length > 0 || c.fuzzy >= QUOTE;

/** The best candidate and another are one answer: a section and its parent or its own part, or its copy. */
function sameAnswer(top: CandidateEvidence, other: CandidateEvidence): boolean {
  return top.id === other.id || top.family === other.id || other.family === top.id || other.copyOfBest === true;
}

/**
 * Another section that shows exactly the failures the best one shares with the paste documents the same
 * failure: an alternative answer, not a rival. In another document that is enough (one failure in the
 * cluster guide and in the registry guide); in the same document both must quote the failure's message in
 * their documented errors (two sections that each name a symptom in passing are different answers).
 */
function sameFailure(top: CandidateEvidence, other: CandidateEvidence): boolean {
  if (top.sharedSignatures.length === 0 || top.document === undefined) return false;
  if (other.sharedSignatures.length !== top.sharedSignatures.length) return false;
  if (!top.sharedSignatures.every((s) => other.sharedSignatures.includes(s))) return false;
  if (other.document !== top.document) return true;
  const quotes = (c: CandidateEvidence) => top.sharedSignatures.every((s) => c.quotedSignatures?.includes(s));
  return quotes(top) && quotes(other);
}

/** The lead of the best candidate over the best different answer, as a share of its strength. */
function leadOverRival(ranked: readonly CandidateEvidence[]): { lead: number; rival?: CandidateEvidence } {
  const top = ranked[0];
  if (!top) return { lead: 0 };
  const rival = ranked.find((c) => !sameAnswer(top, c) && !sameFailure(top, c));
  const lead = rival && top.strength > 0 ? (top.strength - rival.strength) / top.strength : 1;
  return { lead, ...(rival ? { rival } : {}) };
}

/**
 * The evidence a careful person would ask for before answering unasked, as one yes or no: a clear lead over
 * the best different answer (a smaller one when only the best shows evidence), and then the paste's failure
 * signature shown by the section or its error quoted; for a text without a signature or quote, a question
 * that names what the section's title names, or enough concepts that the section covers well. The model
 * weighs it with the rest; on its own it was the bot's earlier rule.
 */
export function evidenceRule(ranked: readonly CandidateEvidence[], query: QueryEvidence): boolean {
  const top = ranked[0];
  if (!top || top.score < 0.45) return false;
  const { lead, rival } = leadOverRival(ranked);
  const needed = rival && hasEvidence(top) && !hasEvidence(rival) ? 0.05 : 0.15;
  if (lead < needed) return false;
  const quoted = top.fuzzy >= QUOTE;
  if (query.signatures.length > 0) return top.sharedSignatures.length > 0 || quoted;
  if (quoted || top.sharedSignatures.length > 0) return true;
  if (top.titleCoverage >= 0.8 && top.conceptCoverage >= 0.35 && query.concepts >= 2) return true;
  // Concepts alone: at least three, worth at least two ordinary ones, and covered well.
  const coveredWeight = (query.conceptWeight ?? Number.POSITIVE_INFINITY) * top.conceptCoverage;
  return query.concepts >= 3 && coveredWeight >= 2 && top.score >= 0.6 && top.conceptCoverage >= 0.7;
}

/**
 * A typed question that names fewer than three concepts, quotes no error and shows no failure signature,
 * and does not name what the best section's title names, says too little to act on ("my pod keeps
 * restarting", "cluster is slow"): whichever section ranks first, answering it unasked would be a guess.
 * The labelled questions are specific, so the model alone does not learn this.
 */
export function tooVague(top: CandidateEvidence, query: QueryEvidence): boolean {
  return !query.hasErrorLines && query.concepts < 3 && !hasEvidence(top) && top.titleCoverage < 0.8;
}

/** The model's inputs, in the order of {@link CONFIDENCE_FEATURES}. */
export function confidenceFeatures(ranked: readonly CandidateEvidence[], query: QueryEvidence): number[] {
  const top = ranked[0];
  if (!top) return CONFIDENCE_FEATURES.map(() => 0);
  const { lead } = leadOverRival(ranked);
  const shown = Math.min(top.sharedSignatures.length, query.signatures.length);
  return [
    evidenceRule(ranked, query) ? 1 : 0,
    top.score,
    // A lead of a few percent is a toss-up whatever else is known; the log spreads the small ones apart.
    Math.log10(Math.max(lead, 0) + 0.01),
    // The share of the paste's own failures that the section does not document.
    query.signatures.length > 0 ? 1 - shown / query.signatures.length : 0,
    query.hasErrorLines ? 0 : 1,
    query.hangul ?? 0,
    // What a typed question asks, in ordinary concepts, that the section covers: a question naming rare
    // things the section is about says more than one naming common ones. A paste's concepts come with its
    // error lines, which the other features weigh.
    query.hasErrorLines ? 0 : Math.log1p((query.conceptWeight ?? 0) * top.conceptCoverage),
  ];
}

/** The logistic function, in a form that does not overflow for large |z|. */
export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** The model's probability for one feature vector. */
export function modelProbability(
  model: Pick<ConfidenceModel, 'means' | 'scales' | 'weights' | 'bias'>,
  x: readonly number[],
): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++) {
    z += model.weights[i]! * (((x[i] ?? 0) - model.means[i]!) / model.scales[i]!);
  }
  return sigmoid(z);
}

/** The strongest piece of evidence the best candidate shows, to say why in logs and `--json`. */
function evidencePhrase(top: CandidateEvidence, query: QueryEvidence, lead: number): string {
  if (top.sharedSignatures.length > 0) return `signature ${top.sharedSignatures[0]}`;
  if (top.fuzzy >= QUOTE) return 'section quotes the error';
  if (query.signatures.length > 0) return `section does not document ${query.signatures[0]}`;
  if (lead < 0.05) return 'another answer is as likely';
  return `concepts ${(top.conceptCoverage * 100).toFixed(0)}%`;
}

/** Checks that a model was fitted for these features; a mismatch is a build error, not a silent default. */
export function checkModel(model: ConfidenceModel): ConfidenceModel {
  const expected = CONFIDENCE_FEATURES.join(',');
  if (model.features.join(',') !== expected || model.weights.length !== CONFIDENCE_FEATURES.length) {
    throw new Error(`confidence model is for features ${model.features.join(',')}, expected ${expected}`);
  }
  return model;
}

/** The calibrated policy for a fitted model. */
export function calibratedPolicy(model: ConfidenceModel): ConfidencePolicy {
  const m = checkModel(model);
  return (ranked, query) => {
    const top = ranked[0];
    if (!top) return { confident: false, probability: 0, reason: 'no candidate' };
    const probability = modelProbability(m, confidenceFeatures(ranked, query));
    const vague = tooVague(top, query);
    const confident = probability >= m.threshold && !vague;
    const why = vague ? 'the question names too little' : evidencePhrase(top, query, leadOverRival(ranked).lead);
    return {
      confident,
      probability,
      reason: `p ${probability.toFixed(2)} ${confident ? '>=' : '<'} ${m.threshold.toFixed(2)}, ${why}`,
    };
  };
}
