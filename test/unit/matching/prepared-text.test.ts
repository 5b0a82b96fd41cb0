import { describe, expect, it } from 'vitest';
import { compileLexicon } from '../../../src/matching/lexicon.ts';
import { prepareLine, prepareText, wordCoder } from '../../../src/matching/prepared-text.ts';
import { stem } from '../../../src/matching/tokenize.ts';

const codes = new Map<string, number>();
const code = wordCoder((token) => {
  if (!codes.has(token)) codes.set(token, codes.size);
  return codes.get(token)!;
});

/** The text prepared whole, paragraph by paragraph: what assembling it from lines must equal. */
function prepareWhole(text: string) {
  const tokens: number[] = [];
  const tokenParagraphs: number[] = [];
  const charParagraphs: number[] = [];
  let lower = '';
  for (const para of text.split(/\n\s*\n/)) {
    tokenParagraphs.push(tokens.length);
    charParagraphs.push(lower.length);
    for (const m of para.matchAll(/[A-Za-z][A-Za-z0-9_]*|[0-9][A-Za-z0-9]*/g)) {
      tokens.push(code(m[0]));
      expect(code(m[0])).toBe(code(stem(m[0].toLowerCase())));
    }
    lower += `${para.toLowerCase().replace(/\s+/g, ' ')}\n`;
  }
  return { codes: Int32Array.from(tokens), lower, tokenParagraphs, charParagraphs };
}

describe('prepareText', () => {
  const texts = [
    '',
    ' ',
    '\n',
    '\n\n',
    'a\n\n\nb',
    'one line',
    '  leading and trailing  ',
    'Pods are Pending\n  0/3 nodes are available\t\n\nEvents:\r\n  Warning FailedScheduling',
    'a\n \n b\n\t\n',
    'line\n   ',
    '   \nline',
    'x \n y \n z',
    '\u00a0nbsp\u3000ideographic space\u00a0\n\u2028sep',
    'ΟΔΟΣ\nΣΟΦΟΣ ΑΣ',
    '작업자\n노드가 준비되지 않음\n\n팟(Pod)이 보류 상태',
    'İstanbul\nİ',
  ];

  it.each(texts)('assembles the same preparation from lines as from the whole text: %j', (text) => {
    expect(prepareText(text, (line) => prepareLine(line, code))).toEqual(prepareWhole(text));
  });

  it('finds terms across a line break', () => {
    const lex = compileLexicon({
      concepts: [{ id: 'node', terms: ['worker node', '작업자 노드'] }],
      signatures: [],
    });
    expect(lex.annotate('a worker\nnode').concepts.get('node')).toBe(1);
    expect(lex.annotate('작업자\n  노드가').concepts.get('node')).toBe(1);
  });
});
