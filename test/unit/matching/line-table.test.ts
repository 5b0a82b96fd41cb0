import { describe, expect, it } from 'vitest';
import { isSpaceCode, LineTable } from '../../../src/matching/line-table.ts';
import { PARAGRAPH_BREAK } from '../../../src/matching/prepared-text.ts';

/** The table's reading of a text as line texts, paragraph by paragraph. */
function paragraphsOf(table: LineTable, text: string): string[][] {
  const numbers: number[] = [];
  const starts: number[] = [];
  const count = table.lines(text, numbers, starts);
  return starts.map((from, p) => numbers.slice(from, starts[p + 1] ?? count).map((n) => table.texts[n]!));
}

function linesOf(table: LineTable, text: string): string[] {
  const numbers: number[] = [];
  const count = table.lines(text, numbers);
  return numbers.slice(0, count).map((n) => table.texts[n]!);
}

const crafted = [
  '',
  '\n',
  '\n\n',
  '\n\n\n',
  'a',
  'a\nb',
  'a\n\nb',
  'a\n \t\nb',
  'a\n\n\n\nb',
  '\n\nb',
  'a\n\n',
  'a\n\n\n',
  'a\n  \n  b',
  'a\r\n\r\nb',
  'a\n\u00a0\u3000\ufeff\nb',
  'a\n\u2028\nb',
  'a\n\u200b\nb',
  'a\n x \nb',
  '  lead\n\n  trail  \n\t\n',
  '팟이 계속 Pending\n\n상태예요\n\n\n  kubectl get pods\n',
];

describe('LineTable', () => {
  it('knows whitespace as /\\s/ does, for every code unit but the line feed', () => {
    for (let c = 0; c < 0x10000; c++) {
      if (c === 0x0a) continue;
      if (isSpaceCode(c) !== /\s/.test(String.fromCharCode(c))) expect.fail(`U+${c.toString(16)}`);
    }
  });

  it.each(crafted)('reads lines and paragraphs as split does: %j', (text) => {
    const table = new LineTable();
    expect(linesOf(table, text)).toEqual(text.split('\n'));
    expect(paragraphsOf(table, text)).toEqual(text.split(PARAGRAPH_BREAK).map((p) => p.split('\n')));
  });

  it('agrees with split on random texts of lines, spaces and breaks', () => {
    const alphabet = ['a', 'b', ' ', '\t', '\r', '\n', '\n', '\u00a0', '\u2028', '팟'];
    let seed = 7;
    const next = () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const table = new LineTable();
    for (let i = 0; i < 2_000; i++) {
      let text = '';
      const length = Math.floor(next() * 24);
      for (let j = 0; j < length; j++) text += alphabet[Math.floor(next() * alphabet.length)];
      expect(linesOf(table, text)).toEqual(text.split('\n'));
      expect(paragraphsOf(table, text)).toEqual(text.split(PARAGRAPH_BREAK).map((p) => p.split('\n')));
    }
  });

  it('numbers each distinct line once, as first met', () => {
    const table = new LineTable();
    const numbers: number[] = [];
    const count = table.lines('pod\nnode\npod\n\nnode\npods', numbers);
    expect(numbers.slice(0, count)).toEqual([0, 1, 0, 2, 1, 3]);
    expect(table.texts).toEqual(['pod', 'node', '', 'pods']);
    table.lines('pods\nsecret', numbers);
    expect(numbers.slice(0, 2)).toEqual([3, 4]);
    expect(table.size).toBe(5);
  });
});
