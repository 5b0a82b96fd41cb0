import { describe, expect, it } from 'vitest';
import { boundText } from '../../src/text-bound.ts';

describe('boundText', () => {
  it('passes text within the bound through and says it was not cut', () => {
    expect(boundText('abc', 3)).toEqual({ text: 'abc', cut: false });
  });

  it('keeps the head of longer text and says it was cut', () => {
    expect(boundText('abcdef', 4)).toEqual({ text: 'abcd', cut: true });
  });

  it('never leaves half of a surrogate pair at the end', () => {
    expect(boundText('ab😀c', 3)).toEqual({ text: 'ab', cut: true });
    expect(boundText('ab😀c', 4)).toEqual({ text: 'ab😀', cut: true });
  });
});
