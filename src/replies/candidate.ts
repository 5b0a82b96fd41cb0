import { localizedText } from '../knowledge/localize.ts';
import { link, literal, literalOutsideCode } from '../markdown/escape-markdown.ts';
import type { Match } from '../matching/matcher.ts';
import type { CandidateItem } from '../message.ts';

/** What a reply remembers of a matched section: enough to list it again under "Other matches". */
export interface Candidate {
  readonly id: string;
  readonly title: string;
  readonly documentTitle: string;
  readonly source: string;
  readonly lines: readonly [number, number];
  readonly url?: string;
  readonly score: number;
}

/** The candidate as a reader of `language` sees it: titles translated where the section has a translation. */
export function toCandidate(match: Match, language?: string): Candidate {
  const { section } = match;
  const shown = localizedText(section, language);
  return {
    id: section.id,
    title: shown.title,
    documentTitle: shown.documentTitle,
    source: section.source,
    lines: section.lines,
    ...(section.url ? { url: section.url } : {}),
    score: match.score,
  };
}

/** One line per candidate, for plain-text fallbacks: "title (document) — address". */
export function candidateLine(candidate: Candidate): string {
  return `${candidate.title} (${candidate.documentTitle}) — ${citation(candidate)}`;
}

/** The candidate as a reply shows it: its title linking to the section, a button when `replyId` is given. */
export function candidateItem(candidate: Candidate, replyId?: string): CandidateItem {
  return {
    title: literalOutsideCode(candidate.title),
    documentTitle: candidate.documentTitle,
    where: `${candidate.source}:L${candidate.lines[0]}-L${candidate.lines[1]}`,
    ...(candidate.url ? { url: candidate.url } : {}),
    ...(replyId ? { replyId } : {}),
  };
}

/** The candidate as one Markdown line: its title linked to the section where it has an address. */
export function candidateMarkdown(candidate: Candidate): string {
  const title = candidate.url ? link(candidate.title, candidate.url) : literal(candidate.title);
  return `${title} (${literal(candidate.documentTitle)})`;
}

export function sourceBlock(c: Pick<Candidate, 'title' | 'documentTitle' | 'source' | 'lines' | 'url'>) {
  return {
    type: 'source' as const,
    // A plain label: the backticks of a title's code spans would show as they are.
    title: (c.documentTitle ? `${c.documentTitle} › ${c.title}` : c.title).replaceAll('`', ''),
    path: c.source,
    lines: c.lines,
    ...(c.url ? { url: c.url } : {}),
  };
}

/** `path:L12-L40`, how a source is cited in plain text. */
export function citation(c: Pick<Candidate, 'source' | 'lines' | 'url'>): string {
  return c.url ?? `${c.source}:L${c.lines[0]}-L${c.lines[1]}`;
}
