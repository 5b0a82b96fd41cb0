/** Which splitter a knowledge file needs, from its extension and content, when the manifest does not say. */
import type { DocumentFormat } from './document.ts';
import { readFrontMatter } from './front-matter.ts';
import { isQuestionLine } from './splitters/faq.ts';

export const KNOWLEDGE_EXTENSIONS = ['.md', '.markdown', '.txt'] as const;

export function sniffFormat(path: string, lines: readonly string[]): DocumentFormat {
  const lower = path.toLowerCase();
  const sample = lines.slice(0, 400);
  const kramdown = sample.some((l) =>
    /^\s*\{:\s*(?:#[\w.:-]+|ts(?:Symptoms|Causes|Resolve)|shortdesc|screen|pre)\s*\}\s*$/.test(l),
  );
  if (kramdown) return 'kramdown';
  // Runbook front matter names error signatures or tags; look at the raw lines so broken YAML still counts.
  const front = readFrontMatter(lines);
  const frontLines = front.bodyStart > 0 ? lines.slice(1, front.bodyStart - 1) : [];
  if (frontLines.some((l) => /^(?:errors|tags)\s*:/.test(l))) return 'runbook';
  if (lower.endsWith('.md') || lower.endsWith('.markdown') || lines.some((l) => /^#{2,6}\s+\S/.test(l))) {
    return 'markdown';
  }
  const questions = lines.filter((l, i) => isQuestionLine(l) && (lines[i - 1] ?? '').trim() === '').length;
  return questions >= 3 ? 'faq' : 'plain-page';
}
