/**
 * The matching vocabulary, as reviewable data (knowledge/lexicon/*.yaml): bilingual concepts (pod = 팟 =
 * 포드) and a taxonomy of failure signatures (FailedScheduling, 401 Unauthorized, OOMKilled…) that both
 * pastes and sections are mapped onto. English terms match as word sequences after tokenising (so they are
 * stemmed and case-blind), Korean terms match inside the text (particles may follow them).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { BotError, ErrorCode } from '../errors.ts';
import {
  type PreparedText,
  prepareLine,
  prepareText,
  type TokenCoder,
  WHOLE_WORD,
  wordCoder,
} from './prepared-text.ts';
import { stem } from './tokenize.ts';

/** One concept: an id and the words that name it, in any language. */
export interface Concept {
  readonly id: string;
  readonly terms: readonly string[];
}

/** A failure signature: messages a component emits, and the concepts the failure is about. */
export interface Signature {
  readonly id: string;
  /** One line saying what the failure is, for `--json` reasons and reviewers. */
  readonly summary?: string;
  /** Each entry is a phrase, or `{ all: [...] }` for phrases that must all appear. Any entry matching is a hit. */
  readonly match: readonly (string | { readonly all: readonly string[] })[];
  readonly concepts: readonly string[];
  /**
   * False for messages many failures share ("connection refused"): they add concepts but are not proof on
   * their own that a section documents the paste's failure.
   */
  readonly specific: boolean;
}

export interface Lexicon {
  readonly concepts: readonly Concept[];
  readonly signatures: readonly Signature[];
}

/** What the lexicon recognised in one text. */
export interface Annotation {
  /** Concept id → number of mentions. */
  readonly concepts: ReadonlyMap<string, number>;
  readonly signatures: ReadonlySet<string>;
}

interface Phrase {
  readonly tokens: readonly string[];
}

type Pattern = { readonly kind: 'en'; readonly phrase: Phrase } | { readonly kind: 'ko'; readonly text: string };

const HANGUL = /\p{Script=Hangul}/u;

function compilePattern(term: string): Pattern | undefined {
  if (HANGUL.test(term)) {
    const text = term.toLowerCase().replace(/\s+/g, ' ').trim();
    return text ? { kind: 'ko', text } : undefined;
  }
  const tokens = wholeWordTokens(term);
  return tokens.length > 0 ? { kind: 'en', phrase: { tokens } } : undefined;
}

/**
 * Whole words, lower-cased and stemmed, stop words kept ("not found", "no route to host" need them): the
 * sequence phrases are matched in.
 */
function wholeWordTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WHOLE_WORD)) out.push(stem(m[0].toLowerCase()));
  return out;
}

const MAX_OCCURRENCES = 50;

/** A lexicon ready to annotate texts. */
export interface CompiledLexicon {
  readonly lexicon: Lexicon;
  /**
   * The code of a whole-word token in texts this lexicon annotates: distinct for every token some English
   * term uses, -1 for all others (they can take no part in a match).
   */
  readonly tokenCode: TokenCoder;
  /** Annotates a text, or one prepared with this lexicon's token codes (see prepared-text.ts). */
  annotate(text: string | PreparedText): Annotation;
  signature(id: string): Signature | undefined;
}

interface PatternHit {
  count: number;
  paragraphs: number[];
}

/**
 * Every distinct pattern gets an index; English phrases are found by their first token, Korean terms by
 * their first two characters, so one pass over a text finds them all (no per-pattern scans).
 */
export function compileLexicon(lexicon: Lexicon): CompiledLexicon {
  const keys = new Map<string, number>();
  const codes = new Map<string, number>();
  const codeOf = (token: string) => {
    let c = codes.get(token);
    if (c === undefined) {
      c = codes.size;
      codes.set(token, c);
    }
    return c;
  };
  // English phrases by the code of their first token: the rest of the phrase as codes.
  const english: { rest: Int32Array; id: number }[][] = [];
  const korean = new Map<number, { text: string; id: number }[]>();
  const koreanSingle = new Map<number, { text: string; id: number }[]>();
  // Characters that start some Korean-side term (SINGLE: a one-character term, PAIR: a longer one), and a
  // filter over the first two characters of the longer terms: the scan looks up nothing else. Some terms
  // start with common Latin letters ("kube-프록시", "API 서버").
  const SINGLE = 1;
  const PAIR = 2;
  const starts = new Uint8Array(65_536);
  const pairFilter = new Uint8Array(65_536);
  const pairSlot = (c0: number, c1: number) => (c0 * 40_503 + c1) & 0xffff;
  function intern(term: string): number | undefined {
    const p = compilePattern(term);
    if (!p) return undefined;
    const key = p.kind === 'en' ? `en:${p.phrase.tokens.join(' ')}` : `ko:${p.text}`;
    const known = keys.get(key);
    if (known !== undefined) return known;
    const id = keys.size;
    keys.set(key, id);
    if (p.kind === 'en') {
      const [first, ...rest] = p.phrase.tokens.map(codeOf);
      const list = english[first!] ?? [];
      list.push({ rest: Int32Array.from(rest), id });
      english[first!] = list;
    } else {
      const c0 = p.text.charCodeAt(0);
      starts[c0]! |= p.text.length >= 2 ? PAIR : SINGLE;
      if (p.text.length >= 2) pairFilter[pairSlot(c0, p.text.charCodeAt(1))] = 1;
      const map = p.text.length >= 2 ? korean : koreanSingle;
      const k = p.text.length >= 2 ? p.text.charCodeAt(0) * 65_536 + p.text.charCodeAt(1) : p.text.charCodeAt(0);
      const list = map.get(k) ?? [];
      list.push({ text: p.text, id });
      map.set(k, list);
    }
    return id;
  }
  const defined = (x: number | undefined): x is number => x !== undefined;
  const conceptPatterns = lexicon.concepts.map((c) => ({ id: c.id, patterns: c.terms.map(intern).filter(defined) }));
  const signaturePatterns = lexicon.signatures.map((s) => ({
    signature: s,
    entries: s.match.map((m) => (typeof m === 'string' ? [m] : m.all).map(intern).filter(defined)),
  }));
  const byId = new Map(lexicon.signatures.map((s) => [s.id, s]));
  // From a pattern to the concepts and signature entries that use it, so annotating costs what was hit.
  const conceptsOf = new Map<number, string[]>();
  for (const c of conceptPatterns) {
    for (const id of c.patterns) conceptsOf.set(id, [...(conceptsOf.get(id) ?? []), c.id]);
  }
  const entriesOf = new Map<number, { signature: string; ids: readonly number[] }[]>();
  for (const { signature, entries } of signaturePatterns) {
    for (const ids of entries) {
      const first = ids[0];
      if (first === undefined) continue;
      entriesOf.set(first, [...(entriesOf.get(first) ?? []), { signature: signature.id, ids }]);
    }
  }

  function scan(text: PreparedText): Map<number, PatternHit> {
    const hits = new Map<number, PatternHit>();
    const record = (id: number, paragraph: number) => {
      const h = hits.get(id);
      if (!h) hits.set(id, { count: 1, paragraphs: [paragraph] });
      else if (h.count < MAX_OCCURRENCES) {
        h.count++;
        if (h.paragraphs[h.paragraphs.length - 1] !== paragraph) h.paragraphs.push(paragraph);
      }
    };
    const { codes, tokenParagraphs, lower, charParagraphs } = text;
    let para = 0;
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i]!;
      if (code < 0) continue;
      while (para + 1 < tokenParagraphs.length && tokenParagraphs[para + 1]! <= i) para++;
      const candidates = english[code];
      if (!candidates) continue;
      for (const c of candidates) {
        let ok = true;
        for (let j = 0; j < c.rest.length; j++) {
          if (codes[i + 1 + j] !== c.rest[j]) {
            ok = false;
            break;
          }
        }
        if (ok) record(c.id, para);
      }
    }
    para = 0;
    for (let i = 0; i < lower.length; i++) {
      while (para + 1 < charParagraphs.length && charParagraphs[para + 1]! <= i) para++;
      const c0 = lower.charCodeAt(i);
      const start = starts[c0]!;
      if (start === 0) continue;
      if (start & SINGLE) for (const c of koreanSingle.get(c0) ?? []) record(c.id, para);
      const c1 = lower.charCodeAt(i + 1);
      if (!(start & PAIR) || pairFilter[pairSlot(c0, c1)] === 0) continue;
      const pair = korean.get(c0 * 65_536 + c1);
      if (pair) for (const c of pair) if (lower.startsWith(c.text, i)) record(c.id, para);
    }
    return hits;
  }

  function allInOneParagraph(ids: readonly number[], hits: ReadonlyMap<number, PatternHit>): boolean {
    let common: number[] | undefined;
    for (const id of ids) {
      const h = hits.get(id);
      if (!h) return false;
      common = common ? common.filter((x) => h.paragraphs.includes(x)) : h.paragraphs;
      if (common.length === 0) return false;
    }
    return common !== undefined && common.length > 0;
  }

  const tokenCode: TokenCoder = (token) => codes.get(token) ?? -1;
  const codeOfWord = wordCoder(tokenCode);
  return {
    lexicon,
    tokenCode,
    signature: (id) => byId.get(id),
    annotate(input) {
      const text = typeof input === 'string' ? prepareText(input, (l) => prepareLine(l, codeOfWord)) : input;
      const hits = scan(text);
      const concepts = new Map<string, number>();
      const signatures = new Set<string>();
      if (hits.size === 0) return { concepts, signatures };
      for (const [id, hit] of hits) {
        for (const c of conceptsOf.get(id) ?? []) concepts.set(c, (concepts.get(c) ?? 0) + hit.count);
        for (const e of entriesOf.get(id) ?? []) {
          if (!signatures.has(e.signature) && allInOneParagraph(e.ids, hits)) signatures.add(e.signature);
        }
      }
      return { concepts, signatures };
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Loading from YAML. Every file in the directory is read; `concepts:` and `signatures:` from all are merged, so
// a team adds its own file next to the shipped ones. A concept id repeated across files merges its terms.

function fail(file: string, message: string): never {
  throw new BotError(ErrorCode.KnowledgeUnreadable, `lexicon ${file}: ${message}`);
}

function stringList(file: string, where: string, v: unknown): string[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' || typeof x === 'number')) {
    fail(file, `${where} must be a list of strings`);
  }
  return v.map(String);
}

/** Parses one lexicon file's content. Throws a BotError naming the file and the entry on bad shape. */
export function parseLexicon(file: string, content: string): Lexicon {
  let doc: unknown;
  try {
    doc = parse(content);
  } catch (err) {
    fail(file, `not valid YAML (${err instanceof Error ? err.message : String(err)})`);
  }
  if (doc === null || doc === undefined) return { concepts: [], signatures: [] };
  if (typeof doc !== 'object') fail(file, 'expected a mapping with concepts: and/or signatures:');
  const root = doc as { concepts?: unknown; signatures?: unknown };
  const concepts: Concept[] = [];
  const rawConcepts = root.concepts;
  if (rawConcepts !== undefined) {
    if (typeof rawConcepts !== 'object' || rawConcepts === null || Array.isArray(rawConcepts)) {
      fail(file, 'concepts: must map a concept id to its list of terms');
    }
    for (const [id, terms] of Object.entries(rawConcepts as Record<string, unknown>)) {
      concepts.push({ id, terms: stringList(file, `concept ${id}`, terms) });
    }
  }
  const signatures: Signature[] = [];
  const rawSignatures = root.signatures;
  if (rawSignatures !== undefined) {
    if (!Array.isArray(rawSignatures)) fail(file, 'signatures: must be a list');
    for (const [i, raw] of rawSignatures.entries()) {
      if (typeof raw !== 'object' || raw === null) fail(file, `signature #${i + 1} must be a mapping`);
      const s = raw as { id?: unknown; match?: unknown; summary?: unknown; concepts?: unknown; specific?: unknown };
      const id = s.id;
      if (typeof id !== 'string' || !id) fail(file, `signature #${i + 1} needs an id`);
      const match = s.match;
      if (!Array.isArray(match) || match.length === 0) fail(file, `signature ${id} needs a match: list`);
      const entries = match.map((m, j) => {
        if (typeof m === 'string') return m;
        if (typeof m === 'object' && m !== null && 'all' in m) {
          return { all: stringList(file, `signature ${id} match #${j + 1} all`, (m as { all: unknown }).all) };
        }
        return fail(file, `signature ${id} match #${j + 1} must be a phrase or { all: [...] }`);
      });
      const summary = s.summary;
      signatures.push({
        id,
        ...(typeof summary === 'string' ? { summary } : {}),
        match: entries,
        concepts: s.concepts === undefined ? [] : stringList(file, `signature ${id} concepts`, s.concepts),
        specific: s.specific !== false,
      });
    }
  }
  return { concepts, signatures };
}

/** Merges lexicons: concept terms are united by id, signatures with a repeated id replace earlier ones. */
export function mergeLexicons(parts: readonly Lexicon[]): Lexicon {
  const concepts = new Map<string, Set<string>>();
  const signatures = new Map<string, Signature>();
  for (const part of parts) {
    for (const c of part.concepts) {
      const set = concepts.get(c.id) ?? new Set<string>();
      for (const t of c.terms) set.add(t);
      concepts.set(c.id, set);
    }
    for (const s of part.signatures) signatures.set(s.id, s);
  }
  return {
    concepts: [...concepts].map(([id, terms]) => ({ id, terms: [...terms] })),
    signatures: [...signatures.values()],
  };
}

/** Checks that signatures name only known concepts; returns the problems (empty when all is well). */
export function lexiconProblems(lexicon: Lexicon): string[] {
  const known = new Set(lexicon.concepts.map((c) => c.id));
  const problems: string[] = [];
  for (const s of lexicon.signatures) {
    for (const c of s.concepts) if (!known.has(c)) problems.push(`signature ${s.id}: unknown concept "${c}"`);
  }
  return problems;
}

/** Reads every .yaml/.yml file in a directory (sorted by name) and merges them. */
export async function loadLexicon(dir: string): Promise<Lexicon> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.ya?ml$/i.test(n)).sort();
  } catch (err) {
    throw new BotError(ErrorCode.KnowledgeUnreadable, `cannot read lexicon directory ${dir}`, { cause: err });
  }
  const parts: Lexicon[] = [];
  for (const name of names) parts.push(parseLexicon(name, await readFile(join(dir, name), 'utf8')));
  return mergeLexicons(parts);
}
