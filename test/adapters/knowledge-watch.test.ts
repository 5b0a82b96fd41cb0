import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKnowledgeHolder, watchKnowledge } from '../../adapters/knowledge-watch.ts';
import type { KnowledgeBase, LoadProblem } from '../../src/knowledge/section.ts';
import { silentLogger } from '../../src/log.ts';
import { loadMatcher } from '../../src/matching/load-matcher.ts';
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

/** A runbook as users write them; `body` goes under Symptoms. */
const runbook = (title: string, error: string, body: string): string =>
  `---\ntitle: ${title}\nerrors:\n  - "${error}"\n---\n\n## Symptoms\n\n${body}\n\n## Causes\n\nSomething broke.\n\n## Resolution\n\n1. Fix it.\n`;

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

  it('goes ahead on new warnings and keeps the last good knowledge on new errors (the real loader)', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kb-'));
    await mkdir(join(dir, 'knowledge', 'runbooks'), { recursive: true });
    await mkdir(join(dir, 'knowledge', 'lexicon'));
    const write = (path: string, text: string) => writeFile(join(dir, 'knowledge', path), text);
    await write('runbooks/disk.md', runbook('Node DiskPressure', 'low on resource: ephemeral-storage', 'Evicted.'));
    const holder = createKnowledgeHolder({
      load: async () => {
        const loaded = await loadMatcher('knowledge', { root: dir });
        return { base: loaded.knowledge, matcher: loaded.matcher };
      },
      log: silentLogger,
    });
    expect(await holder.reload()).toEqual({ ok: true, sections: 1 });

    // An unresolved variable is a warning: the new runbook is used, and the warning stays visible.
    await write('runbooks/dns.md', runbook('DNS fails', 'no such host', 'Lookups fail on {{site.data.keyword.nope}}.'));
    expect(await holder.reload()).toEqual({ ok: true, sections: 2 });
    expect(holder.current()?.base.problems).toEqual([
      expect.objectContaining({ source: 'knowledge/runbooks/dns.md', severity: 'warning' }),
    ]);

    // A file the loader cannot read as text is an error: the two runbooks stay in use.
    await write('runbooks/queue.md', runbook('Queue full', 'queue is full', 'Messages pile up.'));
    await write('broken.md', 'bin\u0000ary');
    const rejected = await holder.reload();
    expect(rejected).toMatchObject({
      ok: false,
      reason: 'new load problems',
      problems: [{ source: 'knowledge/broken.md', message: 'binary content, not a text document' }],
    });
    expect(holder.current()?.base.sections).toHaveLength(2);

    await rm(join(dir, 'knowledge', 'broken.md'));
    expect(await holder.reload()).toEqual({ ok: true, sections: 3 });
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
