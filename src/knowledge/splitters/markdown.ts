/**
 * Plain Markdown, as in Microsoft docs: YAML front matter (`title`, `ms.*`), `## … ##` groups and
 * `### … ###` topics (closing hashes are not part of the title). Every heading below the document title
 * begins a section, except a group heading that is directly followed by its first topic.
 */
import { type MdBlock, parseBlocks } from '../blocks.ts';
import { displayMarkdown } from '../display-markdown.ts';
import { idMaker, joinText, LinkCollector, renderBlocks, type Splitter, titleKeys, trimEnd } from '../document.ts';
import { readFrontMatter } from '../front-matter.ts';
import type { Section } from '../section.ts';
import { errorPhrases, errorsFromCode, looksLikeCommand, looksLikeError } from '../signals.ts';
import { stepsFromBlocks } from '../steps.ts';
import { vendorFields } from './kramdown.ts';

/** A code block whose every line reads as an error message is sample output, not a command. */
export function markErrorOutput(blocks: readonly MdBlock[]): void {
  for (const block of blocks) {
    if (block.kind !== 'code' || block.role) continue;
    const lines = block.code.split('\n').filter((l) => l.trim());
    if (lines.length > 0 && lines.every((l) => looksLikeError(l) && !looksLikeCommand(l))) block.role = 'screen';
  }
}

/** Messages quoted in a title: `"HnsCall에 오류가 발생 했습니다: …"`, `"ContainerCreating"`. */
export function quotedInTitle(title: string): string[] {
  return [...title.matchAll(/"([^"]{3,200})"/g)].map((m) => (m[1] ?? '').trim()).filter(Boolean);
}

export const splitMarkdown: Splitter = (lines, doc) => {
  const front = readFrontMatter(lines);
  if (front.error) doc.problem(1, front.error, 'error');
  const blocks = parseBlocks(lines, front.bodyStart, lines.length, { onProblem: doc.problem });
  markErrorOutput(blocks);
  const h1 = blocks.find((b) => b.kind === 'heading' && b.level === 1);
  const fmTitle = typeof front.data.title === 'string' ? front.data.title : undefined;
  const documentTitle =
    doc.documentTitle ?? fmTitle ?? (h1?.kind === 'heading' ? h1.text : (doc.idBase.split('/').pop() ?? doc.idBase));

  const starts: number[] = [];
  // The "##" group a topic sits under ("일반적인 네트워킹 오류") tags it, as FAQ headings tag questions.
  const groupOf = new Map<number, string>();
  let group: { level: number; text: string } | undefined;
  blocks.forEach((block, i) => {
    if (block.kind !== 'heading' || block.level < 2) return;
    if (group && block.level <= group.level) group = undefined;
    const next = blocks[i + 1];
    const isGroup = next?.kind === 'heading' && next.level > block.level;
    if (isGroup) group = { level: block.level, text: block.text };
    else {
      starts.push(i);
      if (group) groupOf.set(i, group.text);
    }
  });

  const nextId = idMaker(doc.idBase);
  const sections: Section[] = [];
  for (const at of starts) {
    const heading = blocks[at] as Extract<MdBlock, { kind: 'heading' }>;
    // A section runs to the next heading of any level: groups close their last topic.
    let to = at + 1;
    while (to < blocks.length && blocks[to]!.kind !== 'heading') to++;
    const lastLine = to < blocks.length ? blocks[to]!.line - 1 : lines.length;
    const content = blocks.slice(at + 1, to);
    const collector = new LinkCollector(doc.inline);
    const title = collector.clean(heading.text);
    const anchor = anchorIn(content);

    // Without markers: the first paragraph explains (the cause), the rest is the fix. A single paragraph
    // is both, and reads best as the one step.
    const firstPara = content.findIndex((b) => b.kind === 'para');
    const hasMore = content.some(
      (b, i) => i > firstPara && (b.kind === 'para' || b.kind === 'item' || b.kind === 'code'),
    );
    const causeBlocks = firstPara >= 0 && hasMore ? [content[firstPara]!] : [];
    const fixBlocks = content.filter((b) => !causeBlocks.includes(b));

    const errors = new Set<string>([...errorPhrases(title), ...quotedInTitle(title)]);
    for (const block of content) {
      if (block.kind === 'code' && block.role === 'screen')
        for (const e of errorsFromCode(block.code, true)) errors.add(e);
    }
    for (const block of causeBlocks) {
      if (block.kind === 'para') for (const e of errorPhrases(collector.clean(block.text))) errors.add(e);
    }

    sections.push({
      id: anchor ? nextId(anchor) : nextId(...titleKeys(title)),
      source: doc.source,
      lines: [heading.line, trimEnd(lines, heading.line, lastLine)],
      title,
      documentTitle,
      ...(doc.url ? { url: anchor ? `${doc.url}#${anchor}` : doc.url } : {}),
      language: doc.language,
      // The heading names the problem; there is no separate symptoms part to repeat it in.
      symptoms: '',
      causes: renderBlocks(causeBlocks, collector.clean),
      steps: stepsFromBlocks(fixBlocks, collector.clean),
      errors: [...errors],
      links: collector.links,
      tags: groupOf.has(at)
        ? [...new Set([...doc.tags, new LinkCollector(doc.inline).clean(groupOf.get(at)!)])]
        : doc.tags,
      text: joinText(title, renderBlocks(content, collector.clean)),
      display: {
        symptoms: '',
        causes: displayMarkdown(causeBlocks, collector.clean),
        resolution: displayMarkdown(fixBlocks, collector.clean),
      },
      ...(anchor ? { anchor } : {}),
      ...vendorFields(doc),
    });
  }
  if (sections.length === 0) doc.problem(undefined, 'no "##" or "###" headings found', 'error');
  return sections;
};

function anchorIn(content: readonly MdBlock[]): string | undefined {
  const first = content[0];
  return first?.kind === 'attr' ? /^#([\w.:-]+)$/.exec(first.value)?.[1] : undefined;
}
