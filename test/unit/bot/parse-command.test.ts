import { describe, expect, it } from 'vitest';
import { commandName, parseArgs, parseCommandText, tokenize } from '../../../src/commands/parse-command.ts';

describe('parseCommandText', () => {
  it.each([
    { text: 'diagnose pod web-1 -n shop', expected: { name: 'diagnose', args: 'pod web-1 -n shop' } },
    { text: '/kb image pull  ', expected: { name: 'kb', args: 'image pull' } },
    { text: 'HELP', expected: { name: 'help', args: '' } },
    { text: 'help me, my pod is pending', expected: undefined },
    { text: 'kubectl get pods', expected: undefined },
    { text: 'handoff 12h', expected: { name: 'handoff', args: '12h' } },
  ])('$text', ({ text, expected }) => {
    expect(parseCommandText(text)).toEqual(expected);
  });
});

describe('parseArgs', () => {
  const spec = { flags: ['namespace', 'context'], aliases: { n: 'namespace' } };

  it('reads positionals and flags in both spellings', () => {
    expect(parseArgs('pod web-1 -n shop --context=prod', spec).parsed).toEqual({
      positional: ['pod', 'web-1'],
      flags: { namespace: 'shop', context: 'prod' },
    });
  });

  it('names an unknown option or a missing value', () => {
    expect(parseArgs('pod web-1 --force', spec).problem).toBe('unknown option --force');
    expect(parseArgs('pod web-1 -n', spec).problem).toBe('option -n needs a value');
  });

  it('keeps quoted words together', () => {
    expect(tokenize(`kb "image pull" 'a b'`)).toEqual(['kb', 'image pull', 'a b']);
  });
});

describe('commandName', () => {
  it('keeps a known name and calls any other unknown, keeping what was typed', () => {
    expect(commandName('/diagnose')).toEqual({ name: 'diagnose' });
    expect(commandName('KB')).toEqual({ name: 'kb' });
    expect(commandName('/frobnicate')).toEqual({ name: 'unknown', typed: '/frobnicate' });
    expect(commandName(`/${'x'.repeat(500)}`).typed).toHaveLength(64);
  });
});
