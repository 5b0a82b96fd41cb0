import { describe, expect, it } from 'vitest';
import { parseTextCommand } from '../../../adapters/teams/text-command.ts';

describe('parseTextCommand', () => {
  it.each([
    { text: 'diagnose pod web-1 -n shop --context prod', name: 'diagnose', args: 'pod web-1 -n shop --context prod' },
    { text: '/diagnose pod web-1', name: 'diagnose', args: 'pod web-1' },
    { text: 'Diagnose', name: 'diagnose', args: '' },
    { text: 'kb  image pull secret ', name: 'kb', args: 'image pull secret' },
    { text: 'handoff 12h', name: 'handoff', args: '12h' },
    { text: 'handoff', name: 'handoff', args: '' },
    { text: 'help', name: 'help', args: '' },
  ])('reads "$text" when addressed', ({ text, name, args }) => {
    expect(parseTextCommand(text, true)).toEqual({ name, args });
  });

  it('leaves questions that start with "help" to the matcher', () => {
    expect(parseTextCommand('help me, my pod is Pending', true)).toBeUndefined();
  });

  it('is not fooled by other words or errors', () => {
    expect(parseTextCommand('Back-off restarting failed container', true)).toBeUndefined();
    expect(parseTextCommand('kbps too low', true)).toBeUndefined();
  });

  it('takes only one well-formed command line from a channel message it overheard', () => {
    expect(parseTextCommand('diagnose pod web-1 -n shop', false)).toEqual({
      name: 'diagnose',
      args: 'pod web-1 -n shop',
    });
    expect(parseTextCommand('diagnose this please, the pod keeps dying', false)).toBeUndefined();
    expect(parseTextCommand('kb', false)).toBeUndefined();
    expect(
      parseTextCommand('handoff the pager to Min-su at six, then go home and get some sleep', false),
    ).toBeUndefined();
    expect(parseTextCommand('kb imagepull\nsecond line', false)).toBeUndefined();
  });
});
