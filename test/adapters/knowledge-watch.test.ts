import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKnowledgeHolder, watchKnowledge } from '../../adapters/knowledge-watch.ts';
import type { KnowledgeBase, LoadProblem } from '../../src/knowledge/section.ts';
import { silentLogger } from '../../src/log.ts';
import { KeywordMatcher, section } from '../fakes/keyword-matcher.ts';

/** A loader over a folder of "title|keyword" lines; a line without "|" is a problem, as a broken file is. */
async function loadFolder(dir: string): Promise<{ base: KnowledgeBase; matcher: KeywordMatcher }> {
  const text = await readFile(join(dir, 'runbooks.txt'), 'utf8');
  const problems: LoadProblem[] = [];
  const entries = text
    .split('\n')
    .filter(Boolean)
    .flatMap((line, i) => {
      const [title, keyword] = line.split('|');
      if (!title || !keyword) {
        problems.push({ source: 'runbooks.txt', line: i + 1, message: 'expected title|keyword' });
        return [];
      }
      return [{ section: section({ id: `rb#${i}`, title }), keywords: [keyword] }];
    });
  return { base: { sections: entries.map((e) => e.section), problems }, matcher: new KeywordMatcher(entries) };
}

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('knowledge reload', () => {
  it('swaps in new knowledge, and keeps the last good one when a file breaks or cannot be read', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kb-'));
    await writeFile(join(dir, 'runbooks.txt'), 'Disk full|no space left\n');
    const results: boolean[] = [];
    const holder = createKnowledgeHolder({
      load: () => loadFolder(dir),
      log: silentLogger,
      onReload: (r) => results.push(r.ok),
    });
    expect(await holder.reload()).toEqual({ ok: true, sections: 1 });

    await writeFile(join(dir, 'runbooks.txt'), 'Disk full|no space left\nDNS|no such host\n');
    expect(await holder.reload()).toEqual({ ok: true, sections: 2 });
    expect(holder.current()?.matcher.match('dial tcp: lookup db: no such host').confident).toBe(true);

    await writeFile(join(dir, 'runbooks.txt'), 'Disk full|no space left\nbroken line\n');
    const broken = await holder.reload();
    expect(broken).toMatchObject({ ok: false, reason: 'new load problems' });
    expect(holder.current()?.base.sections).toHaveLength(2);

    await rm(join(dir, 'runbooks.txt'));
    expect((await holder.reload()).ok).toBe(false);
    expect(holder.current()?.base.sections).toHaveLength(2);
    expect(results).toEqual([true, true, false, false]);
  });

  it('reloads when a file in the folder changes, once per burst of writes', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kb-'));
    await writeFile(join(dir, 'runbooks.txt'), 'Disk full|no space left\n');
    let changes = 0;
    let notify: () => void = () => {};
    const changed = new Promise<void>((resolve) => {
      notify = resolve;
    });
    const stop = watchKnowledge(
      dir,
      () => {
        changes += 1;
        notify();
      },
      { log: silentLogger, debounceMs: 200 },
    );
    try {
      for (let i = 0; i < 5; i++) await writeFile(join(dir, 'runbooks.txt'), `Disk full|no space left ${i}\n`);
      await changed;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(changes).toBe(1);
    } finally {
      stop();
    }
  });
});
