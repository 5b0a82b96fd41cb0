import type { Match } from '../matching/matcher.ts';

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

export function toCandidate(match: Match): Candidate {
  const { section } = match;
  return {
    id: section.id,
    title: section.title,
    documentTitle: section.documentTitle,
    source: section.source,
    lines: section.lines,
    ...(section.url ? { url: section.url } : {}),
    score: match.score,
  };
}

/** One line per candidate, for plain-text fallbacks and lists: "title (document, 87%)". */
export function candidateLine(candidate: Candidate): string {
  return `${candidate.title} (${candidate.documentTitle}, ${Math.round(candidate.score * 100)}%)`;
}

export function sourceBlock(c: Pick<Candidate, 'title' | 'documentTitle' | 'source' | 'lines' | 'url'>) {
  return {
    type: 'source' as const,
    title: c.documentTitle ? `${c.documentTitle} › ${c.title}` : c.title,
    path: c.source,
    lines: c.lines,
    ...(c.url ? { url: c.url } : {}),
  };
}

/** `path:L12-L40`, how a source is cited in plain text. */
export function citation(c: Pick<Candidate, 'source' | 'lines' | 'url'>): string {
  return c.url ?? `${c.source}:L${c.lines[0]}-L${c.lines[1]}`;
}
