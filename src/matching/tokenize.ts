/**
 * Terms for the index, the same on both sides: lower-cased English words with a light stem (and the parts
 * of CamelCase reasons: ImagePullBackOff → imagepullbackoff, image, pull, back, off), and for Korean the
 * word's stem (particle or predicate ending off, korean-stem.ts) plus its character bigrams, so that "팟이"
 * meets "팟(Pod)이", "보류 상태를" meets "보류 상태" and "재시작돼요" meets "재시작되는".
 */
import { isParticle, stemKorean } from './korean-stem.ts';

const STOP = new Set(
  `a an the and or of to in on at by for from with as is are was were be been being it its this that these those
  i you he she we they me my our your their them his her do does did done have has had having not no but if then
  so than too very can could should would will shall may might must there here when where which who whom what why
  how all any both each few more most other some such only own same just also into over under again further once
  about above below up down out off s t d ll m o re ve y get got please help thanks hi hello anyone issue problem
  same like using use used`.split(/\s+/),
);

/** Placeholder words from normalizeVariables: kept as terms, but they say little on their own. */
export const PLACEHOLDER_TERMS: ReadonlySet<string> = new Set([
  'ipaddr',
  'podname',
  'nodename',
  'imageref',
  'hostname',
  'someid',
  'somename',
  'email',
]);

/** Korean words that only shape a question ("how", "what should I do"): they say nothing about the topic. */
const KO_STOP = new Set(
  `어떻게 어떤 무엇 무엇인가요 무엇입니까 뭘 뭐 왜 언제 어디 어디에서 해야 하나요 합니까 있나요 있습니까 됩니까 되나요 할까요
  하는 하면 하려면 해요 했는데 하는데 인가요 입니까 있을까요 될까요 수 것 거 좀 더 안 못 제가 저는 우리 그리고 그런데 그래서 다음
  이 그 저 이런 그런 계속 방법 방법은 경우 경우에는 때 때문에 대한 위해 통해 관련 문제 문제가 질문 해결 어떻게든
  하 되 있 없 않 해 돼 했 됐 이 아니 같 주 보 알 싶 나요 예요 몇 보통 혹시 정도`.split(/\s+/),
);

/** A light English stem: plurals, -ing, -ed. Enough to meet "pods"/"pod", "pulling"/"pull". */
export function stem(word: string): string {
  const w = word;
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('ing') && w.length > 5) {
    const s = w.slice(0, -3);
    return /([b-df-hj-np-tv-z])\1$/.test(s) && !/ll$|ss$/.test(s) ? s.slice(0, -1) : s;
  }
  if (w.endsWith('ed') && w.length > 4 && !w.endsWith('eed')) {
    const s = w.slice(0, -2);
    return /([b-df-hj-np-tv-z])\1$/.test(s) && !/ll$|ss$/.test(s) ? s.slice(0, -1) : s;
  }
  if (w.endsWith('es') && /(?:ch|sh|x|ss|zz)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) return w.slice(0, -1);
  return w;
}

const WORD = /[\p{Script=Hangul}]+|[A-Za-z][A-Za-z0-9_]*|[0-9][A-Za-z0-9]*/gu;
const CAMEL = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+/g;

function englishTerms(word: string, out: string[]): void {
  const lower = word.toLowerCase();
  if (/^[0-9]+$/.test(lower)) {
    // 3–5 digit numbers mean something (401, 10250, 6443, 1809); counts, sizes and ids do not.
    if (lower.length >= 3 && lower.length <= 5) out.push(lower);
    return;
  }
  if (lower.length < 2 || STOP.has(lower)) return;
  out.push(stem(lower));
  // CamelCase and snake_case parts: ImagePullBackOff, FailedCreatePodSandBox, image_gc_manager.
  const parts = word.includes('_') ? word.split('_') : (word.match(CAMEL) ?? []);
  if (parts.length > 1) {
    for (const p of parts) {
      const pl = p.toLowerCase();
      if (pl.length >= 2 && !STOP.has(pl) && !/^[0-9]+$/.test(pl)) out.push(stem(pl));
    }
  }
}

function koreanTerms(run: string, out: string[]): void {
  if (KO_STOP.has(run) || isParticle(run)) return;
  const word = stemKorean(run);
  if (KO_STOP.has(word)) return;
  out.push(word);
  if (word.length >= 3) for (let i = 0; i + 2 <= word.length; i++) out.push(word.slice(i, i + 2));
}

/** A text as its lower-cased words and numbers, one space apart: how phrases and quotes are looked up in it. */
export function flatWords(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The words of a text that terms come from (a pure function of the text, so callers may memoise per word). */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Appends the terms of one of {@link words}' words to `out`. */
export function wordTerms(word: string, out: string[]): void {
  const c = word.charCodeAt(0);
  if (c >= 0xac00 && c <= 0xd7a3) koreanTerms(word, out);
  else if (c >= 0x1100 && c <= 0x11ff) koreanTerms(word, out);
  else englishTerms(word, out);
}

/** The terms of a text, in order, with repeats (term frequency matters). Bounded by the text's length. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) wordTerms(w, out);
  return out;
}

/**
 * The main term of each word of a text (its stem, without CamelCase parts or Hangul bigrams), each once.
 * A function made by {@link stemsOf} remembers each word's stem: words repeat across a corpus.
 */
export function stemsOf(): (text: string) => Set<string> {
  const known = new Map<string, string>();
  const terms: string[] = [];
  return (text) => {
    const out = new Set<string>();
    for (const w of words(text)) {
      let s = known.get(w);
      if (s === undefined) {
        terms.length = 0;
        wordTerms(w, terms);
        s = terms[0] !== undefined && !/^[0-9]+$/.test(terms[0]) ? terms[0] : '';
        known.set(w, s);
      }
      if (s) out.add(s);
    }
    return out;
  };
}

/** {@link stemsOf} without memory, for one text. */
export function stems(text: string): Set<string> {
  return stemsOf()(text);
}
