/**
 * The synthetic corpus the matcher benchmarks build: 10,000 sections varied from the shipped ones.
 */
import type { Section } from '../src/knowledge/section.ts';

export const SYNTHETIC_SECTIONS = 10_000;

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
