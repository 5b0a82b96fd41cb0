import { describe, expect, it } from 'vitest';
import { maxPasteChars, readPaste } from '../../../src/gate/read-paste.ts';

const bytes = Buffer.from(Array.from({ length: 6000 }, (_, i) => (i * 131 + 7) % 256));

describe('readPaste', () => {
  it('calls the same bytes binary however they were decoded (UTF-8 in the CLI, one byte a character on the web)', () => {
    expect(readPaste(bytes.toString('utf8')).binary).toBe(true);
    expect(readPaste(bytes.toString('latin1')).binary).toBe(true);
  });

  it('reads text in any script as text', () => {
    for (const text of [
      'Failed to pull image "x/y:1": 401 Unauthorized',
      '팟이 계속 재시작돼요. CrashLoopBackOff 상태입니다.',
      'Échec de connexion: délai dépassé (café, naïve)',
      'Events:\n  Type     Reason   Age   From   Message\n  Warning  Failed   3m    kubelet  Error: ErrImagePull',
    ])
      expect(readPaste(text)).toEqual({ text, binary: false });
  });

  it('keeps a long paste’s head and tail and the error lines of its middle, and counts what it left out', () => {
    const info = (n: number) => Array.from({ length: n }, (_, i) => `INFO request ${i} served in 12ms from the cache`);
    const error = 'Error response from daemon: unauthorized: 401 Unauthorized';
    const paste = [...info(5000), error, error, ...info(5000)].join('\n');
    const read = readPaste(paste);
    expect(read.binary).toBe(false);
    expect(read.text.length).toBeLessThanOrEqual(maxPasteChars);
    expect(read.text.split('\n')).toContain(error);
    expect(read.cut).toMatchObject({ middleLines: 1 });
    const cut = read.cut!;
    expect(cut.headLines + cut.tailLines + cut.middleLines + cut.omittedLines).toBe(10_002);
    expect(read.text.startsWith('INFO request 0 ')).toBe(true);
    expect(read.text.endsWith('INFO request 4999 served in 12ms from the cache')).toBe(true);
  });

  it('leaves a paste that fits alone', () => {
    expect(readPaste('x'.repeat(maxPasteChars)).cut).toBeUndefined();
  });
});
