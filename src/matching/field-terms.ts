/**
 * Index terms of section fields for one index build. Work is memoised per distinct field text, line and word:
 * fields repeat across sections (shared error strings, steps), a section's text repeats its other fields, and
 * generated corpora repeat lines across sections. Normalising variable parts, tokenising and the lexicon's
 * word preparation all work within a line (no variable part, placeholder or word spans a line break), so a
 * field's terms are its lines' terms in order. Terms are numbered once, as they are first met, and fields are
 * handed on as bags of term ids.
 *
 * A build meets tens of thousands of distinct lines and words and cannot keep them cheaply enough as objects:
 * lines are found by their characters in a table (no substring or Map hashing per line met again), their
 * terms kept end to end in one array, and each distinct field's terms counted once into a bag. What a build
 * keeps alive, its garbage collections copy, and its heap grows page by page to hold it.
 */
import { type TermBag, TermCounter, TermIds } from './bm25-index.ts';
import { grow, int32s } from './grow-array.ts';
import type { Annotation, CompiledLexicon, LexiconLine } from './lexicon.ts';
import { LineTable } from './line-table.ts';
import { normalizeVariables } from './normalize-query.ts';
import { wordCoder } from './prepared-text.ts';
import { wordTerms } from './tokenize.ts';
import { WordTable } from './word-table.ts';

export const CONCEPT = 'c:';
export const SIGNATURE = 's:';

/** How one field is read. */
export interface FieldOptions {
  /** False: the lexicon's concepts only, not its failure signatures. */
  readonly signatures?: boolean;
  /** Signatures this field does not show even where their wordings are found (quoted-wordings.ts). */
  readonly without?: ReadonlySet<string>;
}

export interface AnalysedField {
  /** The field's term ids (its lines', then the lexicon's findings as terms), counted. */
  readonly terms: TermBag;
  /**
   * What the lexicon found, absent without a lexicon or for an empty field: the signatures, the concepts
   * named in the text, and those with the concepts of the signatures, in the order met (with repeats).
   * Kept as arrays: a build holds one for each distinct field, and a Map and a Set each would weigh many
   * times more.
   */
  readonly found?: {
    readonly signatures: readonly string[];
    readonly named: readonly string[];
    readonly concepts: readonly string[];
  };
}

export interface FieldTerms {
  readonly vocabulary: TermIds;
  /**
   * The terms of a field. Without `signatures`, the lexicon's concepts are read but not its failure
   * signatures: for prose written in a language whose ordinary sentences can read like a message ("the
   * previous installation failed"), where only quoted messages say which failure a section documents.
   */
  field(text: string, options?: FieldOptions): AnalysedField;
  /** `tokenize(text)`, memoised per word. */
  tokenize(text: string): string[];
}

const NOT_CODED = -2;

/** What one distinct word yields, each part made when first needed (all fields set up front: one shape). */
class Word {
  readonly text: string;
  terms: readonly string[] | undefined = undefined;
  ids: number[] | undefined = undefined;
  /** The word's code for the lexicon; NOT_CODED until first needed. */
  code = NOT_CODED;

  constructor(text: string) {
    this.text = text;
  }
}

export function fieldTerms(lexicon?: CompiledLexicon): FieldTerms {
  const vocabulary = new TermIds();
  const fields = new Map<string, AnalysedField>();
  const conceptFields = new Map<string, AnalysedField>();
  // Distinct lines by number: line n's terms are terms[termsFrom[n]] up to terms[termsFrom[n + 1]].
  const lineTable = new LineTable();
  const lineTexts = lineTable.texts;
  const termsFrom: number[] = [0];
  let terms = new Int32Array(1 << 16);
  /** Each line as the lexicon reads it, by line number, made when first needed. */
  const prepared: LexiconLine[] = [];
  // The words of normalised lines (for terms) and of raw lines (for the lexicon's codes) share one table: both
  // are pure functions of the word.
  const table = new WordTable((text) => new Word(text));
  const found: Word[] = [];
  // Term ids of concept and signature terms by concept or signature id: no string building per mention.
  const conceptIds = new Map<string, number>();
  const signatureIds = new Map<string, number>();

  function termsOf(w: Word): readonly string[] {
    if (!w.terms) {
      const terms: string[] = [];
      wordTerms(w.text, terms);
      w.terms = terms;
    }
    return w.terms;
  }

  // Term ids are numbered as words are first met, in text order.
  const idsOf = (w: Word): number[] => (w.ids ??= termsOf(w).map((t) => vocabulary.id(t)));

  /** Adds the terms of the lines the table has met since last called, in the order met. */
  function addLineTerms(): void {
    for (let n = termsFrom.length - 1; n < lineTable.size; n++) {
      const count = table.scan(normalizeVariables(lineTexts[n]!), true, found);
      let at = termsFrom[n]!;
      for (let i = 0; i < count; i++) {
        const ids = idsOf(found[i]!);
        terms = grow(terms, at + ids.length, int32s);
        for (let j = 0; j < ids.length; j++) terms[at++] = ids[j]!;
      }
      termsFrom.push(at);
    }
  }

  // A field's line numbers, and where its paragraphs start among them: scratch space for every field.
  const numbers: number[] = [];
  const starts: number[] = [];

  const counter = new TermCounter();
  /** Counts the terms of the first `count` lines in `numbers`, in order. */
  function countLines(count: number): void {
    for (let k = 0; k < count; k++) {
      const n = numbers[k]!;
      for (let i = termsFrom[n]!, end = termsFrom[n + 1]!; i < end; i++) counter.add(terms[i]!);
    }
  }

  const coder = wordCoder(lexicon?.tokenCode ?? (() => -1));
  const codeLine = (text: string): readonly number[] => {
    const n = table.scan(text, false, found);
    const codes: number[] = [];
    for (let i = 0; i < n; i++) {
      const w = found[i]!;
      if (w.code === NOT_CODED) w.code = coder(w.text);
      codes.push(w.code);
    }
    return codes;
  };

  const termId = (ids: Map<string, number>, prefix: string, id: string): number => {
    let t = ids.get(id);
    if (t === undefined) {
      t = vocabulary.id(prefix + id);
      ids.set(id, t);
    }
    return t;
  };

  /** Counts concept mentions (up to three each) and signatures with the concepts they name, as terms. */
  function countAnnotation(a: Annotation, signatures: readonly string[]): void {
    a.concepts.forEach((n, id) => {
      const t = termId(conceptIds, CONCEPT, id);
      for (let i = 0; i < Math.min(n, 3); i++) counter.add(t);
    });
    for (const id of signatures) {
      counter.add(termId(signatureIds, SIGNATURE, id));
      // A signature names its failure's concepts even when the text does not spell them out.
      for (const c of lexicon?.signature(id)?.concepts ?? []) counter.add(termId(conceptIds, CONCEPT, c));
    }
  }

  const lexiconLine = (n: number): LexiconLine => (prepared[n] ??= lexicon!.prepareLine(lineTexts[n]!, codeLine));

  function analyse(text: string, withSignatures: boolean, without?: ReadonlySet<string>): AnalysedField {
    if (!lexicon || !text) {
      const count = lineTable.lines(text, numbers);
      addLineTerms();
      countLines(count);
      return { terms: counter.take() };
    }
    // Paragraphs are whole lines; the blank lines between them have no terms.
    const count = lineTable.lines(text, numbers, starts);
    addLineTerms();
    const paragraphs: LexiconLine[][] = [];
    for (let p = 0; p < starts.length; p++) {
      const lines: LexiconLine[] = [];
      for (let k = starts[p]!, end = starts[p + 1] ?? count; k < end; k++) lines.push(lexiconLine(numbers[k]!));
      paragraphs.push(lines);
    }
    // Signatures are written against messages as components emit them: the lexicon reads the lines before
    // variable parts are normalised.
    const annotation = lexicon.annotateLines(paragraphs);
    const named = [...annotation.concepts.keys()];
    const signatures = withSignatures ? [...annotation.signatures].filter((id) => !without?.has(id)) : [];
    const concepts = [...named];
    for (const id of signatures) for (const c of lexicon.signature(id)?.concepts ?? []) concepts.push(c);
    countLines(count);
    countAnnotation(annotation, signatures);
    return { terms: counter.take(), found: { signatures, named, concepts } };
  }

  return {
    vocabulary,
    tokenize(text) {
      const out: string[] = [];
      const n = table.scan(text, true, found);
      for (let i = 0; i < n; i++) for (const t of termsOf(found[i]!)) out.push(t);
      return out;
    },
    field(text, options) {
      const withSignatures = options?.signatures !== false;
      if (withSignatures && options?.without?.size) return analyse(text, true, options.without);
      const memo = withSignatures ? fields : conceptFields;
      let f = memo.get(text);
      if (!f) {
        f = analyse(text, withSignatures);
        memo.set(text, f);
      }
      return f;
    },
  };
}
