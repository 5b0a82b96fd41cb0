/**
 * User runbooks: Markdown with front matter
 *
 *   title: CrashLoopBackOff: a ConfigMap key the container needs is missing
 *   errors: ['couldn't find key', '/configmap "[^"]+" not found/']   # strings, or /regular expressions/
 *   tags: [pod, configmap]
 *   symptoms: …   # optional, else the "## Symptoms" / "## 증상" part
 *   causes: …     # optional, else the "## Causes" / "## 원인" part
 *
 * and a body with `## Symptoms`, `## Causes`, `## Resolution` parts (also 증상 / 원인 / 해결). One runbook
 * file is one section.
 */

import { literalOutsideCode } from '../../markdown/escape-markdown.ts';
import { type MdBlock, parseBlocks } from '../blocks.ts';
import { displayMarkdown } from '../display-markdown.ts';
import { idMaker, joinText, LinkCollector, renderBlocks, type Splitter, slug, trimEnd } from '../document.ts';
import { readFrontMatter } from '../front-matter.ts';
import { errorPhrases, errorsFromCode } from '../signals.ts';
import { isRegexSignature } from '../signatures.ts';
import { stepsFromBlocks } from '../steps.ts';
import { vendorFields } from './kramdown.ts';
import { markErrorOutput } from './markdown.ts';

type Part = 'intro' | 'symptoms' | 'causes' | 'resolution';

const PART_NAMES: readonly [RegExp, Part][] = [
  [/^(?:symptoms?|증상|현상)(?=$|[\s:(])/i, 'symptoms'],
  [/^(?:causes?|why|원인|이유)(?=$|[\s:(])/i, 'causes'],
  [/^(?:resolution|resolve|fix|remediation|solution|steps|해결|해결 방법|해결책|조치)(?=$|[\s:(])/i, 'resolution'],
];

function partOf(heading: string): Part | undefined {
  const text = heading.trim();
  return PART_NAMES.find(([re]) => re.test(text))?.[1];
}

function stringList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value))
    return value.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map(String);
  return undefined;
}

export const splitRunbook: Splitter = (lines, doc) => {
  const front = readFrontMatter(lines);
  if (front.error) doc.problem(1, front.error, 'error');
  const data = front.data;
  const blocks = parseBlocks(lines, front.bodyStart, lines.length, { onProblem: doc.problem });
  markErrorOutput(blocks);
  const collector = new LinkCollector(doc.inline);

  const h1 = blocks.find((b) => b.kind === 'heading' && b.level === 1);
  const fmTitle = typeof data.title === 'string' ? data.title.trim() : '';
  if (!fmTitle) doc.problem(1, 'runbook has no "title" in its front matter', 'error');
  const title = collector.clean(
    fmTitle || (h1?.kind === 'heading' ? h1.text : (doc.idBase.split('/').pop() ?? doc.idBase)),
  );

  const parts: Record<Part, MdBlock[]> = { intro: [], symptoms: [], causes: [], resolution: [] };
  let part: Part = 'intro';
  for (const block of blocks) {
    if (block.kind === 'heading' && block.level === 1) continue;
    if (block.kind === 'heading' && block.level === 2) {
      part = partOf(block.text) ?? part;
      continue;
    }
    parts[part].push(block);
  }

  const errors: string[] = [];
  for (const signature of stringList(data.errors) ?? []) {
    if (isRegexSignature(signature)) {
      const body = signature.slice(1, signature.lastIndexOf('/'));
      const flags = signature.slice(signature.lastIndexOf('/') + 1);
      try {
        new RegExp(body, flags);
      } catch (err) {
        doc.problem(
          1,
          `error signature ${signature} is not a valid regular expression: ${(err as Error).message}`,
          'error',
        );
        continue;
      }
    }
    errors.push(signature);
  }
  if (data.errors !== undefined && stringList(data.errors) === undefined) {
    doc.problem(1, '"errors" must be a string or a list of strings', 'error');
  }
  for (const block of parts.symptoms) {
    if (block.kind === 'code') errors.push(...errorsFromCode(block.code, true));
  }
  errors.push(...errorPhrases(title));

  const tags = [...doc.tags, ...(stringList(data.tags) ?? [])];
  const fmSymptoms = typeof data.symptoms === 'string' ? collector.clean(data.symptoms) : '';
  const fmCauses = typeof data.causes === 'string' ? collector.clean(data.causes) : '';
  const resolution = parts.resolution.length > 0 ? parts.resolution : parts.intro;
  if (parts.resolution.length === 0) doc.problem(undefined, 'runbook has no "## Resolution" (해결) part');
  const language =
    typeof data.language === 'string' ? data.language : /[가-힣]/.test(lines.join('\n')) ? 'ko' : doc.language;
  // A runbook is one section: its file name is the readable half of its id unless the front matter names one.
  // Both are chosen by the author, so they are kept whole up to the length a title's slug was ever allowed.
  const id = slug(typeof data.id === 'string' && data.id.trim() ? data.id : (doc.idBase.split('/').pop() ?? title), 80);

  return [
    {
      id: idMaker(doc.idBase)(id),
      source: doc.source,
      lines: [1, trimEnd(lines, 1, lines.length)],
      title,
      documentTitle: doc.documentTitle ?? title,
      ...(typeof data.url === 'string' ? { url: data.url } : doc.url ? { url: doc.url } : {}),
      language,
      symptoms: joinText(fmSymptoms, renderBlocks(parts.symptoms, collector.clean)),
      causes: joinText(fmCauses, renderBlocks(parts.causes, collector.clean)),
      steps: stepsFromBlocks(resolution, collector.clean),
      errors: [...new Set(errors)],
      links: collector.links,
      tags: [...new Set(tags)],
      text: joinText(title, fmSymptoms, fmCauses, renderBlocks(blocks, collector.clean)),
      display: {
        symptoms: joinText(literalOutsideCode(fmSymptoms), displayMarkdown(parts.symptoms, collector.clean)),
        causes: joinText(literalOutsideCode(fmCauses), displayMarkdown(parts.causes, collector.clean)),
        resolution: displayMarkdown(resolution, collector.clean),
      },
      ...vendorFields(doc),
    },
  ];
};
