import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FileKnowledgeSource } from '../../../src/knowledge/file-knowledge-source.ts';
import { normalizeVariables } from '../../../src/matching/normalize-query.ts';
import { WHOLE_WORD } from '../../../src/matching/prepared-text.ts';
import { words } from '../../../src/matching/tokenize.ts';
import { isHangulCode, WordTable } from '../../../src/matching/word-table.ts';

/** The table's words of a text, as strings. */
function scanned(table: WordTable<string>, text: string, hangul: boolean): string[] {
  const out: string[] = [];
  const n = table.scan(text, hangul, out);
  return out.slice(0, n);
}

const crafted = [
  '',
  ' ',
  'a',
  '9',
  '_',
  '팟',
  'ImagePullBackOff image_gc_manager 3rd_party _x x_ 9a_1 1_a a1_b2 0x1F',
  '팟이 계속 Pending 상태예요. kube-프록시 API서버',
  'abc팟def 12팟34 팟abc_팟',
  'ends with a word',
  'ends with 42',
  'ends with 팟이',
  '\u1100\u11ff\u302e\u3131\u318e\uac00\ud7a3\ud7b0\ud7fb\uffa0\uffdc \u3130\u318f\ud7a4',
  'Partyés naïve café résumé Ωmega x\u00b2',
  'emoji 😀 pair \ud83d\ude00x lone \ud800 \udc00y',
  'tabs\tand\r\nbreaks\u2028here\u00a0nbsp',
  '<pod_name> 10.0.0.1:10250 us.icr.io/ns/img:1.2 sha256:abcdef0123',
];

describe('WordTable', () => {
  it('knows Hangul as \\p{Script=Hangul} does, for every code point', () => {
    const hangul = /\p{Script=Hangul}/u;
    for (let c = 0; c < 0x10000; c++) {
      if (isHangulCode(c) !== hangul.test(String.fromCharCode(c))) expect.fail(`U+${c.toString(16)}`);
    }
    // None lies outside the Basic Multilingual Plane, where a UTF-16 code unit is a code point.
    for (let c = 0x10000; c < 0x110000; c++) {
      if (hangul.test(String.fromCodePoint(c))) expect.fail(`U+${c.toString(16)}`);
    }
  });

  it.each(crafted)('finds the words tokenize and WHOLE_WORD find: %j', (text) => {
    const table = new WordTable((w) => w);
    expect(scanned(table, text, true)).toEqual(words(text));
    expect(scanned(table, text, false)).toEqual(text.match(WHOLE_WORD) ?? []);
  });

  it('makes one value per distinct word, when first met, and gives it back after', () => {
    const made: string[] = [];
    const table = new WordTable((w) => {
      made.push(w);
      return { w };
    });
    const out: { w: string }[] = [];
    const text = 'pod Pod pod pods 팟 팟 pod_name pod';
    const n = table.scan(text, true, out);
    expect(made).toEqual(['pod', 'Pod', 'pods', '팟', 'pod_name']);
    expect(out.slice(0, n).map((v) => v.w)).toEqual(words(text));
    expect(out[0]).toBe(out[2]);
    expect(out[0]).toBe(out[n - 1]);
  });

  it('keeps words apart as the table grows, on the knowledge and the dev set', async () => {
    const { sections } = await new FileKnowledgeSource({ root: process.cwd() }).load();
    const texts = sections.flatMap((s) => [s.title, s.symptoms, s.causes, s.text, ...s.errors]);
    try {
      const dev = readFileSync('../shared/eval/dev.jsonl', 'utf8');
      for (const l of dev.split('\n')) if (l.trim()) texts.push((JSON.parse(l) as { text: string }).text);
    } catch {
      // The dev set is not everywhere; the knowledge is enough.
    }
    const table = new WordTable((w) => ({ w }));
    const out: { w: string }[] = [];
    for (const text of texts) {
      for (const line of [text, normalizeVariables(text)]) {
        let n = table.scan(line, true, out);
        expect(out.slice(0, n).map((v) => v.w)).toEqual(words(line));
        n = table.scan(line, false, out);
        expect(out.slice(0, n).map((v) => v.w)).toEqual(line.match(WHOLE_WORD) ?? []);
      }
    }
  });
});
