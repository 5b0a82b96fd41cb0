/**
 * Index terms of section fields for one index build. Work is memoised per distinct field text, line and word:
 * fields repeat across sections (shared error strings, steps), a section's text repeats its other fields, and
 * generated corpora repeat lines across sections. Normalising variable parts, tokenising and the lexicon's
 * word preparation all work within a line (no variable part, placeholder or word spans a line break), so a
 * field's terms are its lines' terms in order. Terms are numbered once, as they are first met, and fields are
 * handed on as arrays of term ids.
 */
import { type FieldTermIds, TermIds } from './bm25-index.ts';
import type { Annotation, CompiledLexicon, LexiconLine } from './lexicon.ts';
import { normalizeVariables } from './normalize-query.ts';
import { PARAGRAPH_BREAK, wordCoder } from './prepared-text.ts';
import { wordTerms } from './tokenize.ts';
import { WordTable } from './word-table.ts';

export const CONCEPT = 'c:';
export const SIGNATURE = 's:';

export interface AnalysedField {
  /** The field's term ids, line by line, then the lexicon's findings as terms. */
  readonly terms: FieldTermIds;
  /** What the lexicon found; absent without a lexicon or for an empty field. */
  readonly annotation?: Annotation;
  /**
   * The concepts the field names, those of its signatures included, in the order met (with repeats): what a
   * section's concept set takes from the field, worked out once per distinct field.
   */
  readonly concepts?: readonly string[];
}

export interface FieldTerms {
  readonly vocabulary: TermIds;
  field(text: string): AnalysedField;
  /** `tokenize(text)`, memoised per word. */
  tokenize(text: string): string[];
}

const NOT_CODED = -2;

/** What one distinct word yields, each part made when first needed (all fields set up front: one shape). */
class Word {
  readonly text: string;
  terms: readonly string[] | undefined = undefined;
  ids: Int32Array | undefined = undefined;
  /** The word's code for the lexicon; NOT_CODED until first needed. */
  code = NOT_CODED;

  constructor(text: string) {
    this.text = text;
  }
}

interface Line {
  readonly text: string;
  readonly terms: Int32Array;
  /** The line as the lexicon reads it, made when first needed. */
  prepared?: LexiconLine;
}

export function fieldTerms(lexicon?: CompiledLexicon): FieldTerms {
  const vocabulary = new TermIds();
  const fields = new Map<string, AnalysedField>();
  const lines = new Map<string, Line>();
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
  const idsOf = (w: Word): Int32Array => (w.ids ??= Int32Array.from(termsOf(w), (t) => vocabulary.id(t)));

  function line(text: string): Line {
    let l = lines.get(text);
    if (!l) {
      const n = table.scan(normalizeVariables(text), true, found);
      let length = 0;
      for (let i = 0; i < n; i++) length += idsOf(found[i]!).length;
      const terms = new Int32Array(length);
      for (let i = 0, at = 0; i < n; i++) {
        const ids = found[i]!.ids!;
        terms.set(ids, at);
        at += ids.length;
      }
      l = { text, terms };
      lines.set(text, l);
    }
    return l;
  }

  const coder = wordCoder(lexicon?.tokenCode ?? (() => -1));
  const codeLine = (text: string): Int32Array => {
    const n = table.scan(text, false, found);
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const w = found[i]!;
      if (w.code === NOT_CODED) w.code = coder(w.text);
      codes[i] = w.code;
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

  /** Concept mentions (up to three each) and signatures with the concepts they name, as term ids. */
  function annotationTerms(a: Annotation): Int32Array {
    const out: number[] = [];
    for (const [id, n] of a.concepts) {
      const t = termId(conceptIds, CONCEPT, id);
      for (let i = 0; i < Math.min(n, 3); i++) out.push(t);
    }
    for (const id of a.signatures) {
      out.push(termId(signatureIds, SIGNATURE, id));
      // A signature names its failure's concepts even when the text does not spell them out.
      for (const c of lexicon?.signature(id)?.concepts ?? []) out.push(termId(conceptIds, CONCEPT, c));
    }
    return Int32Array.from(out);
  }

  function analyse(text: string): AnalysedField {
    if (!lexicon || !text) return { terms: text.split('\n').map((l) => line(l).terms) };
    // Paragraphs are whole lines; the blank lines between them have no terms.
    const paragraphs = text.split(PARAGRAPH_BREAK).map((p) => p.split('\n').map(line));
    const parts: Int32Array[] = [];
    for (const lines of paragraphs) for (const l of lines) parts.push(l.terms);
    // Signatures are written against messages as components emit them: the lexicon reads the lines before
    // variable parts are normalised.
    const annotation = lexicon.annotateLines(
      paragraphs.map((lines) =>
        lines.map((l) => {
          l.prepared ??= lexicon.prepareLine(l.text, codeLine);
          return l.prepared;
        }),
      ),
    );
    parts.push(annotationTerms(annotation));
    const concepts = [...annotation.concepts.keys()];
    for (const id of annotation.signatures) for (const c of lexicon.signature(id)?.concepts ?? []) concepts.push(c);
    return { terms: parts, annotation, concepts };
  }

  return {
    vocabulary,
    tokenize(text) {
      const out: string[] = [];
      const n = table.scan(text, true, found);
      for (let i = 0; i < n; i++) for (const t of termsOf(found[i]!)) out.push(t);
      return out;
    },
    field(text) {
      let f = fields.get(text);
      if (!f) {
        f = analyse(text);
        fields.set(text, f);
      }
      return f;
    },
  };
}
