/**
 * A FAQ written in Markdown, as Tencent Cloud's documentation pages are: questions are headings, grouped
 * under headings of a higher level (`## Cluster Creation` over `### Can I …?`). A heading is a question when
 * it reads as one (ends in "?") or carries the page's own anchor at the questions' level (`### Instructions
 * for exceptional image reuse[](id:FAQ9)`); any other heading at the question's level or below (`### CNI Network`, `#### 1. Free
 * up …`) is part of the answer, and one above it is a group. A caution quoted on its own ("> Do not access
 * …") is an entry of its own, as the FAQ splitter reads a PDF export's. A file assembled from several pages
 * starts each with a comment naming its source (`<!-- SOURCE: … -->`); answers end there.
 */
import { type MdBlock, parseBlocks } from '../blocks.ts';
import { idMaker, LinkCollector, type Splitter, titleKeys, trimEnd } from '../document.ts';
import type { Section } from '../section.ts';
import { errorsFromCode, kubeReasons, quotedErrors } from '../signals.ts';
import { answerSection, isQuestionLine, ZONE_LABELS, type Zone } from './faq.ts';
import { quotedInTitle } from './markdown.ts';

const HEADING = /^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
/** Tencent's heading anchors: `### Title[](id:FAQ1)`. */
const ID_ANCHOR = /\[\]\(id:([\w.-]+)\)\s*$/;
const PAGE_START = /^<!--\s*SOURCE\b/;
const CAUTION_QUOTE = /^\s*>\s?(.*)$/;
const LEAD_LABEL = /^\s*(?:\*\*|__)?([^*_:：\n]{2,20}?)\s*[:：]\s*(?:\*\*|__)?(?:\s+|$)/;

/** 1-based lines where a page of a multi-page export starts. */
export function markdownFaqPageStarts(lines: readonly string[]): number[] {
  const starts: number[] = [];
  lines.forEach((line, i) => {
    if (PAGE_START.test(line)) starts.push(i + 1);
  });
  return starts;
}

/**
 * The lines as plain Markdown, one for one: Tencent's `<dx-codeblock>` becomes a fence (its language line
 * dropped), `<dx-alert>` wrappers and rules between questions disappear, and `>?` / `>!` call-outs become
 * quotes.
 */
function normalizeLines(lines: readonly string[]): string[] {
  const out: string[] = [];
  let inCodeblock = false;
  let languageLine = false;
  for (const line of lines) {
    if (/^\s*<dx-codeblock>\s*$/.test(line)) {
      out.push('```');
      inCodeblock = true;
      languageLine = true;
    } else if (/^\s*<\/dx-codeblock>\s*$/.test(line)) {
      out.push('```');
      inCodeblock = false;
    } else if (inCodeblock && languageLine && line.trim()) {
      languageLine = false;
      out.push(/^\s*(?:#{1,3}|:{3})\s+[\w+-]+\s*$/.test(line) ? '' : line);
    } else if (!inCodeblock && /^\s*<\/?dx-alert\b[^>]*>\s*$/.test(line)) out.push('');
    // A rule between questions (`---` after a blank line) separates, it says nothing.
    else if (!inCodeblock && /^\s*-{3,}\s*$/.test(line) && !(out[out.length - 1] ?? '').trim()) out.push('');
    else if (!inCodeblock) out.push(line.replace(/^(\s*)>[?!]\s?/, '$1> '));
    else out.push(line);
  }
  return out;
}

interface Entry {
  /** 0-based index of the question line. */
  readonly at: number;
  readonly title: string;
  readonly level: number;
}

export const splitMarkdownFaq: Splitter = (raw, doc) => {
  const lines = normalizeLines(raw);
  const kinds: ('question' | 'group' | 'page' | undefined)[] = [];
  const entries = new Map<number, Entry>();
  let inFence = false;
  let questionLevel = Number.POSITIVE_INFINITY;
  const groups = new Map<number, string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^\s*(`{3,}|~{3,})/.test(line)) inFence = !inFence;
    if (inFence) continue;
    if (PAGE_START.test(line)) {
      kinds[i] = 'page';
      questionLevel = Number.POSITIVE_INFINITY;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      const text = (heading[2] ?? '').replace(ID_ANCHOR, '').trim();
      // An anchored heading below the question's level ("#### Step 1 …[](id:create)") is a step of its answer.
      if ((ID_ANCHOR.test(heading[2] ?? '') && level <= questionLevel) || /[?？]$/.test(text)) {
        kinds[i] = 'question';
        entries.set(i, { at: i, title: text, level });
        questionLevel = level;
      } else if (level < questionLevel || level === 1) {
        kinds[i] = 'group';
        groups.set(i, text);
        questionLevel = Number.POSITIVE_INFINITY;
      }
      continue;
    }
    const quote = CAUTION_QUOTE.exec(line);
    const firstOfQuote = quote && !CAUTION_QUOTE.test(lines[i - 1] ?? '');
    if (firstOfQuote && quote[1] && isQuestionLine(quote[1]) && !/[?？]$/.test(quote[1].trim())) {
      kinds[i] = 'question';
      entries.set(i, { at: i, title: quote[1].trim(), level: questionLevel });
    }
  }

  // A heading with no question under it ("## Other Differences" after the last question of a page) is a
  // part of the answer before it, not a group.
  let lastQuestion = -1;
  for (let i = 0; i < lines.length; i++) {
    if (kinds[i] === 'question') lastQuestion = i;
    else if (kinds[i] === 'page') lastQuestion = -1;
    else if (kinds[i] === 'group' && lastQuestion >= 0) {
      let j = i + 1;
      while (j < lines.length && kinds[j] !== 'question' && kinds[j] !== 'page') j++;
      if (kinds[j] !== 'question') kinds[i] = undefined;
    }
  }

  const nextId = idMaker(doc.idBase);
  const sections: Section[] = [];
  const heads: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (kinds[i] === 'group') heads.push(groups.get(i)!);
    const entry = entries.get(i);
    if (!entry) continue;
    let end = i + 1;
    while (end < lines.length && kinds[end] === undefined) end++;
    const last = trimEnd(lines, i + 1, end);
    const collector = new LinkCollector(doc.inline);
    const title = collector.clean(entry.title);
    const blocks = parseBlocks(lines, i + 1, last, { onProblem: doc.problem });
    const zones: Record<Zone, MdBlock[]> = { answer: [], causes: [], resolution: [] };
    let zone: Zone = 'answer';
    for (const block of blocks) {
      // "**Solution:**" on a line of its own, or leading the paragraph it labels.
      const lead = block.kind === 'para' ? LEAD_LABEL.exec(block.text) : null;
      const label = lead ? ZONE_LABELS.find(([re]) => re.test(lead[1] ?? ''))?.[1] : undefined;
      if (label && lead && block.kind === 'para') {
        zone = label;
        const rest = block.text.slice(lead[0].length);
        if (rest.trim()) zones[zone].push({ ...block, text: rest });
        continue;
      }
      zones[zone].push(block);
    }
    // In English prose, messages are what the text quotes: code spans, quoted strings, event reasons.
    const errors = new Set<string>([...quotedErrors(title), ...quotedInTitle(title), ...kubeReasons(title)]);
    for (const block of blocks) {
      if (block.kind === 'code') for (const e of errorsFromCode(block.code, false)) errors.add(e);
      else if (block.kind === 'para' || block.kind === 'item') {
        for (const e of [...quotedErrors(block.text), ...kubeReasons(block.text)]) errors.add(e);
      }
    }
    if (blocks.length === 0) doc.problem(i + 1, `question "${title}" has no answer`);
    const solved = zones.resolution.length > 0;
    const fix = solved ? zones.resolution : zones.answer;
    sections.push(
      answerSection(doc, {
        id: nextId(...titleKeys(title)),
        title,
        lines: [i + 1, Math.max(i + 1, last)],
        heads,
        tags: heads.slice(-1),
        blocks,
        // With a "Solution:" part, what comes before it describes the problem; the solution is the fix.
        problem: solved ? zones.answer : [],
        causes: zones.causes,
        fix,
        errors,
        collector,
      }),
    );
    i = end - 1;
  }
  if (sections.length === 0) doc.problem(undefined, 'no question headings found', 'error');
  return sections;
};
