import type { Section } from '../knowledge/section.ts';
import type { Matcher } from '../matching/matcher.ts';
import type { Finding } from './check.ts';

/** A finding with the corpus sections that document its fix (empty when none is confident or clearly relevant). */
export interface LinkedFinding {
  readonly finding: Finding;
  readonly sections: readonly Section[];
}

/** Phrases that, shared by the finding and a section, make the section clearly about the same failure. */
const phrases = [
  'failed to allocate for range',
  'unable to validate against any pod security policy',
  'insufficient cpu',
  'insufficient memory',
  'no space left on device',
  'authentication required',
  'manifest unknown',
  'x509',
  'pause',
];

/** CamelCase Kubernetes reasons (ImagePullBackOff, CrashLoopBackOff, OOMKilled…) and known phrases in `text`. */
export function keyTerms(text: string): string[] {
  const reasons = text.match(/\b[A-Z][A-Za-z]*[a-z][A-Z][A-Za-z]+\b|\bOOMKilled\b/g) ?? [];
  const lower = text.toLowerCase();
  return [...new Set([...reasons.map((r) => r.toLowerCase()), ...phrases.filter((p) => lower.includes(p))])];
}

function relevant(finding: Finding, section: Section): boolean {
  const haystack = `${section.title}\n${section.errors.join('\n')}\n${section.text}`.toLowerCase();
  return keyTerms(finding.query).some((t) => haystack.includes(t));
}

/**
 * Asks the matcher about each finding's query. The best section is linked when the matcher is
 * confident, or when it shares a Kubernetes reason or a known error phrase with the finding: live
 * evidence plus a loosely related document would cost more than no link.
 */
export function linkSections(findings: readonly Finding[], matcher: Matcher | undefined): LinkedFinding[] {
  return findings.map((finding) => {
    if (!matcher || finding.query.trim() === '') return { finding, sections: [] };
    const result = matcher.match(finding.query, { top: 3 });
    const best = result.matches[0];
    if (!best) return { finding, sections: [] };
    const linked = result.confident || relevant(finding, best.section);
    return { finding, sections: linked ? [best.section] : [] };
  });
}
