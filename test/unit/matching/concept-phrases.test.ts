import { describe, expect, it } from 'vitest';
import { conceptPhrases, phraseWordsUsed } from '../../../src/matching/concept-phrases.ts';
import { loadLexicon } from '../../../src/matching/lexicon.ts';

describe('concept phrases', () => {
  const lexicon = {
    concepts: [
      { id: 'timezone', terms: ['timezone', 'time zone', 'utc', '시간대'] },
      { id: 'secret', terms: ['secret', 'pull secret', 'image-pull secret'] },
    ],
  };
  const phrases = conceptPhrases(lexicon);

  it('keeps the multi-word English names of each concept, with their index terms', () => {
    expect(phrases.get('timezone')).toEqual([{ text: 'time zone', terms: ['time', 'zone'] }]);
    expect(phrases.get('secret')?.map((p) => p.text)).toEqual(['pull secret', 'image pull secret']);
  });

  it('names the words of a phrase the text spells out, for the concepts found in it', () => {
    const text = 'My pods ignore the Time-Zone of the node; the pull secret is fine.';
    expect([...phraseWordsUsed(text, ['timezone', 'secret'], phrases)].sort()).toEqual([
      'pull',
      'secret',
      'time',
      'zone',
    ]);
    // A word of a phrase on its own, or a phrase of a concept the lexicon did not find, is left alone.
    expect(phraseWordsUsed('the availability zone of the node', ['timezone'], phrases).size).toBe(0);
    expect(phraseWordsUsed('the time zone', [], phrases).size).toBe(0);
  });

  it('reads the shipped vocabulary', async () => {
    const shipped = conceptPhrases(await loadLexicon('knowledge/lexicon'));
    expect(shipped.get('timezone')?.map((p) => p.text)).toContain('time zone');
  });
});
