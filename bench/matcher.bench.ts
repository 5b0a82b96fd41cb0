/**
 * Matcher speed: index build and query latency over the dev set's texts on the corpus as shipped, the
 * same on a synthetic corpus of 10,000 sections generated from the real ones with their translations (names
 * and values varied), the build of those sections without their translations, the peak RSS of each
 * synthetic build in a process of its own, and the same queries through a plain Fuse over whole section
 * texts for comparison.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fuse from 'fuse.js';
import { FileKnowledgeSource } from '../src/knowledge/file-knowledge-source.ts';
import { createMatcher } from '../src/matching/index-matcher.ts';
import { compileLexicon, loadLexicon } from '../src/matching/lexicon.ts';
import type { Matcher } from '../src/matching/matcher.ts';
import { type Bench, percentile, timed } from './bench.ts';
import { SYNTHETIC_SECTIONS, syntheticCorpus } from './synthetic-corpus.ts';

const REPEATS = 5;

/** Texts to query with: the dev set's when it is there (CI has ../shared), else a few of our own. */
function queryTexts(root: string): string[] {
  const dev = join(root, '..', 'shared', 'eval', 'dev.jsonl');
  if (existsSync(dev)) {
    return readFileSync(dev, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => (JSON.parse(l) as { text: string }).text);
  }
  return [
    'Warning FailedScheduling 0/5 nodes are available: 5 Insufficient cpu.',
    'Failed to pull image "us.icr.io/team/api:1.2": 401 Unauthorized',
    'Error from server: error dialing backend: dial tcp 10.0.0.7:10250: i/o timeout',
    '팟이 계속 Pending 상태예요',
    'Back-off restarting failed container',
  ];
}

const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

/**
 * CPU milliseconds a call takes: unlike wall time, not inflated when other processes share the cores. The
 * garbage left by what ran before (the synthetic corpus's generation) is collected first, so that the call
 * is not charged for it.
 */
function cpuTimed<T>(fn: () => T): { value: T; ms: number } {
  collectGarbage();
  const c0 = process.cpuUsage();
  const value = fn();
  const c = process.cpuUsage(c0);
  return { value, ms: (c.user + c.system) / 1000 };
}

function latencies(matcher: Matcher, texts: readonly string[], repeats: number): { wall: number[]; cpu: number[] } {
  for (const t of texts) matcher.match(t); // warm up the JIT on every path
  collectGarbage();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < repeats; r++) {
    for (const t of texts) {
      const c0 = process.cpuUsage();
      wall.push(timed(() => matcher.match(t, { top: 5 })).ms);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
  }
  return { wall, cpu };
}

const cpuNote = (name: string, build: number, times: { cpu: number[] }) =>
  `${name}: CPU time build ${build.toFixed(0)} ms, query p50 ${percentile(times.cpu, 50).toFixed(2)} ms, p99 ${percentile(times.cpu, 99).toFixed(2)} ms (wall figures below include waiting for a core)`;

interface BuildFigures {
  readonly build_ms: number;
  readonly cpu_ms: number;
  readonly rss_mb: number;
}

/** One synthetic build in a process of its own (bench/matcher-build.ts), with this process's Node flags. */
function buildAlone(root: string, oneLanguage: boolean): BuildFigures {
  const out = execFileSync(
    process.execPath,
    [...process.execArgv, join(root, 'bench', 'matcher-build.ts'), ...(oneLanguage ? ['--one-language'] : [])],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as BuildFigures;
}

const bench: Bench = {
  name: 'matcher',
  async run({ root, log }) {
    const texts = queryTexts(root);
    const source = new FileKnowledgeSource({ root });
    const { sections } = await source.load();
    const lexicon = compileLexicon(await loadLexicon(join(root, 'knowledge', 'lexicon')));
    log(`${sections.length} sections, ${texts.length} queries × ${REPEATS}`);

    const seedCpu = cpuTimed(() => timed(() => createMatcher(sections, { lexicon })));
    const seedBuild = seedCpu.value;
    const seedTimes = latencies(seedBuild.value, texts, REPEATS);
    log(cpuNote('seed', seedCpu.ms, seedTimes));

    // Builds alone in a child process each, for their own peak RSS: the 10,000 sections in one language
    // (translations left out), the build's cost for the sections alone, and with their translations.
    const oneLanguage = buildAlone(root, true);
    log(`synthetic, one language: CPU time build ${oneLanguage.cpu_ms.toFixed(0)} ms`);
    const bilingual = buildAlone(root, false);

    const synthetic = syntheticCorpus(sections);
    const synthCpu = cpuTimed(() => timed(() => createMatcher(synthetic, { lexicon })));
    const synthBuild = synthCpu.value;
    const synthTimes = latencies(synthBuild.value, texts, 2);
    log(cpuNote('synthetic', synthCpu.ms, synthTimes));

    log('plain Fuse over whole section texts (one pass)');
    const fuse = new Fuse(sections, { keys: ['title', 'text'], includeScore: true });
    const fuseTimes = texts.map((t) => timed(() => fuse.search(t, { limit: 5 })).ms);

    return {
      seed: {
        sections: sections.length,
        build_ms: seedBuild.ms,
        p50_ms: percentile(seedTimes.wall, 50),
        p99_ms: percentile(seedTimes.wall, 99),
      },
      synthetic: {
        sections: synthetic.length,
        build_ms: synthBuild.ms,
        p50_ms: percentile(synthTimes.wall, 50),
        p99_ms: percentile(synthTimes.wall, 99),
        rss_mb: bilingual.rss_mb,
      },
      synthetic_one_language: {
        sections: SYNTHETIC_SECTIONS,
        build_ms: oneLanguage.build_ms,
        cpu_ms: oneLanguage.cpu_ms,
        rss_mb: oneLanguage.rss_mb,
      },
      fuse_baseline: { p50_ms: percentile(fuseTimes, 50), p99_ms: percentile(fuseTimes, 99) },
    };
  },
};

export default bench;
