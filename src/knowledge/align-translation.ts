/**
 * Lines a translation up with the document it translates, so that each section gets its text in a second
 * language. How parts pair depends on what the document's format keeps across languages: kramdown keeps its
 * `{: #anchor}` ids; a Markdown page keeps its headings' order and levels; a FAQ keeps its questions' order
 * on each page; a plain page keeps its title and sub-parts. Nothing is paired on guesses: where counts or
 * levels differ, the translation (or that page of it) is left out and the report says why.
 */
import { literalOutsideCode } from '../markdown/escape-markdown.ts';
import type { Step } from '../message.ts';
import { parseBlocks } from './blocks.ts';
import { type DocumentFormat, joinText } from './document.ts';
import { readFrontMatter } from './front-matter.ts';
import type { AlignMethod, Section, SectionTranslation, TranslationReport } from './section.ts';
import { faqPageStarts } from './splitters/faq.ts';
import { markdownFaqPageStarts } from './splitters/markdown-faq.ts';

/** One side of an alignment: a split file. */
export interface AlignSide {
  readonly source: string;
  readonly format: DocumentFormat;
  /** The file's lines, as split (keywords resolved). */
  readonly lines: readonly string[];
  readonly sections: readonly Section[];
}

export interface AlignOptions {
  readonly language: string;
  /** The translated document's title. */
  readonly documentTitle: string;
  /** False when the translation only helps matching (see `SectionTranslation.shown`). */
  readonly shown: boolean;
}

export interface Alignment {
  /** The translation of each aligned section, by section id. */
  readonly translations: ReadonlyMap<string, SectionTranslation>;
  readonly report: TranslationReport;
}

export function alignMethod(format: DocumentFormat): AlignMethod {
  switch (format) {
    case 'kramdown':
      return 'anchor';
    case 'markdown':
      return 'heading-order';
    case 'faq':
    case 'markdown-faq':
      return 'question-order';
    case 'plain-page':
      return 'page';
    case 'runbook':
      return 'single';
  }
}

/** Pairs found so far: document section id → the translation's section and the sub-parts folded into it. */
type Pairs = Map<string, { readonly part: Section; readonly folded: Section[] }>;

export function alignTranslation(document: AlignSide, translation: AlignSide, options: AlignOptions): Alignment {
  const method = alignMethod(document.format);
  const pairs: Pairs = new Map();
  const rejected: string[] = [];
  const paired = new Set<Section>();
  const pair = (section: Section, part: Section): void => {
    pairs.set(section.id, { part, folded: [] });
    paired.add(part);
  };

  switch (method) {
    case 'anchor': {
      const byAnchor = new Map(document.sections.filter((s) => s.anchor).map((s) => [s.anchor!, s]));
      for (const part of translation.sections) {
        const section = part.anchor ? byAnchor.get(part.anchor) : undefined;
        if (section && !pairs.has(section.id)) pair(section, part);
      }
      if (pairs.size === 0) rejected.push('no section shares an anchor with the document');
      break;
    }
    case 'heading-order': {
      const ours = headings(document.lines);
      const theirs = headings(translation.lines);
      const differs = firstDifference(ours, theirs);
      if (differs !== undefined) {
        rejected.push(`headings differ: ${differs}`);
        break;
      }
      const partAt = new Map(translation.sections.map((s) => [s.lines[0], s]));
      const index = new Map(ours.map((h, k) => [h.line, k]));
      for (const section of document.sections) {
        const k = index.get(section.lines[0]);
        const part = k === undefined ? undefined : partAt.get(theirs[k]!.line);
        if (part) pair(section, part);
      }
      break;
    }
    case 'question-order': {
      const ours = byPage(document);
      const theirs = byPage(translation);
      if (ours.length !== theirs.length) {
        rejected.push(`the document has ${ours.length} pages, the translation ${theirs.length}`);
        break;
      }
      ours.forEach((page, p) => {
        const other = theirs[p]!;
        if (page.length !== other.length) {
          const title = page[0] ? ` (from "${page[0].title}")` : '';
          rejected.push(`page ${p + 1}${title}: ${page.length} questions, the translation's ${other.length}`);
          return;
        }
        page.forEach((section, k) => {
          pair(section, other[k]!);
        });
      });
      break;
    }
    case 'page':
    case 'single': {
      // The top-level part pairs with the page; sub-parts pair in order when both have as many, and are
      // otherwise folded into the page.
      const ourTop = document.sections.filter((s) => !s.parentId);
      const theirTop = translation.sections.filter((s) => !s.parentId);
      if (ourTop.length !== 1 || theirTop.length !== 1) {
        rejected.push(`the document has ${ourTop.length} top-level parts, the translation ${theirTop.length}`);
        break;
      }
      pair(ourTop[0]!, theirTop[0]!);
      const ourParts = document.sections.filter((s) => s.parentId);
      const theirParts = translation.sections.filter((s) => s.parentId);
      if (ourParts.length === theirParts.length) {
        ourParts.forEach((s, k) => {
          pair(s, theirParts[k]!);
        });
      }
      break;
    }
  }

  // Sub-parts the document folds into their parent (`apikey` under `cs_credentials`) join their parent's text.
  const pairOf = new Map([...pairs.values()].map((p) => [p.part.id, p]));
  for (const part of translation.sections) {
    if (paired.has(part) || !part.parentId) continue;
    const parent = pairOf.get(part.parentId);
    if (parent) {
      parent.folded.push(part);
      paired.add(part);
    }
  }

  const translations = new Map<string, SectionTranslation>();
  for (const [id, { part, folded }] of pairs) translations.set(id, translationOf(part, folded, translation, options));
  return {
    translations,
    report: {
      source: translation.source,
      translates: document.source,
      language: options.language,
      method,
      sections: document.sections.length,
      aligned: translations.size,
      missing: document.sections.filter((s) => !translations.has(s.id)).map((s) => s.id),
      unmatched: translation.sections.filter((s) => !paired.has(s)).map((s) => `line ${s.lines[0]}: ${s.title}`),
      rejected,
    },
  };
}

function translationOf(
  part: Section,
  folded: readonly Section[],
  side: AlignSide,
  options: AlignOptions,
): SectionTranslation {
  const steps: Step[] = [...part.steps];
  for (const sub of folded) {
    // A sub-part's title heads its steps, as it heads them in the document that folds it in.
    steps.push({ text: joinText(sub.title, sub.symptoms).replace(/\n\n/g, '\n'), commands: [] }, ...sub.steps);
  }
  // The display form likewise: each folded sub-part's title, in bold, heads its resolution.
  const display = part.display && {
    symptoms: part.display.symptoms,
    causes: part.display.causes,
    resolution: joinText(
      part.display.resolution,
      ...folded.map((sub) =>
        joinText(
          `**${literalOutsideCode(sub.title)}**`,
          sub.display?.symptoms ?? sub.symptoms,
          sub.display?.resolution ?? '',
        ),
      ),
    ),
  };
  return {
    language: options.language,
    source: side.source,
    lines: [part.lines[0], Math.max(part.lines[1], ...folded.map((s) => s.lines[1]))],
    title: part.title,
    documentTitle: options.documentTitle,
    symptoms: part.symptoms,
    causes: part.causes,
    steps,
    errors: [...new Set([...part.errors, ...folded.flatMap((s) => s.errors)])],
    text: joinText(part.text, ...folded.map((s) => s.text)),
    ...(display ? { display } : {}),
    shown: options.shown,
  };
}

/** Every heading below the front matter, in order: what a Markdown page and its translation share. */
interface Heading {
  readonly line: number;
  readonly level: number;
  readonly text: string;
}

function headings(lines: readonly string[]): Heading[] {
  const front = readFrontMatter(lines);
  const found: Heading[] = [];
  for (const b of parseBlocks(lines, front.bodyStart, lines.length)) {
    if (b.kind === 'heading') found.push({ line: b.line, level: b.level, text: b.text });
  }
  return found;
}

function firstDifference(ours: readonly Heading[], theirs: readonly Heading[]): string | undefined {
  const n = Math.min(ours.length, theirs.length);
  for (let k = 0; k < n; k++) {
    const [a, b] = [ours[k]!, theirs[k]!];
    if (a.level !== b.level) {
      const quote = b.text.length > 60 ? `${b.text.slice(0, 60)}…` : b.text;
      return `heading ${k + 1} is level ${a.level} in the document, ${b.level} in the translation (line ${b.line}: "${quote}")`;
    }
  }
  return ours.length === theirs.length
    ? undefined
    : `the document has ${ours.length} headings, the translation ${theirs.length}`;
}

/**
 * The sections of each page of a FAQ, in order. A FAQ without page marks is one page; sections before the
 * first mark (none in practice) count with the first page.
 */
function byPage(side: AlignSide): Section[][] {
  const starts = side.format === 'faq' ? faqPageStarts(side.lines) : markdownFaqPageStarts(side.lines);
  const pages: Section[][] = starts.length === 0 ? [[]] : starts.map(() => []);
  for (const section of side.sections) {
    let p = 0;
    while (p + 1 < starts.length && starts[p + 1]! <= section.lines[0]) p++;
    pages[p]!.push(section);
  }
  return pages;
}
