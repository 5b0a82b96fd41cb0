/**
 * A documentation page saved as plain text: the page is one section, and each sub-part it has (a heading
 * line at the margin between groups of steps) another, linked to the page. The title is the page's own
 * heading among its first lines (page dumps repeat it; site chrome such as "IBM Cloud Docs" comes first).
 * Before the numbered steps come the symptoms (prose with the commands and error output that show the
 * problem) and then the causes; numbered steps ("  1. …") carry their indented command lines.
 */
import type { Step } from '../../message.ts';
import { idMaker, LinkCollector, type Splitter, titleKeys, trimEnd } from '../document.ts';
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

  // The numbered steps; lines at the page's left margin between groups of steps head the next group. A margin
  // line that reads as a heading rather than a sentence ("API 키를 사용하는 … 문제점 해결") begins a sub-part of
  // the page, which stands as its own answer (as an anchored sub-part does in kramdown); the margin lines
  // after it say what it is for.
  interface Part {
    readonly titleLine: number;
    readonly title: string;
    readonly collector: LinkCollector;
    readonly intro: string[];
    readonly steps: { text: string; commands: string[]; divider: boolean }[];
  }
  const parts: Part[] = [{ titleLine: titleAt, title, collector, intro: [], steps: [] }];
  let part = parts[0]!;
  const top = firstItem < 0 ? 0 : indentOf(lines[firstItem] ?? '');
  let step: Part['steps'][number] | undefined;
  let inIntro = false;
  for (let i = introEnd; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const text = raw.trim();
    if (!text) continue;
    const indent = indentOf(raw);
    const item = ITEM.exec(raw);
    const clean = part.collector.clean;
    if (item && indent <= top) {
      step = { text: clean(item[3] ?? ''), commands: [], divider: false };
      part.steps.push(step);
      inIntro = false;
    } else if (item && step) {
      step.text += `\n${'  '.repeat(Math.max(1, Math.round((indent - top) / 2)) - 1)}- ${clean(item[3] ?? '')}`;
    } else if (looksLikeCommand(text)) {
      if (!step) {
        step = { text: '', commands: [], divider: false };
        part.steps.push(step);
      }
      step.commands.push(text);
    } else if (indent < top && /[가-힣]/.test(text)) {
      if (inIntro) part.intro.push(clean(text));
      else if (!isSentence(text)) {
        const partCollector = new LinkCollector(doc.inline);
        part = { titleLine: i, title: partCollector.clean(text), collector: partCollector, intro: [], steps: [] };
        parts.push(part);
        step = undefined;
        inIntro = true;
      } else if (step?.divider) step.text += `\n${clean(text)}`;
      else {
        step = { text: clean(text), commands: [], divider: true };
        part.steps.push(step);
      }
    } else if (step && /[가-힣]/.test(text) && isSentence(text)) {
      step.text += `\n${clean(text)}`;
    }
    // Anything else is example output (YAML, tables, JSON): left out of the steps.
  }

  const nextId = idMaker(doc.idBase);
  const pageId = nextId(...titleKeys(title));
  return parts.map((p, k): Section => {
    const next = parts[k + 1];
    const end = trimEnd(lines, p.titleLine + 1, next ? next.titleLine : lines.length);
    return {
      id: k === 0 ? pageId : nextId(...titleKeys(p.title)),
      source: doc.source,
      lines: [p.titleLine + 1, end],
      title: p.title,
      documentTitle: doc.documentTitle ?? title,
      ...(k > 0 ? { parentId: pageId } : {}),
      ...(doc.url ? { url: doc.url } : {}),
      language: doc.language,
      symptoms: k === 0 ? symptoms : p.intro.join('\n'),
      causes: k === 0 ? causes : '',
      steps: p.steps.map(({ text, commands }): Step => ({ text, commands })),
      errors: k === 0 ? [...errors] : [],
      links: p.collector.links,
      tags: doc.tags,
      text: lines
        .slice(p.titleLine, end)
        .map((l) => l.trimEnd())
        .filter((l, i, all) => l !== '' || (all[i - 1] ?? '') !== '')
        .join('\n'),
      ...vendorFields(doc),
    };
  });
};
