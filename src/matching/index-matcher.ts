/**
 * The matcher: a field-weighted BM25 index over normalised terms, concept ids and failure-signature ids (so
 * an English paste meets Korean prose through the lexicon), followed by fuse.js fuzzy similarity between
 * the paste's error lines and the error strings and titles of the few best candidates only, so the cost of
 * a query does not grow with the corpus. A section's documented error strings weigh more than its prose.
 */
import Fuse from 'fuse.js';
import type { Section } from '../knowledge/section.ts';
import { compileSignature, isRegexSignature } from '../knowledge/signatures.ts';
import { Bm25Index, type FieldSpec, type TermBag } from './bm25-index.ts';
import { conceptPhrases, phraseWordsUsed } from './concept-phrases.ts';
import { type CandidateEvidence, type ConfidencePolicy, calibratedPolicy, type QueryEvidence } from './confidence.ts';
import { CONFIDENCE_MODEL } from './confidence-model.ts';
import { CONCEPT, fieldTerms, SIGNATURE } from './field-terms.ts';
import { type LearnedEvidence, rerank } from './learned-evidence.ts';
import { type Annotation, type CompiledLexicon, compileLexicon, type Lexicon } from './lexicon.ts';
import type { Match, Matcher, MatchOptions, MatchResult } from './matcher.ts';
import { distinctTerms, isNearCopy } from './near-copies.ts';
import { extractQuery, missingPrograms, normalizeVariables, reportingShells } from './normalize-query.ts';
import { pasteEvidence } from './paste-evidence.ts';
import { misplacedQuotes } from './quoted-wordings.ts';
import { learnTermPairs, type TermPair } from './term-pairs.ts';
import { flatWords, PLACEHOLDER_TERMS, stems, stemsOf, tokenize } from './tokenize.ts';

export interface MatcherOptions {
  /** The vocabulary and signatures; without it the matcher is plain BM25 + fuzzy. */
  readonly lexicon?: Lexicon | CompiledLexicon;
  readonly policy?: ConfidencePolicy;
  /** How many BM25 candidates go on to fuzzy scoring. */
  readonly candidates?: number;
  /** What the channel taught (learned-evidence.ts): read on every query, so changes apply at once. */
  readonly learned?: LearnedEvidence;
}

/** A Matcher that also says what it indexed and explains itself. */
export interface IndexMatcher extends Matcher {
  readonly sections: readonly Section[];
}

/**
 * A section's translations count in the same fields as its own text: an English title is a title. (Fields of
 * their own, weighted alike, ranked worse on the development set: a section's two languages then compete
 * for length normalisation with every other section's, not with each other.)
 */
const FIELDS: readonly FieldSpec[] = [
  { name: 'title', weight: 3.0, b: 0.3 },
  { name: 'errors', weight: 2.2, b: 0.5 },
  { name: 'symptoms', weight: 1.4, b: 0.5 },
  { name: 'causes', weight: 1.0, b: 0.5 },
  { name: 'steps', weight: 0.5, b: 0.6 },
  { name: 'body', weight: 0.6, b: 0.75 },
];
/** Fields whose text is messages as components print them (title and error strings), in any language. */
const MESSAGE_FIELDS = 2;
/** The field of a section's documented error strings. */
const ERRORS_FIELD = 1;
const CONCEPTS_ONLY = { signatures: false } as const;

/** Longest part of a field that is tokenised: enough for any section, bounded for generated corpora. */
const FIELD_CHARS = 12_000;
const FUSE_LINES = 3;
const FUSE_LINE_CHARS = 48;
const FUSE_CANDIDATES = 5;
const FUSE_ITEMS_PER_LINE = 8;
const FUSE_ITEM_CHARS = 240;
/** Weight of a term added from the other language, times its association (0..1). */
const PAIR_WEIGHT = 0.4;
const NO_PAIRS: readonly TermPair[] = [];
/** Weight of a query word that is part of a vocabulary phrase the query uses (the phrase is its concept). */
const PHRASE_WORD_WEIGHT = 0.5;
/**
 * A typed question's concepts count this much more than a paste's: a question says in its own words what it
 * asks, and its words meet the documents' less often than a pasted message meets the message they quote.
 */
const QUESTION_CONCEPT_WEIGHT = 1.25;
/** Weight left to the name of the shell that reports a missing program (`-bash: vi: command not found`). */
const REPORTING_SHELL_WEIGHT = 0.3;
/** The concept of signatures whose message names a missing program (executable file not found, command not found). */
const PROGRAM_CONCEPT = 'command-not-found';

interface Quote {
  readonly text: string;
  readonly terms: readonly string[];
}

/** `fn` memoised per argument (for one index build). */
function memo<T>(fn: (text: string) => T): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    if (known.has(text)) return known.get(text) as T;
    const value = fn(text);
    known.set(text, value);
    return value;
  };
}

/**
 * The rarity of an ordinary concept in this corpus: the median idf of the lexicon's concepts that some section
 * names (1 when none does), so that concept evidence is weighed in the same units whatever the corpus's size.
 */
function medianConceptIdf(lexicon: CompiledLexicon | undefined, index: Bm25Index): number {
  const idfs = (lexicon?.lexicon.concepts ?? [])
    .map((c) => index.idf(CONCEPT + c.id))
    .filter((x) => x > 0)
    .sort((a, b) => a - b);
  return idfs[Math.floor(idfs.length / 2)] ?? 1;
}

interface Prepared {
  readonly section: Section;
  readonly family: string;
  readonly signatures: ReadonlySet<string>;
  /** The signatures the section's documented error strings show (not only its prose or title). */
  readonly quoted: ReadonlySet<string>;
  readonly concepts: ReadonlySet<string>;
  /** Concepts the title names, per language: what the section is about, for typed questions. */
  readonly titleConcepts: readonly ReadonlySet<string>[];
  /** Normalised error strings and the title, for fuzzy similarity. */
  readonly quotes: readonly Quote[];
  /** Documented error strings long enough that finding one verbatim in a paste identifies the failure. */
  readonly verbatim: readonly string[];
  /** Runbook signatures written as `/regular expressions/`. */
  readonly patterns: readonly RegExp[];
  /** The distinct term ids of the section's own text, sorted: to recognise its near copies in other documents. */
  readonly terms: Int32Array;
}

function isCompiled(l: Lexicon | CompiledLexicon): l is CompiledLexicon {
  return typeof (l as CompiledLexicon).annotate === 'function';
}

function stepsText(section: Pick<Section, 'steps'>): string {
  return section.steps.map((s) => `${s.text}\n${s.commands.join('\n')}`).join('\n');
}

/** Nested quantifiers and back-references can take exponential time on a hostile paste: such a pattern is
 * used for its words only. */
export function unsafePattern(source: string): boolean {
  return (
    /\((?:[^()\\]|\\.)*(?:[+*]|\{\d*,\d*\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d*,?\d*\})/.test(source) ||
    /\\[1-9]/.test(source)
  );
}

/** The literal words of a `/regular expression/` signature, for the index. */
function patternWords(signature: string): string {
  return signature
    .replace(/\\[a-zA-Z]/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/[()|?*+{}^$\\/.]/g, ' ');
}

function errorTexts(section: Pick<Section, 'errors'>): string[] {
  return section.errors.map((e) => (isRegexSignature(e) ? patternWords(e) : e));
}

/** The field texts of a section, or of one of its translations, in `FIELDS` order. */
function rawFieldTexts(t: Pick<Section, 'title' | 'errors' | 'symptoms' | 'causes' | 'steps' | 'text'>): string[] {
  return [t.title, errorTexts(t).join('\n\n'), t.symptoms, t.causes, stepsText(t), t.text].map((text) =>
    text.length > FIELD_CHARS ? text.slice(0, FIELD_CHARS) : text,
  );
}

/** The lines of `text` that are not in `known`, as one text. */
function newLines(text: string, known: ReadonlySet<string>): string {
  return text
    .split('\n')
    .filter((l) => !known.has(l.trim()))
    .join('\n');
}

/**
 * What the matcher keeps of each section, and the index over their fields. The build's memos live only as long
 * as this call.
 */
function indexSections(
  sections: readonly Section[],
  lexicon: CompiledLexicon | undefined,
): { prepared: Prepared[]; index: Bm25Index } {
  const prepared: Prepared[] = [];
  const docs: (TermBag | TermBag[])[][] = [];
  const analysis = fieldTerms(lexicon);
  const misplaced = lexicon ? misplacedQuotes(lexicon) : undefined;
  // Error strings and titles repeat across sections (a part and its parent, generated corpora): each distinct
  // one is normalised, collapsed and tokenised once.
  const normalized = memo(normalizeVariables);
  const verbatimOf = memo((error: string) => {
    const e = flatWords(normalized(error));
    return e.length >= 24 && e.split(' ').length >= 4 && e.length <= 400 ? e : undefined;
  });
  const quoteOf = memo((raw: string): Quote | undefined => {
    const text = normalized(raw).replace(/\s+/g, ' ').trim().slice(0, FUSE_ITEM_CHARS);
    return text.length >= 8 ? { text, terms: [...new Set(analysis.tokenize(text))] } : undefined;
  });
  for (const section of sections) {
    const signatures = new Set<string>();
    const quoted = new Set<string>();
    const concepts = new Set<string>();
    const titleConcepts: Set<string>[] = [];
    const translations = section.translations ?? [];
    const ownTexts = rawFieldTexts(section);
    // Lines a translation shares with the section (commands, quoted messages, sample output) are the same
    // text, not a second language: counted once.
    const ownLines = new Set(translations.length ? ownTexts.flatMap((t) => t.split('\n').map((l) => l.trim())) : []);
    const translatedTexts = translations.map((t) => rawFieldTexts(t).map((text) => newLines(text, ownLines)));
    /** The field bags of one language's texts; what the lexicon finds joins the section's. */
    const read = (texts: readonly string[], translated: boolean, without?: ReadonlySet<string>): TermBag[] => {
      const title = new Set<string>();
      titleConcepts.push(title);
      return texts.map((raw, f) => {
        // In a translation's prose a signature's wording can be an ordinary sentence; its messages are quoted.
        const { terms, found } = analysis.field(
          raw,
          translated && f >= MESSAGE_FIELDS ? CONCEPTS_ONLY : without ? { without } : undefined,
        );
        if (found) {
          for (const s of found.signatures) signatures.add(s);
          if (f === ERRORS_FIELD) for (const s of found.signatures) quoted.add(s);
          for (const c of found.concepts) concepts.add(c);
          if (f === 0) for (const c of found.named) title.add(c);
        }
        return terms;
      });
    };
    const readAll = (without?: ReadonlySet<string>) => {
      const own = read(ownTexts, false, without);
      const translated = translatedTexts.map((texts) => read(texts, true, without));
      return {
        own,
        bags: translated.length === 0 ? own : own.map((bag, f) => [bag, ...translated.map((bags) => bags[f]!)]),
      };
    };
    let { own, bags } = readAll();
    // Translations' messages count as quoted wherever they are; their prose, as it was read, does not.
    let probedTexts: string[] | undefined;
    const probed = () =>
      (probedTexts ??= [...ownTexts, ...translations.flatMap((t) => rawFieldTexts(t).slice(0, MESSAGE_FIELDS))]);
    const wrongPlace = misplaced?.(signatures, section, probed) ?? [];
    if (wrongPlace.length > 0) {
      // Rare: read again without them, so that neither the ranking nor the evidence counts them.
      for (const set of [signatures, quoted, concepts]) set.clear();
      titleConcepts.length = 0;
      ({ own, bags } = readAll(new Set(wrongPlace)));
    }
    docs.push(bags);
    const plainErrors = [...new Set([...section.errors, ...translations.flatMap((t) => t.errors)])].filter(
      (e) => !isRegexSignature(e),
    );
    const patterns = section.errors
      .filter((e) => isRegexSignature(e) && !unsafePattern(e))
      .map(compileSignature)
      .filter((r): r is RegExp => r !== undefined)
      .map((r) => new RegExp(r.source, r.flags.replace(/[gy]/g, '')));
    const verbatim = plainErrors.map(verbatimOf).filter((e) => e !== undefined);
    const quotes = [...new Set([...plainErrors, section.title, ...translations.map((t) => t.title)])]
      .map(quoteOf)
      .filter((q) => q !== undefined);
    prepared.push({
      section,
      family: section.parentId ?? section.id,
      signatures,
      quoted,
      concepts,
      titleConcepts,
      quotes,
      verbatim,
      patterns,
      terms: distinctTerms(own),
    });
  }
  return { prepared, index: new Bm25Index(FIELDS, analysis.vocabulary, docs) };
}

/** Builds the index over sections. Cost is linear in the corpus; queries are independent of its size. */
export function createMatcher(sections: readonly Section[], options: MatcherOptions = {}): IndexMatcher {
  const lexicon = options.lexicon
    ? isCompiled(options.lexicon)
      ? options.lexicon
      : compileLexicon(options.lexicon)
    : undefined;
  const policy = options.policy ?? calibratedPolicy(CONFIDENCE_MODEL);
  const candidateCount = options.candidates ?? 12;
  const specific = (id: string) => lexicon?.signature(id)?.specific !== false;

  const { prepared, index } = indexSections(sections, lexicon);
  const termPairs = learnTermPairs(
    sections.flatMap((s) =>
      (s.translations ?? []).filter((t) => t.language !== s.language).map((t) => ({ source: s.text, target: t.text })),
    ),
    stemsOf(),
  );
  const docOf = new Map(sections.map((s, doc) => [s.id, doc]));
  const phrases = conceptPhrases(lexicon?.lexicon ?? { concepts: [] });
  const idf = (term: string) => index.idf(term);
  const ordinaryConcept = medianConceptIdf(lexicon, index);
  const learned = options.learned;

  function queryTerms(errorText: string, fullText: string, rawText: string, hasErrors: boolean, programs: string[]) {
    const weights = new Map<string, number>();
    const add = (t: string, w: number) => {
      const scaled = PLACEHOLDER_TERMS.has(t) ? w * 0.3 : w;
      weights.set(t, Math.min((weights.get(t) ?? 0) + scaled, scaled * 2.5));
    };
    const main = hasErrors ? errorText : fullText;
    for (const t of tokenize(main)) add(t, 1);
    // The same words in the other language, as the aligned sections use them: weaker than what was written.
    if (termPairs.size > 0) {
      for (const t of stems(main)) {
        for (const pair of termPairs.get(t) ?? NO_PAIRS) {
          if (!weights.has(pair.term)) weights.set(pair.term, PAIR_WEIGHT * pair.strength);
        }
      }
    }
    if (hasErrors) for (const t of tokenize(fullText)) if (!weights.has(t)) add(t, 0.3);
    // A missing program's name counts twice: the rest of its message is the same for every program.
    for (const name of programs) {
      for (const t of tokenize(name)) if (weights.has(t)) add(t, 1);
    }
    // The shell that reported it is not what is missing.
    for (const shell of hasErrors ? reportingShells(rawText) : []) {
      if (programs.includes(shell)) continue;
      for (const t of tokenize(shell)) {
        const w = weights.get(t);
        if (w !== undefined) weights.set(t, w * REPORTING_SHELL_WEIGHT);
      }
    }
    let annotation: Annotation | undefined;
    if (lexicon) {
      annotation = lexicon.annotate(rawText);
      // The words of a vocabulary phrase the text uses are that concept (concept-phrases.ts).
      for (const t of phraseWordsUsed(main, annotation.concepts.keys(), phrases)) {
        const weight = weights.get(t);
        if (weight !== undefined) weights.set(t, weight * PHRASE_WORD_WEIGHT);
      }
      const conceptScale = hasErrors ? 1 : QUESTION_CONCEPT_WEIGHT;
      for (const [id, n] of annotation.concepts)
        weights.set(CONCEPT + id, Math.min(1 + 0.3 * (n - 1), 2) * conceptScale);
      for (const id of annotation.signatures) {
        weights.set(SIGNATURE + id, specific(id) ? 3 : 1.5);
        for (const c of lexicon.signature(id)?.concepts ?? []) {
          weights.set(CONCEPT + c, (weights.get(CONCEPT + c) ?? 0) + 0.8);
        }
      }
    }
    return { weights, annotation };
  }

  /** The share of a quote's informative terms (weighted by rarity) that the paste holds. */
  function heldShare(terms: readonly string[], pasteTerms: ReadonlySet<string>): number {
    let all = 0;
    let held = 0;
    for (const t of terms) {
      if (PLACEHOLDER_TERMS.has(t)) continue;
      const w = index.idf(t);
      all += w;
      if (pasteTerms.has(t)) held += w;
    }
    return all > 0 ? Math.min(1, held / all / 0.9) : 1;
  }

  /**
   * Fuzzy similarity of each candidate's quotes to the paste's most informative lines. `settled` sections
   * already quote the paste verbatim (similarity 1 whatever Fuse says), so their quotes are chosen as
   * before but not compared. Sections share quotes (a part and its parent, one error string in two
   * documents): a Fuse score depends only on the line and the quote, so each distinct quote is compared once.
   */
  function fuzzyScores(
    lines: readonly string[],
    candidates: readonly number[],
    settled: ReadonlySet<number>,
    pasteTerms: ReadonlySet<string>,
  ): Map<number, number> {
    const best = new Map<number, number>();
    for (const line of lines) {
      // Only quotes that share at least two informative terms with the line are worth a fuzzy comparison.
      const terms = new Set(tokenize(line).filter((t) => !PLACEHOLDER_TERMS.has(t)));
      const items: { doc: number; text: string; shared: number; terms: readonly string[] }[] = [];
      for (const d of candidates.slice(0, FUSE_CANDIDATES)) {
        for (const q of prepared[d]!.quotes) {
          let shared = 0;
          for (const t of q.terms) if (terms.has(t)) shared++;
          if (shared >= 2) items.push({ doc: d, text: q.text, shared, terms: q.terms });
        }
      }
      // Bitap costs grow with every item compared: keep the quotes closest in words.
      items.sort((a, b) => b.shared - a.shared);
      items.length = Math.min(items.length, FUSE_ITEMS_PER_LINE);
      const docsByText = new Map<string, number[]>();
      const quoteTerms = new Map<string, readonly string[]>();
      for (const { doc, text, terms: qt } of items) {
        quoteTerms.set(text, qt);
        if (settled.has(doc)) continue;
        const docs = docsByText.get(text);
        if (docs) docs.push(doc);
        else docsByText.set(text, [doc]);
      }
      if (docsByText.size === 0) continue;
      const fuse = new Fuse(
        [...docsByText.keys()].map((text) => ({ text })),
        {
          keys: ['text'],
          includeScore: true,
          ignoreLocation: true,
          threshold: 0.4,
          minMatchCharLength: 4,
          shouldSort: false,
        },
      );
      for (const r of fuse.search(line)) {
        // Fuse forgives a few characters, which is right for typos but not for the words that make an error
        // string specific (`… pause on windows node` / `… pause on linux node`): a quote's rare words must be
        // in the paste too.
        const sim = (1 - (r.score ?? 1)) * heldShare(quoteTerms.get(r.item.text) ?? [], pasteTerms);
        for (const doc of docsByText.get(r.item.text)!) if (sim > (best.get(doc) ?? 0)) best.set(doc, sim);
      }
    }
    return best;
  }

  function pickFuseLines(errorLines: readonly string[], fallback: string): string[] {
    const lines = errorLines.length > 0 ? [...errorLines] : fallback.split('\n');
    const informative = (l: string) => {
      let s = 0;
      for (const t of new Set(tokenize(l))) s += Math.min(index.idf(t), 4);
      return s;
    };
    return lines
      .map((l) => l.replace(/\s+/g, ' ').trim())
      .filter((l) => l.length >= 8)
      .map((l) => ({ l, s: informative(l) }))
      .sort((a, b) => b.s - a.s)
      .slice(0, FUSE_LINES)
      .map(({ l }) => (l.length > FUSE_LINE_CHARS ? l.slice(0, FUSE_LINE_CHARS) : l));
  }

  /** Whether a signature is a missing program's message (executable file not found, command not found). */
  const isMissingProgram = (sig: string) => lexicon?.signature(sig)?.concepts.includes(PROGRAM_CONCEPT) === true;

  /**
   * A missing program's message is the same for every program. The candidates that document such a message and
   * name one of the paste's missing programs: where there are some, the others document the message for other
   * programs and do not share it with the paste.
   */
  function namingCandidates(programs: readonly string[], docs: readonly number[]): ReadonlySet<number> {
    const names = programs.flatMap((name) => tokenize(name)).map((t) => new Map([[t, 1]]));
    if (names.length === 0) return new Set();
    return new Set(
      docs.filter(
        (doc) =>
          [...prepared[doc]!.signatures].some(isMissingProgram) && names.some((name) => index.score(name, doc) > 0),
      ),
    );
  }

  function match(text: string, options: MatchOptions = {}): MatchResult {
    const top = Math.max(1, Math.min(options.top ?? 5, 50));
    const extracted = extractQuery(text);
    const query = (extracted.errorLines.length > 0 ? extracted.errorLines.join('\n') : extracted.text).slice(0, 4_000);
    if (!extracted.normalized.trim() || sections.length === 0)
      return { matches: [], confident: false, probability: 0, query };
    const hasErrors = extracted.errorLines.length > 0;
    const rawText = hasErrors
      ? `${extracted.rawErrorLines.join('\n')}\n\n${extracted.text.slice(0, 8_000)}`
      : extracted.text.slice(0, 16_000);
    const programs = hasErrors ? missingPrograms(rawText) : [];
    const { weights, annotation } = queryTerms(
      extracted.errorLines.join('\n'),
      extracted.normalized.slice(0, 16_000),
      rawText,
      hasErrors,
      programs,
    );
    const learnable = pasteEvidence({
      extracted,
      signatures: annotation?.signatures ?? [],
      concepts: annotation?.concepts.keys() ?? [],
      weight: idf,
    });
    const hits = index.search(weights, Math.max(candidateCount, top));
    // Sections the channel confirmed for pastes like this one are candidates even when BM25 ranks them lower.
    const learnedHits = learned?.lookup(learnable, idf, specific) ?? [];
    for (const hit of learnedHits) {
      const doc = docOf.get(hit.section);
      if (hit.kind === 'confirm' && doc !== undefined && !hits.some((h) => h.doc === doc)) {
        hits.push({ doc, score: index.score(weights, doc) });
      }
    }
    if (hits.length === 0) return { matches: [], confident: false, probability: 0, query, evidence: learnable };
    // A documented error string found verbatim, or a runbook's pattern matching an error line, is a quote.
    const pasted = flatWords(hasErrors ? extracted.errorLines.join('\n') : extracted.normalized.slice(0, 16_000));
    const rawLines = (hasErrors ? extracted.rawErrorLines : extracted.text.split('\n').slice(0, 200)).map((l) =>
      l.slice(0, 500),
    );
    const quoted = new Set<number>();
    for (const h of hits) {
      const p = prepared[h.doc]!;
      if (p.verbatim.some((v) => pasted.includes(v)) || p.patterns.some((r) => rawLines.some((l) => r.test(l)))) {
        quoted.add(h.doc);
      }
    }
    const fuzzy = fuzzyScores(
      pickFuseLines(extracted.errorLines, extracted.normalized),
      hits.map((h) => h.doc),
      quoted,
      new Set(tokenize(pasted)),
    );
    for (const doc of quoted) fuzzy.set(doc, 1);
    const querySignatures = [...(annotation?.signatures ?? [])].filter(specific);
    const queryConcepts = [...(annotation?.concepts.keys() ?? [])];
    for (const s of annotation?.signatures ?? []) queryConcepts.push(...(lexicon?.signature(s)?.concepts ?? []));
    const conceptSet = [...new Set(queryConcepts)];
    const conceptMass = conceptSet.reduce((m, c) => m + index.idf(CONCEPT + c), 0);
    const naming = namingCandidates(
      programs,
      hits.map((h) => h.doc),
    );

    const scored = hits.map((h) => {
      const p = prepared[h.doc]!;
      const sim = fuzzy.get(h.doc) ?? 0;
      const shared = querySignatures.filter(
        (s) => p.signatures.has(s) && !(naming.size > 0 && !naming.has(h.doc) && isMissingProgram(s)),
      );
      const covered = conceptSet.reduce((m, c) => m + (p.concepts.has(c) ? index.idf(CONCEPT + c) : 0), 0);
      // Same failures on both sides: Dice overlap of the specific signatures either shows. A section that
      // quotes the paste's event but is about another cause (its own signatures absent from the paste)
      // ranks below one about exactly that failure.
      let sectionSpecific = 0;
      for (const sig of p.signatures) if (specific(sig)) sectionSpecific++;
      const dice = querySignatures.length > 0 ? (2 * shared.length) / (querySignatures.length + sectionSpecific) : 0;
      const agreement = querySignatures.length > 0 ? 0.6 + 0.8 * dice : 1;
      const rank = h.score * (1 + 0.8 * sim) * agreement;
      // What the title names in either language: a question asks in one of them.
      let titleCoverage = 0;
      for (const named of p.titleConcepts) {
        let titleMass = 0;
        let titleCovered = 0;
        for (const c of named) {
          const w = index.idf(CONCEPT + c);
          titleMass += w;
          if (conceptSet.includes(c)) titleCovered += w;
        }
        if (named.size >= 2 && titleMass > 0) titleCoverage = Math.max(titleCoverage, titleCovered / titleMass);
      }
      const coverage = conceptMass > 0 ? covered / conceptMass : 0;
      return { p, rank, sim, shared, titleCoverage, coverage, learned: [] as readonly string[] };
    });
    scored.sort((a, b) => b.rank - a.rank);
    if (learnedHits.length > 0) {
      const ranks = rerank(
        scored.map((s) => ({ section: s.p.section.id, rank: s.rank, fuzzy: s.sim, sharedSignatures: s.shared })),
        learnedHits,
      );
      scored.forEach((s, i) => {
        const r = ranks[i]!;
        Object.assign(s, { rank: r.rank, sim: Math.max(s.sim, r.learnedQuote), learned: r.reasons });
      });
      scored.sort((a, b) => b.rank - a.rank);
    }
    // Absolute strength against what the query could score at most, then each candidate relative to the best.
    let queryMass = 0;
    for (const [t, w] of weights) queryMass += w * index.idf(t);
    const topRank = scored[0]?.rank ?? 0;
    const absolute = topRank / (topRank + 0.25 * queryMass + 1e-9);
    const best = scored[0]?.p;
    const evidence: CandidateEvidence[] = scored.map((s, i) => ({
      score: topRank > 0 ? absolute * (s.rank / topRank) : 0,
      strength: s.rank,
      id: s.p.section.id,
      family: s.p.family,
      copyOfBest:
        i > 0 && best !== undefined && s.p.section.source !== best.section.source && isNearCopy(s.p.terms, best.terms),
      document: s.p.section.source,
      sharedSignatures: s.shared,
      quotedSignatures: s.shared.filter((sig) => s.p.quoted.has(sig)),
      conceptCoverage: s.coverage,
      titleCoverage: s.titleCoverage,
      fuzzy: s.sim,
    }));
    const queryEvidence: QueryEvidence = {
      signatures: querySignatures,
      hasErrorLines: hasErrors,
      concepts: conceptSet.length,
      conceptWeight: conceptMass / ordinaryConcept,
      hangul: hangulShare(extracted.text),
    };
    const decision = policy(evidence, queryEvidence);
    // A near copy of the best section is the same answer: cited with it, not offered as another match.
    const copies = scored.filter((_, i) => evidence[i]!.copyOfBest).map((s) => s.p.section);
    const matches: Match[] = [];
    scored.forEach((s, i) => {
      if (matches.length >= top || evidence[i]!.copyOfBest) return;
      matches.push({
        section: s.p.section,
        score: Number(evidence[i]!.score.toFixed(4)),
        reasons: [
          ...s.shared.map((id) => `signature ${id}`),
          ...(s.sim > 0 ? [`fuzzy ${s.sim.toFixed(2)}`] : []),
          ...s.learned,
          `concepts ${(s.coverage * 100).toFixed(0)}%`,
          ...(i === 0 ? [`confidence: ${decision.reason}`] : []),
        ],
        ...(i === 0 && copies.length > 0 ? { alsoIn: copies } : {}),
      });
    });
    return { matches, confident: decision.confident, probability: decision.probability, query, evidence: learnable };
  }

  return { sections, match, section: (id) => sections[docOf.get(id) ?? -1] };
}

/** The share of a text's letters that are Hangul: the language of the question, for the confidence model. */
function hangulShare(text: string): number {
  let hangul = 0;
  let latin = 0;
  const end = Math.min(text.length, 4_000);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f)) hangul++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
  }
  return hangul + latin > 0 ? hangul / (hangul + latin) : 0;
}
