/**
 * One index build over the synthetic corpus, alone in its process: `node bench/matcher-build.ts [--one-language]`
 * prints `{"sections", "build_ms", "cpu_ms", "rss_mb"}` as one JSON line. The matcher bench runs it as a child
 * so that the peak RSS is the build's own, not that of the bench modules and builds that ran before it in
 * the bench's process (the peak of a process only ever grows).
 */
import { join } from 'node:path';
import { FileKnowledgeSource } from '../src/knowledge/file-knowledge-source.ts';
import { createMatcher } from '../src/matching/index-matcher.ts';
import { compileLexicon, loadLexicon } from '../src/matching/lexicon.ts';
import { peakRssMb, timed } from './bench.ts';
import { syntheticCorpus } from './synthetic-corpus.ts';

const root = join(import.meta.dirname, '..');
const oneLanguage = process.argv.includes('--one-language');
const { sections } = await new FileKnowledgeSource({ root }).load();
const lexicon = compileLexicon(await loadLexicon(join(root, 'knowledge', 'lexicon')));
const corpus = syntheticCorpus(oneLanguage ? sections.map(({ translations: _, ...s }) => s) : sections);
// The corpus's generation leaves garbage: collected first, so the build is not charged for it.
(globalThis as { gc?: () => void }).gc?.();
const c0 = process.cpuUsage();
const built = timed(() => createMatcher(corpus, { lexicon }));
const cpu = process.cpuUsage(c0);
process.stdout.write(
  `${JSON.stringify({
    sections: built.value.sections.length,
    build_ms: built.ms,
    cpu_ms: (cpu.user + cpu.system) / 1000,
    rss_mb: peakRssMb(),
  })}\n`,
);
