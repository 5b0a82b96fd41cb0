/**
 * A documentation page saved as plain text: the whole page is one section. The title is the page's own
 * heading among its first lines (page dumps repeat it; site chrome such as "IBM Cloud Docs" comes first).
 * Before the numbered steps come the symptoms (prose with the commands and error output that show the
 * problem) and then the causes; numbered steps ("  1. …") carry their indented command lines.
 */
import type { Step } from '../../message.ts';
import { idMaker, LinkCollector, type Splitter, slug, trimEnd } from '../document.ts';
import type { Section } from '../section.ts';
import { errorsFromCode, looksLikeCommand } from '../signals.ts';
import { vendorFields } from './kramdown.ts';

const ITEM = /^(\s*)(\d{1,3})[.)]\s+(\S.*)$/;

function indentOf(line: string): number {
  return (/^\s*/.exec(line)?.[0] ?? '').replace(/\t/g, '    ').length;
}

function isSentence(text: string): boolean {
  return /[.?!。다요]$/.test(text.trim()) || text.trim().length > 60;
}

/** The page heading: a line repeated among the first ones, else a question, else the longest. */
export function findTitleLine(lines: readonly string[]): number {
  const head: number[] = [];
  for (let i = 0; i < lines.length && head.length < 6; i++) if ((lines[i] ?? '').trim()) head.push(i);
  const text = (i: number) => (lines[i] ?? '').trim();
  const repeated = head.find((i, k) => head.slice(k + 1).some((j) => text(j) === text(i)));
  if (repeated !== undefined) return repeated;
  const question = head.find((i) => /[?？]$/.test(text(i)));
  if (question !== undefined) return question;
  return head.reduce((best, i) => (text(i).length > text(best).length ? i : best), head[0] ?? 0);
}

export const splitPlainPage: Splitter = (lines, doc) => {
  const titleAt = findTitleLine(lines);
  const collector = new LinkCollector(doc.inline);
  const title = collector.clean((lines[titleAt] ?? '').trim());
  if (!title) {
    doc.problem(undefined, 'empty page', 'error');
    return [];
  }
  const firstItem = lines.findIndex((l, i) => i > titleAt && ITEM.test(l));
  const introEnd = firstItem < 0 ? lines.length : firstItem;

  // The introduction, as paragraphs of lines.
  const paragraphs: { lines: string[]; evidence: boolean }[] = [];
  let currentPara: { lines: string[]; evidence: boolean } | undefined;
  for (let i = titleAt + 1; i < introEnd; i++) {
    const text = (lines[i] ?? '').trim();
    if (!text || text === title) {
      currentPara = undefined;
      continue;
    }
    const evidence = looksLikeCommand(text) || !/[가-힣]/.test(text);
    if (!currentPara) {
      // A short line that is not a sentence (a breadcrumb or a label) says nothing about the problem.
      if (!evidence && !isSentence(text)) continue;
      currentPara = { lines: [], evidence: false };
      paragraphs.push(currentPara);
    }
    currentPara.lines.push(text);
    currentPara.evidence ||= evidence;
  }
  const lastEvidence = paragraphs.reduce((last, p, k) => (p.evidence ? k : last), -1);
  const splitAt = lastEvidence >= 0 ? lastEvidence + 1 : Math.min(1, paragraphs.length);
  const render = (p: { lines: string[] }) =>
    p.lines.map((l) => (/[가-힣]/.test(l) && !looksLikeCommand(l) ? collector.clean(l) : `    ${l}`)).join('\n');
  const symptoms = paragraphs.slice(0, splitAt).map(render).join('\n\n');
  const causes = paragraphs.slice(splitAt).map(render).join('\n\n');
  const errors = new Set<string>();
  for (const p of paragraphs.slice(0, splitAt)) {
    if (p.evidence) for (const e of errorsFromCode(p.lines.join('\n'), true)) errors.add(e);
  }

  // The numbered steps; lines at the page's left margin between groups of steps head the next group.
  const steps: { text: string; commands: string[]; divider: boolean }[] = [];
  const top = firstItem < 0 ? 0 : indentOf(lines[firstItem] ?? '');
  let step: (typeof steps)[number] | undefined;
  for (let i = introEnd; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const text = raw.trim();
    if (!text) continue;
    const indent = indentOf(raw);
    const item = ITEM.exec(raw);
    if (item && indent <= top) {
      step = { text: collector.clean(item[3] ?? ''), commands: [], divider: false };
      steps.push(step);
    } else if (item && step) {
      step.text += `\n${'  '.repeat(Math.max(1, Math.round((indent - top) / 2)) - 1)}- ${collector.clean(item[3] ?? '')}`;
    } else if (looksLikeCommand(text)) {
      if (!step) {
        step = { text: '', commands: [], divider: false };
        steps.push(step);
      }
      step.commands.push(text);
    } else if (indent < top && /[가-힣]/.test(text)) {
      if (step?.divider) step.text += `\n${collector.clean(text)}`;
      else {
        step = { text: collector.clean(text), commands: [], divider: true };
        steps.push(step);
      }
    } else if (step && /[가-힣]/.test(text) && isSentence(text)) {
      step.text += `\n${collector.clean(text)}`;
    }
    // Anything else is example output (YAML, tables, JSON): left out of the steps.
  }

  const end = trimEnd(lines, titleAt + 1, lines.length);
  const section: Section = {
    id: idMaker(doc.idBase)(slug(title)),
    source: doc.source,
    lines: [titleAt + 1, end],
    title,
    documentTitle: doc.documentTitle ?? title,
    ...(doc.url ? { url: doc.url } : {}),
    language: doc.language,
    symptoms,
    causes,
    steps: steps.map(({ text, commands }): Step => ({ text, commands })),
    errors: [...errors],
    links: collector.links,
    tags: doc.tags,
    text: lines
      .slice(titleAt, end)
      .map((l) => l.trimEnd())
      .filter((l, i, all) => l !== '' || (all[i - 1] ?? '') !== '')
      .join('\n'),
    ...vendorFields(doc),
  };
  return [section];
};
