/**
 * A FAQ exported from PDF to text: questions are bare lines (ending in "?", which covers Korean
 * interrogatives such as …까? …나요? …요?), plus cautions written as bare "do not …" lines. They are
 * grouped under bare-line headings (listed in the table of contents, next to a "최종 업데이트 날짜" line,
 * or named "… FAQ"). Cover, copyright and contents pages carry no questions and produce no sections.
 * Each question is a section whose answer runs to the next question or heading.
 */
import { type MdBlock, parseBlocks } from '../blocks.ts';
import { displayMarkdown } from '../display-markdown.ts';
import {
  type DocumentContext,
  idMaker,
  joinText,
  LinkCollector,
  renderBlocks,
  type Splitter,
  titleKeys,
  trimEnd,
} from '../document.ts';
import type { Section } from '../section.ts';
import { errorPhrases, errorsFromCode, kubeReasons } from '../signals.ts';
import { stepsFromBlocks } from '../steps.ts';
import { vendorFields } from './kramdown.ts';

const UPDATED = /^(?:최종 업데이트 날짜|마지막 업데이트|Last updated|Last update)(?=$|[\s:：])/i;
const TOC = /^(?:목록|목차|contents|table of contents)\s*[:：]?$/i;
const CAUTION = /(?:지 마십시오|지 마세요)\.$|^(?:Do not|Don't|Never)\b/;

function isBare(lines: readonly string[], i: number): boolean {
  const text = (lines[i] ?? '').trim();
  if (!text || text.includes('\t') || /^(?:[-*+•]|\d{1,3}[.)])\s/.test(text) || /^[`|[<>#{]/.test(text)) return false;
  const before = i === 0 || (lines[i - 1] ?? '').trim() === '';
  const after = i + 1 >= lines.length || (lines[i + 1] ?? '').trim() === '';
  return before && after;
}

/** 1-based lines where a page of the export starts: its "last updated" line. */
export function faqPageStarts(lines: readonly string[]): number[] {
  const starts: number[] = [];
  lines.forEach((line, i) => {
    if (UPDATED.test(line.trim())) starts.push(i + 1);
  });
  return starts;
}

export function isQuestionLine(text: string): boolean {
  const t = text.trim();
  if (t.length < 6 || t.length > 200) return false;
  return /[?？]$/.test(t) || (t.length <= 120 && CAUTION.test(t));
}

/** Lines listed under the table of contents ("- 클러스터", " - 로드 밸런서 FAQ"). */
function tocNames(lines: readonly string[]): Set<string> {
  const names = new Set<string>();
  const at = lines.findIndex((l) => TOC.test(l.trim()));
  if (at < 0) return names;
  for (let i = at + 1; i < lines.length; i++) {
    const text = (lines[i] ?? '').trim();
    if (!text) continue;
    const item = /^[-*•]\s+(.+)$/.exec(text);
    if (item) names.add((item[1] ?? '').trim());
    else if (names.size > 0) break;
  }
  return names;
}

export type Zone = 'answer' | 'causes' | 'resolution';
/** Label lines that divide an answer: "원인" / "Cause:", "솔루션" / "Solution:". */
export const ZONE_LABELS: readonly [RegExp, Zone][] = [
  [/^(?:원인|cause|causes)\s*[:：]?$/i, 'causes'],
  [/^(?:솔루션|해결 방법|해결책|해결|solution|resolution)\s*[:：]?$/i, 'resolution'],
];

/** What one question of a FAQ has been split into. */
export interface FaqAnswer {
  readonly id: string;
  readonly title: string;
  readonly lines: readonly [number, number];
  /** The group headings the question stands under, outermost first. */
  readonly heads: readonly string[];
  /** Of those, the ones that tag the section. */
  readonly tags: readonly string[];
  /** The whole answer, and its parts: what describes the problem, the causes, and the fix. */
  readonly blocks: readonly MdBlock[];
  readonly problem: readonly MdBlock[];
  readonly causes: readonly MdBlock[];
  readonly fix: readonly MdBlock[];
  readonly errors: ReadonlySet<string>;
  readonly collector: LinkCollector;
}

/** A FAQ question as a section, the same whichever format the FAQ was exported in. */
export function answerSection(doc: DocumentContext, a: FaqAnswer): Section {
  const clean = a.collector.clean;
  return {
    id: a.id,
    source: doc.source,
    lines: a.lines,
    title: a.title,
    documentTitle: doc.documentTitle ?? a.heads[0] ?? doc.idBase,
    ...(doc.url ? { url: doc.url } : {}),
    language: doc.language,
    symptoms: renderBlocks(a.problem, clean),
    causes: renderBlocks(a.causes, clean),
    steps: stepsFromBlocks(a.fix, clean),
    errors: [...a.errors],
    links: a.collector.links,
    tags: [...new Set([...doc.tags, ...a.tags])],
    text: joinText(a.title, renderBlocks(a.blocks, clean)),
    display: {
      symptoms: displayMarkdown(a.problem, clean),
      causes: displayMarkdown(a.causes, clean),
      resolution: displayMarkdown(a.fix, clean),
    },
    ...vendorFields(doc),
  };
}

export const splitFaq: Splitter = (lines, doc) => {
  const toc = tocNames(lines);
  const tocLine = lines.findIndex((l) => TOC.test(l.trim()));
  const nearUpdate = (i: number, step: number): boolean => {
    for (let j = i + step; j >= 0 && j < lines.length; j += step) {
      const t = (lines[j] ?? '').trim();
      if (t) return UPDATED.test(t);
    }
    return false;
  };

  // Mark every line as question, heading, date or nothing; code fences are skipped.
  const kinds: ('question' | 'heading' | 'date' | undefined)[] = [];
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    const text = (lines[i] ?? '').trim();
    if (/^(`{3,}|~{3,})/.test(text)) inFence = !inFence;
    if (inFence || /^(`{3,}|~{3,})/.test(text)) continue;
    if (UPDATED.test(text)) kinds[i] = 'date';
    else if (!isBare(lines, i) || (tocLine >= 0 && i <= tocLine)) continue;
    else if (isQuestionLine(text)) kinds[i] = 'question';
    else if (
      text.length <= 50 &&
      !/[.!?。:：]$/.test(text) &&
      (toc.has(text) || nearUpdate(i, 1) || nearUpdate(i, -1) || /\bFAQ$/i.test(text))
    ) {
      kinds[i] = 'heading';
    }
  }
  // The table of contents itself: its entries are list items, so only the lines around it need skipping.
  const nextId = idMaker(doc.idBase);
  const sections: Section[] = [];
  const heads: string[] = [];
  // Text between a page's heading (or its update date) and its first question is the page's introduction:
  // what the page covers, its prerequisites. It answers no question and is expected, like the cover and
  // contents, so it is left out without a warning; answers run from a question to the next marked line.
  for (let i = 0; i < lines.length; i++) {
    if (kinds[i] === 'heading') heads.push((lines[i] ?? '').trim());
    if (kinds[i] !== 'question') continue;
    let end = i + 1;
    while (end < lines.length && kinds[end] === undefined) end++;
    const last = trimEnd(lines, i + 1, end);
    const collector = new LinkCollector(doc.inline);
    const title = collector.clean((lines[i] ?? '').trim());
    const blocks = parseBlocks(lines, i + 1, last, { onProblem: doc.problem });

    const zones: Record<Zone, MdBlock[]> = { answer: [], causes: [], resolution: [] };
    let zone: Zone = 'answer';
    for (const block of blocks) {
      const label = block.kind === 'para' ? ZONE_LABELS.find(([re]) => re.test(block.text.trim()))?.[1] : undefined;
      if (label) {
        zone = label;
        continue;
      }
      zones[zone].push(block);
    }
    const errors = new Set<string>(errorPhrases(title));
    for (const block of blocks) {
      if (block.kind === 'code') for (const e of errorsFromCode(block.code, false)) errors.add(e);
      // English quoted inside Korean prose is a message; an all-English paragraph is a screenshot's text.
      else if (block.kind === 'para') {
        const text = collector.clean(block.text);
        for (const e of /[가-힣]/.test(text) ? errorPhrases(text) : kubeReasons(text)) errors.add(e);
      }
    }
    const fix = [...zones.answer, ...zones.resolution];
    if (blocks.length === 0) doc.problem(i + 1, `question "${title}" has no answer`);
    sections.push(
      answerSection(doc, {
        id: nextId(...titleKeys(title)),
        title,
        lines: [i + 1, Math.max(i + 1, last)],
        heads,
        tags: heads.slice(-2),
        blocks,
        problem: [],
        causes: zones.causes,
        fix,
        errors,
        collector,
      }),
    );
    i = end - 1;
  }
  if (sections.length === 0) doc.problem(undefined, 'no question lines found', 'error');
  return sections;
};
