/**
 * What the channel taught about a section, written as a runbook (the format of knowledge/runbooks/): the
 * pastes people confirmed it fixed become its `errors:` and its symptoms, the section's own causes and
 * resolution follow, and a last step cites the section. A team reviews the file and, if it holds, promotes
 * it into knowledge/, where the documented errors then count as the section quoting those pastes.
 */
import { stringify } from 'yaml';
import type { Section } from '../knowledge/section.ts';
import { digest, type LearnedSummary } from './learned-record.ts';

export interface LearnedRunbook {
  readonly fileName: string;
  readonly text: string;
}

/** The normaliser's placeholder words, written as the documents write placeholders (they normalise back). */
const placeholders: Readonly<Record<string, string>> = {
  ipaddr: '<ip_address>',
  podname: '<pod_name>',
  nodename: '<node_name>',
  imageref: '<image>',
  someid: '<id>',
  somename: '<name>',
  email: '<email>',
};

/** A placeholder as the normaliser writes it, with the registry or port word it keeps after it. */
const PLACED =
  '(?:imageref(?: [a-z][a-z0-9-]{1,30})?|hostname(?: [a-z][a-z0-9-]{1,30})?|ipaddr(?: \\d{1,5})?|podname|nodename|someid|somename|email)';
const PADDED_BEFORE = new RegExp(`(["'(\\[])\\s+(?=${PLACED})`, 'g');
const PADDED_AFTER = new RegExp(`(${PLACED})\\s+(["')\\]])`, 'g');

/** A masked line as people read it: placeholders in angle brackets, without the normaliser's padding. */
export function readableLine(line: string): string {
  return line
    .replace(/\s+/g, ' ')
    .replace(PADDED_BEFORE, '$1')
    .replace(PADDED_AFTER, '$1$2')
    .replace(/\b(ipaddr|podname|nodename|imageref|someid|somename|email)\b/g, (w) => placeholders[w] ?? w)
    .trim();
}

/** A runbook for one section from its confirmed pairs (those that count); undefined when there are none. */
export function learnedRunbook(section: Section, pairs: readonly LearnedSummary[]): LearnedRunbook | undefined {
  const confirmed = pairs.filter((p) => p.kind === 'confirm' && p.counts && p.section === section.id);
  if (confirmed.length === 0) return undefined;
  const lines = [...new Set(confirmed.flatMap((p) => p.evidence.lines.map(readableLine)))].filter((l) => l.length >= 8);
  const people = Math.max(...confirmed.map((p) => p.people));
  const front = stringify(
    {
      title: `${section.title} (learned)`,
      errors: lines,
      tags: ['learned', ...section.tags],
      language: section.language,
    },
    { lineWidth: 0 },
  ).trimEnd();
  const fence = '```';
  const causes = (section.display?.causes || section.causes).trim();
  const resolution = (section.display?.resolution || stepsMarkdown(section)).trim();
  const cited = `${section.documentTitle} › ${section.title}: \`${section.source}:${section.lines[0]}-${section.lines[1]}\`${section.url ? ` (${section.url})` : ''}`;
  const body = [
    '---',
    front,
    '---',
    '',
    '## Symptoms',
    '',
    `Pasted in the channel and confirmed fixed by this answer (${confirmed.length} ${confirmed.length === 1 ? 'paste' : 'pastes'}, up to ${people} people each; names, addresses and ids masked):`,
    '',
    fence,
    ...lines,
    fence,
    '',
    '## Causes',
    '',
    causes || `As documented in ${cited}.`,
    '',
    '## Resolution',
    '',
    resolution || `1. Follow ${cited}.`,
    '',
    `The documented answer: ${cited}. Learned pairs: ${confirmed.map((p) => p.id).join(', ')}.`,
    '',
  ];
  return { fileName: `learned-${fileSlug(section)}.md`, text: body.join('\n') };
}

function stepsMarkdown(section: Section): string {
  return section.steps
    .map((step, i) => {
      const indent = ' '.repeat(`${i + 1}. `.length);
      const text = step.text.split('\n').join(`\n${indent}`);
      const commands = step.commands.map(
        (c) => `\n\n${indent}\`\`\`\n${indent}${c.split('\n').join(`\n${indent}`)}\n${indent}\`\`\``,
      );
      return `${i + 1}. ${text}${commands.join('')}`;
    })
    .join('\n');
}

/** A file name from the section's id: its ASCII words and a digest, so two sections never share one. */
function fileSlug(section: Section): string {
  const words = section.id
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return words
    ? `${words}-${digest(section.id, 6)
        .toLowerCase()
        .replace(/[^a-z0-9]/g, 'x')}`
    : digest(section.id, 8);
}
