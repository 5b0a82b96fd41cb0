import type { Section } from '../knowledge/section.ts';
import type { Matcher } from '../matching/matcher.ts';
import type { Finding } from './check.ts';

/** A finding with the corpus sections that document its fix (empty when none is confident or clearly relevant). */
export interface LinkedFinding {
  readonly finding: Finding;
  readonly sections: readonly Section[];
}

/**
 * Error strings specific enough that a section listing them is about the same failure. Generic event
 * reasons (FailedScheduling, FailedMount, Warning) are left out: many sections show them in passing.
 */
const specificPhrases = [
  'imagepullbackoff',
  'errimagepull',
  'crashloopbackoff',
  'oomkilled',
  'createcontainerconfigerror',
  'failedcreatepodsandbox',
  'failed to allocate for range',
  'unable to validate against any pod security policy',
  'violates podsecurity',
  'authentication required',
  'manifest unknown',
  'no space left on device',
  'insufficient cpu',
  'insufficient memory',
  "didn't match pod's node affinity",
  'hostpath type check failed',
  'x509',
];

/** The specific error phrases `text` contains. */
export function keyTerms(text: string): string[] {
  const lower = text.toLowerCase();
  return specificPhrases.filter((p) => lower.includes(p));
}

/**
 * The section is about the finding's failure: its title names one of the finding's topics, or its
 * title or documented errors carry one of the specific error phrases of the finding's query.
 */
export function relevant(finding: Finding, section: Section): boolean {
  const title = section.title.toLowerCase();
  if ((finding.topics ?? []).some((t) => title.includes(t))) return true;
  const errors = `${title}\n${section.errors.join('\n')}`.toLowerCase();
  return keyTerms(finding.query).some((t) => errors.includes(t));
}

/**
 * Asks the matcher about each finding's query and links the best of its top matches that is relevant
 * (above). The matcher's confidence alone is not enough: a diagnosis already knows the failure, and a
 * section about something else next to right evidence would be a wrong answer. No relevant match, no
 * link: the reply still carries the evidence and the kubectl commands.
 */
export function linkSections(findings: readonly Finding[], matcher: Matcher | undefined): LinkedFinding[] {
  return findings.map((finding) => {
    if (!matcher || finding.query.trim() === '') return { finding, sections: [] };
    const result = matcher.match(finding.query, { top: 3 });
    const best = result.matches.find((m) => relevant(finding, m.section));
    return { finding, sections: best ? [best.section] : [] };
  });
}
