/**
 * IBM Cloud docs in kramdown: `##` topics with `{: #anchor}` lines, `{: tsSymptoms}` / `{: tsCauses}` /
 * `{: tsResolve}` markers, `{: screen}` / `{: pre}` classes on code blocks. Anchored sub-parts inside a topic
 * (a `###` heading or a bold line followed by `{: #anchor}`) stand as their own answers, linked to the topic.
 * A page whose anchored `#` title carries the markers is one topic, and its `##` parts are its sub-parts.
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
import { readFrontMatter } from '../front-matter.ts';
import { absoluteUrl } from '../inline.ts';
import type { Section } from '../section.ts';
import { errorPhrases, errorsFromCode, quotedErrors } from '../signals.ts';
import { stepsFromBlocks } from '../steps.ts';

interface Start {
  readonly line: number;
  readonly rawTitle: string;
  readonly anchor?: string;
  readonly child: boolean;
  /** Index of the first content block after the title (and its anchor). */
  readonly contentFrom: number;
  /** Index of the title block. */
  readonly at: number;
}

const MARKERS: Record<string, 'symptoms' | 'causes' | 'resolve'> = {
  tsSymptoms: 'symptoms',
  tsCauses: 'causes',
  tsResolve: 'resolve',
};

function anchorOf(block: MdBlock | undefined): string | undefined {
  if (block?.kind !== 'attr') return undefined;
  return /^#([\w.:-]+)$/.exec(block.value)?.[1];
}

/** True when the blocks after a heading, up to the next `#` or `##`, carry a troubleshooting marker. */
function hasMarkers(blocks: readonly MdBlock[], from: number): boolean {
  for (let i = from; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.kind === 'heading' && block.level <= 2) return false;
    if (block.kind === 'attr' && MARKERS[block.value]) return true;
  }
  return false;
}

function findStarts(blocks: readonly MdBlock[]): { starts: Start[]; h1?: string } {
  const starts: Start[] = [];
  let h1: string | undefined;
  let inTopic = false;
  // A one-topic page (IBM's newer troubleshooting pages): the anchored `#` title is the topic itself, with
  // its markers under it, and its `##` parts are sub-parts of it.
  let pageTopic = false;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.kind === 'heading') {
      const next = blocks[i + 1];
      const anchor = next && next.line === block.line + 1 ? anchorOf(next) : undefined;
      if (block.level === 1) {
        h1 ??= block.text;
        pageTopic = anchor !== undefined && starts.length === 0 && hasMarkers(blocks, i + 1);
        if (pageTopic) {
          starts.push({ line: block.line, rawTitle: block.text, anchor, child: false, contentFrom: i + 2, at: i });
        }
        inTopic = pageTopic;
      } else if (block.level === 2) {
        starts.push({
          line: block.line,
          rawTitle: block.text,
          anchor,
          child: pageTopic,
          contentFrom: anchor ? i + 2 : i + 1,
          at: i,
        });
        inTopic = true;
      } else if (anchor && inTopic) {
        starts.push({ line: block.line, rawTitle: block.text, anchor, child: true, contentFrom: i + 2, at: i });
      }
      continue;
    }
    const anchor = anchorOf(block);
    const prev = blocks[i - 1];
    if (anchor && inTopic && prev?.kind === 'para' && prev.endLine === block.line - 1) {
      // "**API 키를 사용하는 … 문제점 해결**</br>" + "{: #ts_image_pull_apikey}": a sub-part with its own anchor.
      starts.push({ line: prev.line, rawTitle: prev.text, anchor, child: true, contentFrom: i + 1, at: i - 1 });
    }
  }
  return { starts, h1 };
}

export const splitKramdown: Splitter = (lines, doc) => {
  const front = readFrontMatter(lines);
  if (front.error) doc.problem(1, front.error, 'error');
  const blocks = parseBlocks(lines, front.bodyStart, lines.length, { onProblem: doc.problem });
  const { starts, h1 } = findStarts(blocks);
  const documentTitle = doc.documentTitle ?? (h1 ? new LinkCollector(doc.inline).clean(h1) : doc.idBase);
  const nextId = idMaker(doc.idBase);
  const sections: Section[] = [];
  let parentId: string | undefined;

  starts.forEach((start, k) => {
    const following = starts[k + 1];
    const toIndex = following ? following.at : blocks.length;
    const lastLine = following ? following.line - 1 : lines.length;
    const content = blocks.slice(start.contentFrom, toIndex);
    const collector = new LinkCollector(doc.inline);
    const title = collector.clean(start.rawTitle);
    const id = start.anchor ? nextId(start.anchor) : nextId(...titleKeys(title));
    if (!start.child) parentId = id;

    const zones: Record<'intro' | 'symptoms' | 'causes' | 'resolve', MdBlock[]> = {
      intro: [],
      symptoms: [],
      causes: [],
      resolve: [],
    };
    let zone: keyof typeof zones = 'intro';
    let marked = false;
    for (const block of content) {
      const marker = block.kind === 'attr' ? MARKERS[block.value] : undefined;
      if (marker) {
        // Written right under a block (`…status.` then `{: tsSymptoms}`), the marker names that block's part;
        // on a line of its own, the part of what follows.
        const current = zones[zone];
        const prev = current[current.length - 1];
        if (prev && 'endLine' in prev && prev.endLine === block.line - 1) zones[marker].push(current.pop()!);
        zone = marker;
        marked = true;
        continue;
      }
      zones[zone].push(block);
    }
    let symptomBlocks: MdBlock[];
    let resolveBlocks: MdBlock[];
    if (marked) {
      symptomBlocks = [...zones.intro, ...zones.symptoms];
      resolveBlocks = zones.resolve;
    } else {
      // No markers: a sub-part or a help topic. Its short description says what it is for; the rest is the fix.
      symptomBlocks = zones.intro.filter((b) => b.kind === 'para' && b.role === 'shortdesc');
      resolveBlocks = zones.intro.filter((b) => !(b.kind === 'para' && b.role === 'shortdesc'));
    }

    const errors = new Set<string>(errorPhrases(title));
    for (const block of symptomBlocks) {
      if (block.kind === 'code') for (const e of errorsFromCode(block.code, block.role !== 'pre')) errors.add(e);
      else if (block.kind === 'para' || block.kind === 'item') {
        for (const e of errorPhrases(collector.clean(block.text))) errors.add(e);
      }
    }
    // Messages quoted elsewhere ("`access denied` 오류 메시지가 표시되는 경우") are documented too.
    for (const block of [...zones.causes, ...resolveBlocks]) {
      if (block.kind === 'para' || block.kind === 'item') for (const e of quotedErrors(block.text)) errors.add(e);
    }
    if (marked && zones.symptoms.length === 0) doc.problem(start.line, `"${title}" has no symptoms part`);
    const steps = stepsFromBlocks(resolveBlocks, collector.clean);
    sections.push({
      id,
      source: doc.source,
      lines: [start.line, trimEnd(lines, start.line, lastLine)],
      title,
      documentTitle,
      ...(start.child && parentId ? { parentId } : {}),
      ...(doc.url ? { url: start.anchor ? absoluteUrl(`#${start.anchor}`, doc.inline) : doc.url } : {}),
      language: doc.language,
      symptoms: renderBlocks(symptomBlocks, collector.clean),
      causes: renderBlocks(zones.causes, collector.clean),
      steps,
      errors: [...errors],
      links: collector.links,
      tags: doc.tags,
      text: joinText(title, renderBlocks(content, collector.clean)),
      display: {
        symptoms: displayMarkdown(symptomBlocks, collector.clean),
        causes: displayMarkdown(zones.causes, collector.clean),
        resolution: displayMarkdown(resolveBlocks, collector.clean),
      },
      ...(start.anchor ? { anchor: start.anchor } : {}),
      ...vendorFields(doc),
    });
  });
  if (starts.length === 0) doc.problem(undefined, 'no "##" topics found', 'error');
  return sections;
};

export function vendorFields(doc: DocumentContext): { vendor?: string; product?: string } {
  return { ...(doc.vendor ? { vendor: doc.vendor } : {}), ...(doc.product ? { product: doc.product } : {}) };
}
