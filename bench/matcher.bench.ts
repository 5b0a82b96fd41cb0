/**
 * Matcher speed: index build and query latency over the dev set's texts on the corpus as shipped, the
 * same on a synthetic corpus of 10,000 sections generated from the real ones with their translations (names
 * and values varied), the build of those sections without their translations, peak RSS, and the same
 * queries through a plain Fuse over whole section texts for comparison.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fuse from 'fuse.js';
import { FileKnowledgeSource } from '../src/knowledge/file-knowledge-source.ts';
import type { Section } from '../src/knowledge/section.ts';
import { createMatcher } from '../src/matching/index-matcher.ts';
import { compileLexicon, loadLexicon } from '../src/matching/lexicon.ts';
import type { Matcher } from '../src/matching/matcher.ts';
import { type Bench, peakRssMb, percentile, timed } from './bench.ts';

const SYNTHETIC_SECTIONS = 10_000;
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

/** A deterministic pseudo-random sequence, so every run builds the same synthetic corpus. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const VENDORS = ['Acme Cloud', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'Tyrell'];
const PRODUCTS = ['Kubernetes Engine', 'Container Service', 'Edge Cluster', 'Registry', 'Mesh', 'Serverless'];
const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'gateway', 'ledger', 'billing', 'search'];
const KO = ['결제', '주문', '검색', '로그', '배포', '게이트웨이', '스토리지', '모니터링', '인증서', '백업'];

/**
 * 10,000 sections from the real ones: names, numbers, IPs and products varied, so terms spread like real
 * data. Each variant renames consistently, as a runbook for another product would: a name or value
 * becomes the same new one wherever it appears in the section, so the section's text still holds its own
 * title, errors and steps, as every real section's does.
 */
export function syntheticCorpus(real: readonly Section[], count = SYNTHETIC_SECTIONS): Section[] {
  const rand = rng(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const out: Section[] = [];
  for (let i = 0; i < count; i++) {
    const base = real[i % real.length]!;
    const tag = `${pick(WORDS)}${i}`;
    const renamed = new Map<string, string>();
    const rename = (from: string, to: () => string) => {
      let name = renamed.get(from);
      if (name === undefined) {
        name = to();
        renamed.set(from, name);
      }
      return name;
    };
    const vary = (text: string) =>
      text
        .replace(/\b\d{1,3}(?:\.\d{1,3}){3}\b/g, (ip) =>
          rename(ip, () => `10.${Math.floor(rand() * 255)}.${Math.floor(rand() * 255)}.7`),
        )
        .replace(/\b\d{2,5}\b/g, (n) => rename(n, () => String((Number(n) * 7 + Math.floor(rand() * 97)) % 100_000)))
        .replace(/IBM Cloud|Tencent Cloud|Azure|Windows/g, (v) => rename(v, () => pick(VENDORS)))
        .replace(/클러스터|컨테이너/g, (w) => rename(w, () => `${pick(KO)} ${w}`))
        .replace(/\b(cluster|container|service)\b/g, (w) => rename(w, () => `${pick(WORDS)}-${w}-${tag}`));
    out.push({
      ...base,
      id: `synthetic/${i}#${base.id}`,
      source: `knowledge/synthetic/${i % 97}.md`,
      title: `${vary(base.title)} (${pick(PRODUCTS)} ${tag})`,
      symptoms: vary(base.symptoms),
      causes: vary(base.causes),
      errors: base.errors.map(vary),
      steps: base.steps.map((s) => ({ text: vary(s.text), commands: s.commands.map(vary) })),
      text: vary(base.text),
      ...(base.translations
        ? {
            translations: base.translations.map((t) => ({
              ...t,
              title: vary(t.title),
              symptoms: vary(t.symptoms),
              causes: vary(t.causes),
              errors: t.errors.map(vary),
              steps: t.steps.map((s) => ({ text: vary(s.text), commands: s.commands.map(vary) })),
              text: vary(t.text),
            })),
          }
        : {}),
    });
  }
  return out;
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

    // The same 10,000 sections in one language (translations left out): the build's cost for the sections
    // alone, to set beside the bilingual build. Measured first, as RSS is the process's peak so far.
    let oneLanguage: { build_ms: number; cpu_ms: number; rss_mb: number };
    {
      const corpus = syntheticCorpus(sections.map(({ translations: _, ...s }) => s));
      const built = cpuTimed(() => timed(() => createMatcher(corpus, { lexicon })));
      oneLanguage = { build_ms: built.value.ms, cpu_ms: built.ms, rss_mb: peakRssMb() };
      log(`synthetic, one language: CPU time build ${built.ms.toFixed(0)} ms`);
    }

    const synthetic = syntheticCorpus(sections);
    const synthCpu = cpuTimed(() => timed(() => createMatcher(synthetic, { lexicon })));
    const synthBuild = synthCpu.value;
    const synthTimes = latencies(synthBuild.value, texts, 2);
    const rss = peakRssMb();
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
        rss_mb: rss,
      },
      synthetic_one_language: { sections: SYNTHETIC_SECTIONS, ...oneLanguage },
      fuse_baseline: { p50_ms: percentile(fuseTimes, 50), p99_ms: percentile(fuseTimes, 99) },
    };
  },
};

export default bench;
