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
import { words, wordTerms } from './tokenize.ts';

export const CONCEPT = 'c:';
export const SIGNATURE = 's:';

export interface AnalysedField {
  /** The field's term ids, line by line, then the lexicon's findings as terms. */
  readonly terms: FieldTermIds;
  /** What the lexicon found; absent without a lexicon or for an empty field. */
  readonly annotation?: Annotation;
}

export interface FieldTerms {
  readonly vocabulary: TermIds;
  field(text: string): AnalysedField;
  /** `tokenize(text)`, memoised per word. */
  tokenize(text: string): string[];
}

interface Word {
  readonly terms: readonly string[];
  readonly ids: Int32Array;
}

interface Line {
  readonly text: string;
  readonly terms: Int32Array;
  /** The line as the lexicon reads it, made when first needed. */
  prepared?: LexiconLine;
}

function concat(parts: readonly Int32Array[]): Int32Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Int32Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function fieldTerms(lexicon?: CompiledLexicon): FieldTerms {
  const vocabulary = new TermIds();
  const fields = new Map<string, AnalysedField>();
  const lines = new Map<string, Line>();
  const wordMemo = new Map<string, Word>();
  const wordCodes = new Map<string, number>();
  // Term ids of concept and signature terms by concept or signature id: no string building per mention.
  const conceptIds = new Map<string, number>();
  const signatureIds = new Map<string, number>();

  function word(w: string): Word {
    let known = wordMemo.get(w);
    if (!known) {
      const terms: string[] = [];
      wordTerms(w, terms);
      known = { terms, ids: Int32Array.from(terms, (t) => vocabulary.id(t)) };
      wordMemo.set(w, known);
    }
    return known;
  }

  function line(text: string): Line {
    let l = lines.get(text);
    if (!l) {
      l = { text, terms: concat(words(normalizeVariables(text)).map((w) => word(w).ids)) };
      lines.set(text, l);
    }
    return l;
  }

  const coder = wordCoder(lexicon?.tokenCode ?? (() => -1));
  const codeOfWord = (word: string): number => {
    let code = wordCodes.get(word);
    if (code === undefined) {
      code = coder(word);
      wordCodes.set(word, code);
    }
    return code;
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
          l.prepared ??= lexicon.prepareLine(l.text, codeOfWord);
          return l.prepared;
        }),
      ),
    );
    parts.push(annotationTerms(annotation));
    return { terms: parts, annotation };
  }

  return {
    vocabulary,
    tokenize(text) {
      const out: string[] = [];
      for (const w of words(text)) for (const t of word(w).terms) out.push(t);
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
