import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, errorKind } from '../../adapters/logging.ts';
import { BotError, ErrorCode } from '../../src/errors.ts';

function capture(): { destination: Writable; text: () => string } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { destination, text: () => chunks.join('') };
}

describe('createLogger', () => {
  it('writes JSON lines with the level name and an ISO time', () => {
    const out = capture();
    createLogger({ level: 'info', destination: out.destination }).info({ section: 's1' }, 'answered');
    const line = JSON.parse(out.text()) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'info', msg: 'answered', section: 's1', service: 'kube-support-bot' });
    expect(String(line['time'])).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('removes tokens, passwords and authorization headers wherever they are logged', () => {
    const out = capture();
    const log = createLogger({ level: 'info', destination: out.destination });
    log.info({ config: { slack: { botToken: 'xoxb-leak', appToken: 'xapp-leak', signingSecret: 'sig-leak' } } }, 'c');
    log.info({ teams: { appPassword: 'pw-leak' }, password: 'p-leak' }, 'c');
    log.info({ req: { headers: { authorization: 'Bearer jwt-leak', 'x-request-id': 'keep-me' } } }, 'c');
    log.child({ component: 'redis' }).warn({ redisUrl: 'redis://:r-leak@redis:6379' }, 'c');
    const text = out.text();
    for (const leak of ['xoxb-leak', 'xapp-leak', 'sig-leak', 'pw-leak', 'p-leak', 'jwt-leak', 'r-leak']) {
      expect(text).not.toContain(leak);
    }
    expect(text).toContain('keep-me');
    expect(text).toContain('[redacted]');
  });

  it('runs the redactor over every string it writes: fields, the message, errors and their causes', () => {
    const out = capture();
    const log = createLogger({ level: 'info', destination: out.destination });
    const cause = new Error('AUTH failed for redis://admin:Zx9pQ2rT7wLm@redis:6379');
    log.error(
      { err: new Error('GET /api failed with Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl', { cause }) },
      'x',
    );
    log.warn(
      {
        outcome: 'helm --set auth.rootPassword=Sup3rS3cretPw failed',
        nested: { list: ['ghp_16C7e42F292c6912E7710c838347Ae178B4a'] },
      },
      'y',
    );
    log.error(
      new BotError(ErrorCode.ClusterUnreachable, 'dial DB_PASSWORD=hunter2hunter2', {
        userMessage: 'token glpat-xY3zAbC9dEfGhIjK1mNo',
      }),
    );
    log.info('AccountKey=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA==;');
    const text = out.text();
    for (const leak of [
      'Zx9pQ2rT7wLm',
      'eyJzdWIiOiJ4In0',
      'Sup3rS3cretPw',
      'ghp_16C7e42F292c6912E7710c838347Ae178B4a',
      'hunter2hunter2',
      'glpat-xY3zAbC9dEfGhIjK1mNo',
      'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA==',
    ]) {
      expect(text).not.toContain(leak);
    }
    expect(text).toContain('redis://admin:[redacted]@redis:6379');
    expect(text.trim().split('\n')).toHaveLength(4);
  });

  it('counts every error-level line by the error code or name', () => {
    const kinds: string[] = [];
    const log = createLogger({ level: 'info', destination: capture().destination, onError: (k) => kinds.push(k) });
    log.error({ err: new BotError(ErrorCode.ClusterUnreachable, 'down') }, 'diagnosis failed');
    log.error({ err: new TypeError('x') }, 'bug');
    log.warn({ err: new Error('only a warning') }, 'warn');
    log.child({ component: 'x' }).error({ kind: 'knowledge_reload' }, 'reload rejected');
    expect(kinds).toEqual(['cluster_unreachable', 'TypeError', 'knowledge_reload']);
  });

  it('never uses user-controlled text as a metric label', () => {
    expect(errorKind({ err: Object.assign(new Error('x'), { code: 'has spaces and {braces}' }) })).toBe('Error');
    expect(errorKind({ kind: 'x'.repeat(100) })).toBe('unknown');
  });
});
