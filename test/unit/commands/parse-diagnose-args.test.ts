import { describe, expect, it } from 'vitest';
import { parseDiagnoseArgs } from '../../../src/commands/diagnose-command.ts';

describe('parseDiagnoseArgs', () => {
  it.each([
    { args: 'pod web-1', target: { pod: 'web-1', json: false } },
    {
      args: 'pod web-1 -n shop --context prod',
      target: { pod: 'web-1', namespace: 'shop', context: 'prod', json: false },
    },
    { args: 'po/web-1 --namespace=shop', target: { pod: 'web-1', namespace: 'shop', json: false } },
    { args: '  pod   web-1   -n   shop  --json', target: { pod: 'web-1', namespace: 'shop', json: true } },
  ])('reads "$args"', ({ args, target }) => {
    expect(parseDiagnoseArgs(args)).toEqual({ ok: true, target });
  });

  it.each([
    { why: 'no pod', args: 'pod', problem: /which pod/ },
    { why: 'nothing', args: '', problem: /which pod/ },
    { why: 'another kind', args: 'deployment web', problem: /only pods/ },
    { why: 'a path in the name', args: 'pod ../../secrets', problem: /not a valid pod name/ },
    { why: 'an uppercase namespace', args: 'pod web -n Shop', problem: /not a valid namespace/ },
    { why: 'a namespace with a slash', args: 'pod web -n a/b', problem: /not a valid namespace/ },
    { why: 'a query string in the name', args: 'pod web?watch=1', problem: /not a valid pod name/ },
    { why: 'a missing flag value', args: 'pod web -n', problem: /needs a namespace/ },
    { why: 'an unknown flag', args: 'pod web --all', problem: /unknown option/ },
    { why: 'binary junk', args: 'pod \u0000\u0007\uFFFD', problem: /not a valid pod name/ },
    { why: 'two pod names', args: 'pod a b', problem: /unexpected/ },
  ])('refuses $why', ({ args, problem }) => {
    const parsed = parseDiagnoseArgs(args);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem.en).toMatch(problem);
    if (!parsed.ok) expect(parsed.problem.ko).toMatch(/[가-힣]/);
  });
});
