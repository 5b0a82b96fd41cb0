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
  type LineCoder,
  lineCoder,
  PARAGRAPH_BREAK,
  type PreparedLine,
  paragraphTail,
  prepareLine,
  type TokenCoder,
  WHOLE_WORD,
  wordCoder,
} from './prepared-text.ts';
import { stem } from './tokenize.ts';

/** One concept: an id and the words that name it, in any language. */
export interface Concept {
  readonly id: string;
  readonly terms: readonly string[];
  /**
   * Longer words and phrases that hold one of the terms in another sense (`로그인` holds `로그`, `log in`
   * holds `log`): a mention inside one of them does not name this concept.
   */
  readonly except?: readonly string[];
}

/**
 * Where a signature's wording comes from: the code or spec that prints or defines the message (a public
 * repository, a path in it, and the tag or commit read), or the section of a shipped document that quotes it
 * (`knowledge/<file>#<anchor>` or `knowledge/<file>#L<line>`).
 */
export type SignatureSource =
  | { readonly repo: string; readonly path: string; readonly ref?: string }
  | { readonly doc: string };

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
  /** Where the wordings come from; a team's own file may leave it out, the shipped files may not. */
  readonly sources?: readonly SignatureSource[];
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
  /**
   * What one line holds for this lexicon, whatever its neighbours: an index build memoises it per distinct
   * line. `code` may memoise the default coding of the line's words ({@link tokenCode} of each stemmed,
   * lower-cased whole word).
   */
  prepareLine(line: string, code?: LineCoder): LexiconLine;
  annotate(text: string): Annotation;
  /** Annotates a text given as its paragraphs' lines (`text.split(PARAGRAPH_BREAK)`, each split at '\n'). */
  annotateLines(paragraphs: readonly (readonly LexiconLine[])[]): Annotation;
  signature(id: string): Signature | undefined;
}

/**
 * A line prepared for one lexicon: its words and lower-cased form, and the hits that lie inside it. Plain
 * arrays rather than typed ones: an index build keeps one line per distinct line, and a small typed array
 * costs an object and a buffer more, which the build's garbage collections copy and sweep.
 */
export interface LexiconLine extends PreparedLine {
  /** (pattern, count, position, slot) fours by first occurrence; positions are token indexes. */
  readonly englishHits: readonly number[];
  /** The same for Korean-side terms; positions are offsets in `core`. */
  readonly koreanHits: readonly number[];
  /** Whether a phrase or term may run past the line's end (ENGLISH_TAIL, KOREAN_TAIL bits). */
  readonly crossing: number;
}

/** Two UTF-16 code units as one small integer (a map key that needs no boxing). */
const pairKey = (c0: number, c1: number) => (c0 << 16) | c1;
const NONE: readonly never[] = [];
/** Bits of LexiconLine.crossing: the line ends with the start of an English phrase, or of a Korean-side term. */
const ENGLISH_TAIL = 1;
const KOREAN_TAIL = 2;

/**
 * Every distinct pattern gets an index; English phrases are found by their first token's code, Korean terms
 * by their first two characters, so one pass over a line finds them all (no per-pattern scans). Texts are
 * read line by line (see {@link LexiconLine}), so that an index build reads each distinct line once.
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
      const k = p.text.length >= 2 ? pairKey(p.text.charCodeAt(0), p.text.charCodeAt(1)) : p.text.charCodeAt(0);
      const list = map.get(k) ?? [];
      list.push({ text: p.text, id });
      map.set(k, list);
    }
    return id;
  }
  const defined = (x: number | undefined): x is number => x !== undefined;
  const conceptPatterns = lexicon.concepts.map((c) => ({
    id: c.id,
    patterns: c.terms.map(intern).filter(defined),
    except: (c.except ?? NONE).map(intern).filter(defined),
  }));
  const signaturePatterns = lexicon.signatures.map((s) => ({
    signature: s,
    entries: s.match.map((m) => (typeof m === 'string' ? [m] : m.all).map(intern).filter(defined)),
  }));
  const byId = new Map(lexicon.signatures.map((s) => [s.id, s]));
  // From a pattern to the concepts and signature entries that use it, so annotating costs what was hit. A
  // concept whose terms make the same pattern ("pod" and "pods", stemmed alike) names it once: its mentions
  // count once. Each mention of an exception holds one of a concept's terms: it takes that mention back.
  const conceptsOf = new Map<number, string[]>();
  const exceptedOf = new Map<number, string[]>();
  for (const c of conceptPatterns) {
    for (const id of new Set(c.patterns)) conceptsOf.set(id, [...(conceptsOf.get(id) ?? []), c.id]);
    for (const id of new Set(c.except)) exceptedOf.set(id, [...(exceptedOf.get(id) ?? []), c.id]);
  }
  const entriesOf = new Map<number, { signature: string; ids: readonly number[] }[]>();
  for (const { signature, entries } of signaturePatterns) {
    for (const ids of entries) {
      const first = ids[0];
      if (first === undefined) continue;
      entriesOf.set(first, [...(entriesOf.get(first) ?? []), { signature: signature.id, ids }]);
    }
  }

  let maxRest = 0;
  for (const list of english) for (const c of list ?? []) maxRest = Math.max(maxRest, c.rest.length);
  let maxKorean = 0;
  for (const list of korean.values()) for (const c of list) maxKorean = Math.max(maxKorean, c.text.length);
  const longerByFirst = new Map<number, string[]>();
  for (const list of korean.values()) {
    for (const c of list)
      longerByFirst.set(c.text.charCodeAt(0), [...(longerByFirst.get(c.text.charCodeAt(0)) ?? []), c.text]);
  }
  /** Whether a longer Korean-side term begins with the rest of `core` from `i` and runs past its end. */
  const runsOn = (core: string, i: number) => {
    const tail = core.length - i;
    for (const t of longerByFirst.get(core.charCodeAt(i)) ?? NONE) {
      if (t.length <= tail) continue;
      let j = 1;
      while (j < tail && t.charCodeAt(j) === core.charCodeAt(i + j)) j++;
      if (j === tail) return true;
    }
    return false;
  };

  // Where each pattern's four starts in the line's hits while it is read, -1 for none: a scratch array shared
  // by every line (and reset after each) rather than a map per line.
  const hitAt = new Int32Array(keys.size).fill(-1);
  const found: number[] = [];
  const addLineHit = (id: number, pos: number, slot: number) => {
    const k = hitAt[id]!;
    if (k < 0) {
      hitAt[id] = found.length;
      found.push(id, 1, pos, slot);
    } else found[k + 1]!++;
  };
  /** The hits found so far, as an array; clears them. */
  const takeHits = (): readonly number[] => {
    if (found.length === 0) return NONE;
    for (let k = 0; k < found.length; k += 4) hitAt[found[k]!] = -1;
    const hits = found.slice();
    found.length = 0;
    return hits;
  };

  /**
   * Hits inside one line, by first occurrence: (pattern, count, position, slot) fours. A position's
   * candidates are tried in slot order; phrases that would run past the line's end are left to
   * {@link crossingEnglish} and {@link crossingKorean}.
   */
  function lineHits(line: PreparedLine): LexiconLine {
    const { codes, core } = line;
    let crossing = 0;
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i]!;
      // Words no English term uses have code -1.
      const candidates = code < 0 ? undefined : english[code];
      if (!candidates) continue;
      for (let slot = 0; slot < candidates.length; slot++) {
        const c = candidates[slot]!;
        // Up to the line's end the words must match; a phrase that matches so far may run on.
        const inLine = Math.min(c.rest.length, codes.length - 1 - i);
        let ok = true;
        for (let j = 0; j < inLine && ok; j++) ok = codes[i + 1 + j] === c.rest[j];
        if (!ok) continue;
        if (inLine < c.rest.length) crossing |= ENGLISH_TAIL;
        else addLineHit(c.id, i, slot);
      }
    }
    const englishHits = takeHits();
    // Every Korean-side term holds Hangul: a line without any holds none of them, though one may start at
    // its end and run on into the next line.
    const inside = HANGUL.test(core);
    for (let i = inside ? 0 : Math.max(0, core.length - maxKorean + 1); i < core.length; i++) {
      const c0 = core.charCodeAt(i);
      const start = starts[c0]!;
      if (start === 0) continue;
      if (start & PAIR && i + maxKorean > core.length && runsOn(core, i)) crossing |= KOREAN_TAIL;
      if (!inside) continue;
      const singles = start & SINGLE ? koreanSingle.get(c0)! : NONE;
      for (let slot = 0; slot < singles.length; slot++) addLineHit(singles[slot]!.id, i, slot);
      if (!(start & PAIR) || i + 1 === core.length) continue;
      const c1 = core.charCodeAt(i + 1);
      if (pairFilter[pairSlot(c0, c1)] === 0) continue;
      const pairs = korean.get(pairKey(c0, c1)) ?? NONE;
      for (let p = 0; p < pairs.length; p++) {
        if (core.startsWith(pairs[p]!.text, i)) addLineHit(pairs[p]!.id, i, singles.length + p);
      }
    }
    const koreanHits = takeHits();
    const { leadingSpace, trailingSpace } = line;
    return { codes, core, leadingSpace, trailingSpace, englishHits, koreanHits, crossing };
  }

  // Hits running past a line's end, as (pattern, position, slot) threes: the first `crossedLength` entries of a
  // scratch array shared by every line, each line's read before the next line's are found.
  const crossed: number[] = [];
  const cross = (n: number, id: number, position: number, slot: number): number => {
    crossed[n] = id;
    crossed[n + 1] = position;
    crossed[n + 2] = slot;
    return n + 3;
  };

  /**
   * English phrases starting in tokens [from, to) of `codes` that run past `to`, into `crossed` (positions
   * from `from`); returns how many entries. `codes` (its first `length` entries) may start after `from`: only
   * its last maxRest tokens before `to` are read.
   */
  function crossingEnglish(codes: Int32Array, length: number, from: number, to: number): number {
    let n = 0;
    for (let i = Math.max(0, from, to - maxRest); i < to; i++) {
      const code = codes[i]!;
      const candidates = code < 0 ? undefined : english[code];
      if (!candidates) continue;
      for (let slot = 0; slot < candidates.length; slot++) {
        const c = candidates[slot]!;
        if (i + c.rest.length < to || i + c.rest.length >= length) continue;
        let ok = true;
        for (let j = 0; j < c.rest.length && ok; j++) ok = codes[i + 1 + j] === c.rest[j];
        if (ok) n = cross(n, c.id, i - from, slot);
      }
    }
    return n;
  }

  /** Korean-side terms starting in line `k` of a paragraph that run past its end, into `crossed`. */
  function crossingKorean(lines: readonly PreparedLine[], k: number): number {
    const { core } = lines[k]!;
    const from = Math.max(0, core.length - maxKorean + 1);
    const window = paragraphTail(lines, k, from, core.length - from + maxKorean);
    let n = 0;
    for (let i = from; i < core.length; i++) {
      const c0 = core.charCodeAt(i);
      const start = starts[c0]!;
      if (!(start & PAIR) || i - from + 1 >= window.length) continue;
      const c1 = window.charCodeAt(i - from + 1);
      if (pairFilter[pairSlot(c0, c1)] === 0) continue;
      const singles = start & SINGLE ? koreanSingle.get(c0)!.length : 0;
      const pairs = korean.get(pairKey(c0, c1)) ?? NONE;
      for (let p = 0; p < pairs.length; p++) {
        const c = pairs[p]!;
        if (i + c.text.length > core.length && window.startsWith(c.text, i - from)) n = cross(n, c.id, i, singles + p);
      }
    }
    return n;
  }

  /**
   * Adds one line's hits in the order a scan of the whole text meets them: the line's own by first
   * occurrence, merged with those running past its end by position and slot. A pattern's own hits in a line
   * all come before any that runs past it, so adding its count at once changes nothing.
   */
  function record(own: readonly number[], crossedLength: number, paragraph: number) {
    const crossing = crossed;
    let a = 0;
    let b = 0;
    while (a < own.length || b < crossedLength) {
      const ownFirst =
        b >= crossedLength ||
        (a < own.length &&
          (own[a + 2]! < crossing[b + 1]! || (own[a + 2] === crossing[b + 1] && own[a + 3]! < crossing[b + 2]!)));
      if (ownFirst) {
        addHit(own[a]!, own[a + 1]!, paragraph);
        a += 4;
      } else {
        addHit(crossing[b]!, 1, paragraph);
        b += 3;
      }
    }
  }

  // A text's hits, in arrays shared by every text (cleared before each) rather than a map of objects per
  // text: each pattern's count (0 until hit, at most MAX_OCCURRENCES), the paragraphs it was counted in (no
  // more than its count: pattern `id`'s are hitParagraphCount[id] from id * MAX_OCCURRENCES on), and the
  // patterns in the order first hit.
  const hitCount = new Int32Array(keys.size);
  const hitParagraphs = new Int32Array(keys.size * MAX_OCCURRENCES);
  const hitParagraphCount = new Int32Array(keys.size);
  const hitOrder: number[] = [];

  function addHit(id: number, n: number, paragraph: number): void {
    const count = hitCount[id]!;
    const at = id * MAX_OCCURRENCES;
    if (count === 0) {
      hitOrder.push(id);
      hitCount[id] = Math.min(n, MAX_OCCURRENCES);
      hitParagraphs[at] = paragraph;
      hitParagraphCount[id] = 1;
    } else if (count < MAX_OCCURRENCES) {
      hitCount[id] = Math.min(count + n, MAX_OCCURRENCES);
      const k = hitParagraphCount[id]!;
      if (hitParagraphs[at + k - 1] !== paragraph) {
        hitParagraphs[at + k] = paragraph;
        hitParagraphCount[id] = k + 1;
      }
    }
  }

  function hitIn(id: number, paragraph: number): boolean {
    const at = id * MAX_OCCURRENCES;
    for (let k = at, end = at + hitParagraphCount[id]!; k < end; k++) if (hitParagraphs[k] === paragraph) return true;
    return false;
  }

  // The words around a line's end that an English phrase may run across: up to maxRest of the line's own and
  // maxRest after it.
  const window = new Int32Array(2 * maxRest);

  /**
   * English phrases first, over all the text's words, then Korean-side terms, as one scan would. Leaves the
   * hits in hitCount, hitParagraphs and hitOrder.
   */
  function scan(paragraphs: readonly (readonly LexiconLine[])[]): void {
    for (const id of hitOrder) hitCount[id] = 0;
    hitOrder.length = 0;
    // A line whose last words may start a phrase running on is read with the words around its end: up to
    // maxRest of its own and maxRest after it, from the lines that follow in its paragraph.
    for (let p = 0; p < paragraphs.length; p++) {
      const lines = paragraphs[p]!;
      for (let at = 0; at < lines.length; at++) {
        const l = lines[at]!;
        let crossing = 0;
        if (l.crossing & ENGLISH_TAIL) {
          const { codes } = l;
          const own = Math.min(maxRest, codes.length);
          let length = 0;
          for (let j = codes.length - own; j < codes.length; j++) window[length++] = codes[j]!;
          for (let k = at + 1; k < lines.length && length < own + maxRest; k++) {
            const next = lines[k]!.codes;
            for (let j = 0; j < next.length && length < own + maxRest; j++) window[length++] = next[j]!;
          }
          crossing = crossingEnglish(window, length, own - codes.length, own);
        }
        if (l.englishHits.length > 0 || crossing > 0) record(l.englishHits, crossing, p);
      }
    }
    for (let p = 0; p < paragraphs.length; p++) {
      const lines = paragraphs[p]!;
      for (let k = 0; k < lines.length; k++) {
        const l = lines[k]!;
        const crossing = l.crossing & KOREAN_TAIL ? crossingKorean(lines, k) : 0;
        if (l.koreanHits.length > 0 || crossing > 0) record(l.koreanHits, crossing, p);
      }
    }
  }

  /** Whether every pattern in `ids` was hit, and one paragraph holds a hit of each. */
  function allInOneParagraph(ids: readonly number[]): boolean {
    if (ids.length === 0) return false;
    for (const id of ids) if (hitCount[id] === 0) return false;
    const first = ids[0]!;
    const at = first * MAX_OCCURRENCES;
    for (let k = at, end = at + hitParagraphCount[first]!; k < end; k++) {
      const paragraph = hitParagraphs[k]!;
      let all = true;
      for (let i = 1; i < ids.length && all; i++) all = hitIn(ids[i]!, paragraph);
      if (all) return true;
    }
    return false;
  }

  const tokenCode: TokenCoder = (token) => codes.get(token) ?? -1;
  const codeLine = lineCoder(wordCoder(tokenCode));
  const prepare = (text: string, code: LineCoder = codeLine) => lineHits(prepareLine(text, code));

  function annotateLines(paragraphs: readonly (readonly LexiconLine[])[]): Annotation {
    scan(paragraphs);
    const concepts = new Map<string, number>();
    const signatures = new Set<string>();
    for (const id of hitOrder) {
      const count = hitCount[id]!;
      for (const c of conceptsOf.get(id) ?? NONE) concepts.set(c, (concepts.get(c) ?? 0) + count);
      for (const e of entriesOf.get(id) ?? NONE) {
        if (!signatures.has(e.signature) && allInOneParagraph(e.ids)) signatures.add(e.signature);
      }
    }
    if (exceptedOf.size > 0) {
      for (const id of hitOrder) {
        for (const c of exceptedOf.get(id) ?? NONE) {
          const left = (concepts.get(c) ?? 0) - hitCount[id]!;
          if (left > 0) concepts.set(c, left);
          else concepts.delete(c);
        }
      }
    }
    return { concepts, signatures };
  }

  return {
    lexicon,
    tokenCode,
    prepareLine: prepare,
    signature: (id) => byId.get(id),
    annotateLines,
    annotate: (text) => annotateLines(text.split(PARAGRAPH_BREAK).map((p) => p.split('\n').map((l) => prepare(l)))),
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

/** Most entries one `all:` with alternatives may stand for: more says the signature is too loose. */
const MAX_ALL_ENTRIES = 64;

/**
 * An `all:` list, where an item that is itself a list offers alternatives (any one of its phrases):
 * `all: [[CrashLoopBackOff, is crash-looping], [ubuntu, alpine]]` is four entries of two phrases each.
 */
function allEntries(file: string, where: string, v: unknown): { all: string[] }[] {
  if (!Array.isArray(v) || v.length === 0) fail(file, `${where} must be a list of strings or lists of strings`);
  const choices = v.map((item, k) => (Array.isArray(item) ? stringList(file, `${where} #${k + 1}`, item) : [item]));
  let entries: string[][] = [[]];
  for (const [k, choice] of choices.entries()) {
    if (!choice.every((x) => typeof x === 'string' || typeof x === 'number') || choice.length === 0) {
      fail(file, `${where} #${k + 1} must be a phrase or a list of phrases`);
    }
    entries = entries.flatMap((entry) => choice.map((phrase) => [...entry, String(phrase)]));
    if (entries.length > MAX_ALL_ENTRIES) fail(file, `${where} stands for more than ${MAX_ALL_ENTRIES} combinations`);
  }
  return entries.map((all) => ({ all }));
}

const REPO = /^[\w.-]+\/[\w.-]+$/;

function signatureSources(file: string, id: string, raw: unknown): SignatureSource[] {
  if (!Array.isArray(raw)) fail(file, `signature ${id} sources: must be a list`);
  return raw.map((entry, j) => {
    const where = `signature ${id} source #${j + 1}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) fail(file, `${where} must be a mapping`);
    const { repo, path, ref, doc, ...rest } = entry as Record<string, unknown>;
    const extra = Object.keys(rest);
    if (extra.length > 0) fail(file, `${where}: unknown field ${extra[0]}`);
    if (doc !== undefined) {
      if (typeof doc !== 'string' || !doc.startsWith('knowledge/') || repo !== undefined || path !== undefined) {
        fail(file, `${where}: doc must be knowledge/<file>#<section>, alone`);
      }
      return { doc };
    }
    if (typeof repo !== 'string' || !REPO.test(repo)) fail(file, `${where}: repo must be owner/name`);
    if (typeof path !== 'string' || !path) fail(file, `${where}: needs the path in ${repo}`);
    if (ref !== undefined && typeof ref !== 'string' && typeof ref !== 'number')
      fail(file, `${where}: ref must be a tag or commit`);
    return { repo, path, ...(ref === undefined ? {} : { ref: String(ref) }) };
  });
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
    for (const [id, value] of Object.entries(rawConcepts as Record<string, unknown>)) {
      // A list of terms, or `{ terms: [...], except: [...] }`.
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        const { terms, except } = value as { terms?: unknown; except?: unknown };
        concepts.push({
          id,
          terms: stringList(file, `concept ${id} terms`, terms),
          ...(except === undefined ? {} : { except: stringList(file, `concept ${id} except`, except) }),
        });
      } else concepts.push({ id, terms: stringList(file, `concept ${id}`, value) });
    }
  }
  const signatures: Signature[] = [];
  const rawSignatures = root.signatures;
  if (rawSignatures !== undefined) {
    if (!Array.isArray(rawSignatures)) fail(file, 'signatures: must be a list');
    for (const [i, raw] of rawSignatures.entries()) {
      if (typeof raw !== 'object' || raw === null) fail(file, `signature #${i + 1} must be a mapping`);
      const s = raw as {
        id?: unknown;
        match?: unknown;
        summary?: unknown;
        concepts?: unknown;
        specific?: unknown;
        sources?: unknown;
      };
      const id = s.id;
      if (typeof id !== 'string' || !id) fail(file, `signature #${i + 1} needs an id`);
      const match = s.match;
      if (!Array.isArray(match) || match.length === 0) fail(file, `signature ${id} needs a match: list`);
      const entries = match.flatMap((m, j): (string | { all: string[] })[] => {
        if (typeof m === 'string') return [m];
        if (typeof m === 'object' && m !== null && 'all' in m) {
          return allEntries(file, `signature ${id} match #${j + 1} all`, (m as { all: unknown }).all);
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
        ...(s.sources === undefined ? {} : { sources: signatureSources(file, id, s.sources) }),
      });
    }
  }
  return { concepts, signatures };
}

/** Merges lexicons: concept terms are united by id, signatures with a repeated id replace earlier ones. */
export function mergeLexicons(parts: readonly Lexicon[]): Lexicon {
  const concepts = new Map<string, { terms: Set<string>; except: Set<string> }>();
  const signatures = new Map<string, Signature>();
  for (const part of parts) {
    for (const c of part.concepts) {
      const merged = concepts.get(c.id) ?? { terms: new Set<string>(), except: new Set<string>() };
      for (const t of c.terms) merged.terms.add(t);
      for (const t of c.except ?? []) merged.except.add(t);
      concepts.set(c.id, merged);
    }
    for (const s of part.signatures) signatures.set(s.id, s);
  }
  return {
    concepts: [...concepts].map(([id, { terms, except }]) => ({
      id,
      terms: [...terms],
      ...(except.size > 0 ? { except: [...except] } : {}),
    })),
    signatures: [...signatures.values()],
  };
}

/**
 * Checks that signatures name only known concepts and that each concept's exceptions hold one of its terms;
 * returns the problems (empty when all is well).
 */
export function lexiconProblems(lexicon: Lexicon): string[] {
  const known = new Set(lexicon.concepts.map((c) => c.id));
  const problems: string[] = [];
  // An exception takes back one mention of a term it holds: one that holds none would take back others.
  const inText = (p: Pattern | undefined) =>
    p === undefined ? '' : p.kind === 'ko' ? p.text : ` ${p.phrase.tokens.join(' ')} `;
  for (const c of lexicon.concepts) {
    for (const e of c.except ?? []) {
      const within = inText(compilePattern(e));
      const holds = (t: string) => {
        const term = inText(compilePattern(t));
        return term !== '' && within.includes(term);
      };
      if (!c.terms.some(holds)) {
        problems.push(`concept ${c.id}: exception "${e}" holds none of its terms`);
      }
    }
  }
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
