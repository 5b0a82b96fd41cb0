import { describe, expect, it } from 'vitest';
import { closestNames } from '../../../src/diagnosis/closest-names.ts';
import { exitCodeMeaning } from '../../../src/diagnosis/exit-codes.ts';
import { findSignatures, firstErrorLine } from '../../../src/diagnosis/log-signatures.ts';
import { parseQuantity } from '../../../src/diagnosis/quantity.ts';
import { formatAge, toMs } from '../../../src/diagnosis/time.ts';

describe('exit codes', () => {
  it.each([
    [1, /application error/],
    [2, /shell builtin|arguments/],
    [126, /not executable/],
    [127, /command not found/],
    [137, /SIGKILL.*out of memory/],
    [139, /segmentation fault/],
    [143, /SIGTERM/],
    [255, /out of range|exec format/],
    [134, /signal 6/],
  ])('%i means %s', (code, meaning) => {
    expect(exitCodeMeaning(code)).toMatch(meaning);
  });
});

describe('log signatures', () => {
  it.each([
    { log: 'dial tcp 10.0.0.5:5432: connect: connection refused', name: 'connection refused to a PostgreSQL port' },
    { log: 'Error: connect ECONNREFUSED 127.0.0.1:6379', name: 'connection refused to a Redis port' },
    { log: 'x509: certificate signed by unknown authority', name: 'TLS certificate error' },
    { log: 'write /data/x: no space left on device', name: 'no space left on device' },
    { log: 'dial tcp 10.96.0.10:53: i/o timeout', name: 'i/o timeout' },
    { log: 'open /var/lib/app/db: permission denied', name: 'permission denied' },
  ])('names "$name"', ({ log, name }) => {
    expect(findSignatures(log).map((s) => s.detail ?? s.signature.name)).toContain(name);
  });

  it('takes the first line that reads like an error, else the last line', () => {
    expect(firstErrorLine('starting\nlistening on :8080\nFATAL: role "app" does not exist\nbye')).toBe(
      'FATAL: role "app" does not exist',
    );
    expect(firstErrorLine('starting\nshutting down\n')).toBe('shutting down');
    expect(firstErrorLine('')).toBeUndefined();
  });
});

describe('closest pod names', () => {
  const names = ['web-7c9f8d6b5-abcde', 'web-7c9f8d6b5-fghij', 'api-5d4c3b2a1-zzzzz', 'worker-0'];
  it('suggests pods of the same workload for an old pod name', () => {
    expect(closestNames('web-7c9f8d6b5-xxxxx', names)).toEqual(['web-7c9f8d6b5-abcde', 'web-7c9f8d6b5-fghij']);
  });
  it('suggests a near typo', () => {
    expect(closestNames('worker-1', names)).toEqual(['worker-0']);
  });
  it('suggests nothing unrelated', () => {
    expect(closestNames('database', names)).toEqual([]);
  });
});

describe('quantities and times', () => {
  it.each([
    ['250m', 0.25],
    ['2', 2],
    ['1Gi', 2 ** 30],
    ['3388292Ki', 3388292 * 1024],
    ['1e3', 1000],
    ['lots', undefined],
  ])('%s = %s', (q, n) => {
    expect(parseQuantity(q)).toBe(n);
  });

  it('reads Dates and strings, and rejects malformed timestamps', () => {
    expect(toMs('2024-11-04T09:28:53Z')).toBe(Date.parse('2024-11-04T09:28:53Z'));
    expect(toMs(new Date('2025-08-2312:02:32Z'))).toBeUndefined();
    expect(toMs('2025-08-2312:02:32Z')).toBeUndefined();
    expect(formatAge(90 * 60_000)).toBe('90m');
  });
});
