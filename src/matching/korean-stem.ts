/**
 * A light Korean stemmer for index terms: the particle after a noun, or the ending of a predicate, is taken
 * off, so that the forms a question uses meet the forms the documents use (`재시작돼요` / `재시작되는` /
 * `재시작됩니다` → `재시작`; `걸리나요` / `걸립니까` → `걸리`; `설치할` / `설치한` → `설치`). It works on
 * syllables and their final consonants (jamo), needs no dictionary, and errs on the side of leaving a word
 * whole: a noun that merely ends like an ending (`연결`, `시간`) keeps its last syllable unless a whole
 * ending is found after it.
 */

const HANGUL_BASE = 0xac00;
const HANGUL_LAST = 0xd7a3;
const FINALS = 28;

/** Final consonant indices (jongseong) that endings fuse onto a verb stem. */
const FINAL = { none: 0, n: 4, l: 8, m: 16, b: 17, ss: 20 } as const;

function finalOf(syllable: number): number {
  return syllable >= HANGUL_BASE && syllable <= HANGUL_LAST ? (syllable - HANGUL_BASE) % FINALS : -1;
}

function withoutFinal(syllable: number): number {
  return syllable - ((syllable - HANGUL_BASE) % FINALS);
}

// Particles and endings that attach to nouns; longest first.
const PARTICLES = [
  '으로부터',
  '에서는',
  '에서요',
  '으로는',
  '에게서',
  '이라고',
  '에서',
  '으로',
  '에게',
  '까지',
  '부터',
  '처럼',
  '보다',
  '라는',
  '라고',
  '이라',
  '하고',
  '와의',
  '과의',
  '이나',
  '에는',
  '는요',
  '은요',
  '에도',
  '이란',
  '은',
  '는',
  '이',
  '가',
  '을',
  '를',
  '에',
  '의',
  '로',
  '와',
  '과',
  '도',
  '만',
];

/**
 * Endings of predicates (polite, formal, connective, adnominal), longest first. Each is taken off whole; a
 * leading `ㅂ`/`ㄴ`/`ㄹ` of the formal and adnominal forms is fused into the syllable before (`립니까`),
 * which {@link stemKorean} handles by the final consonant instead.
 */
const ENDINGS = [
  '으십시오',
  '었습니까',
  '았습니까',
  '었습니다',
  '았습니다',
  '습니까',
  '습니다',
  '십시오',
  '으므로',
  '었으며',
  '었거나',
  '었는지',
  '으려면',
  '으려고',
  '는데요',
  '던데요',
  '거든요',
  '잖아요',
  '을까요',
  '인가요',
  '이에요',
  '인데요',
  '었는데',
  '았는데',
  '었어요',
  '았어요',
  '인데',
  '니까',
  '니다',
  '시오',
  '므로',
  '거나',
  '으며',
  '었고',
  '었다',
  '나요',
  '까요',
  '가요',
  '네요',
  '군요',
  '어요',
  '아요',
  '여요',
  '에요',
  '예요',
  '세요',
  '지요',
  '려면',
  '려고',
  '는데',
  '던데',
  '지만',
  '면서',
  '도록',
  '어서',
  '아서',
  '어도',
  '아도',
  '는지',
  '은지',
  '었던',
  '았던',
  '어야',
  '아야',
  '죠',
  '야',
  '며',
  '여',
  '어',
  '요',
  '다',
  '면',
  '고',
  '지',
  '게',
  '기',
  '서',
  '던',
];

/** Verbs that make a predicate of a noun (`설치하다`, `연결되다`): taken off after the ending. */
const LIGHT_VERBS = ['시키', '하', '되'];

/** Contracted or fused forms of the light verbs: the syllable they stand for. */
const FUSED: Readonly<Record<string, string>> = {
  해: '하',
  했: '하',
  한: '하',
  할: '하',
  함: '하',
  합: '하',
  돼: '되',
  됐: '되',
  된: '되',
  될: '되',
  됨: '되',
  됩: '되',
  켜: '키',
  켰: '키',
};

/** Particles that also stand alone, written after a word in another script (`CVM 을`, `docker 를`, `curl 이랑`). */
const LOOSE_PARTICLES = new Set([
  ...PARTICLES,
  '랑',
  '이랑',
  '한테',
  '께서',
  '에선',
  '에서도',
  '으로도',
  '로도',
  '로는',
  '이든',
  '든지',
]);

/** Whether a whole word is only a particle: the noun it belongs to was written in Latin letters or digits. */
export function isParticle(word: string): boolean {
  return LOOSE_PARTICLES.has(word);
}

/** Removes one trailing particle from a Korean word when something of at least one syllable remains. */
export function stripParticle(word: string): string {
  for (const p of PARTICLES) {
    if (word.length > p.length && word.endsWith(p)) return word.slice(0, -p.length);
  }
  return word;
}

/** Removes a predicate ending; `undefined` when the word has none. */
function stripEnding(word: string): string | undefined {
  for (const e of ENDINGS) {
    if (word.length <= e.length || !word.endsWith(e)) continue;
    const rest = word.slice(0, -e.length);
    // `ㅂ니다`/`ㅂ니까`: the ㅂ sits on the syllable before (`립니까` → `리`).
    if ((e === '니다' || e === '니까') && finalOf(rest.charCodeAt(rest.length - 1)) === FINAL.b) {
      return rest.slice(0, -1) + String.fromCharCode(withoutFinal(rest.charCodeAt(rest.length - 1)));
    }
    // Single-syllable endings are common ends of nouns too (`요` in `필요`, `지` in `이미지`): only after a
    // light verb or a fused form do they count.
    if (e.length === 1 && !/[하되해했돼됐키켜시]$/.test(rest)) continue;
    return rest;
  }
  return undefined;
}

/** The stem of a Korean word: particle or ending off, then a light verb off when a noun remains. */
export function stemKorean(word: string): string {
  const particleLess = stripParticle(word);
  let stem = stripEnding(word) ?? particleLess;
  const last = stem.slice(-1);
  const fused = FUSED[last];
  if (fused && stem.length >= 3) stem = stem.slice(0, -1) + fused;
  for (const v of LIGHT_VERBS) {
    // A noun of two syllables or more stays (`설치하` → `설치`); a one-syllable remainder was the verb itself.
    if (stem.length >= v.length + 2 && stem.endsWith(v)) return stem.slice(0, -v.length);
  }
  return stem;
}
