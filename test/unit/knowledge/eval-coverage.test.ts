/**
 * A parse sanity check against the development set's answer key: every expected heading or question line
 * must begin a section of the file with the same bytes. It checks the splitters, not the matcher.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpus, ROOT } from './corpus.ts';

const EVAL = join(ROOT, '..', 'shared', 'eval', 'dev.jsonl');
const SEEDS = join(ROOT, '..', 'shared', 'seeds');
const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe.skipIf(!existsSync(EVAL))('development set answer key', () => {
  it('finds a section beginning at every expected line', async () => {
    const kb = await corpus();
    const byDigest = new Map<string, string>();
    for (const source of new Set(kb.sections.map((s) => s.source))) byDigest.set(digest(join(ROOT, source)), source);
    const missing: string[] = [];
    let checked = 0;
    for (const line of readFileSync(EVAL, 'utf8').split('\n').filter(Boolean)) {
      const testCase = JSON.parse(line) as { id: string; expect: { source: string; line: number }[] };
      for (const expected of testCase.expect) {
        checked++;
        const source = byDigest.get(digest(join(SEEDS, expected.source)));
        const hit = kb.sections.find((s) => s.source === source && s.lines[0] === expected.line);
        if (!hit) missing.push(`${testCase.id}: ${expected.source}:${expected.line}`);
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });
});
