import { type Language, messages } from '../i18n/messages.ts';
import { localizedText } from '../knowledge/localize.ts';
import type { Section } from '../knowledge/section.ts';
import { codeBlock, literalOutsideCode } from '../markdown/escape-markdown.ts';
import type { Match } from '../matching/matcher.ts';
import type { Block, Reply } from '../message.ts';
import { citation, sourceBlock } from './candidate.ts';

/**
 * The full answer to a recognised problem: title, likely cause, the resolution as the document structures
 * it (lead-in, numbered steps, sub-steps, commands), the source section, and the feedback buttons, in the
 * reply's language where the section has a translation into it (the citation stays the section's own).
 * Length limits are the renderer's job (Block Kit, cards).
 */
export function answerReply(match: Match, options: { readonly language?: Language; readonly replyId: string }): Reply {
  const t = messages(options.language);
  const section = { ...match.section, ...localizedText(match.section, options.language) };
  const blocks: Block[] = [{ type: 'heading', text: literalOutsideCode(section.title) }];
  const cause = section.causes.trim();
  const symptoms = section.symptoms.trim();
  const shown = displayOf(section);
  if (shown.causes) blocks.push({ type: 'paragraph', label: t.cause, text: shown.causes });
  else if (shown.symptoms) blocks.push({ type: 'paragraph', label: t.symptoms, text: shown.symptoms });
  if (shown.resolution) blocks.push({ type: 'paragraph', label: t.steps, text: shown.resolution });
  else if (!cause && !symptoms && section.text.trim())
    blocks.push({ type: 'paragraph', text: literalOutsideCode(section.text.trim()) });
  else blocks.push({ type: 'context', text: t.noSteps });
  blocks.push(sourceBlock(section));
  const copies = (match.alsoIn ?? []).map((c) => `${c.documentTitle.replaceAll('`', '')} (${citation(c)})`);
  if (copies.length > 0) blocks.push({ type: 'context', text: `${t.alsoIn}: ${copies.join(', ')}` });
  blocks.push({ type: 'context', text: t.answerConfidence });
  blocks.push({ type: 'actions', replyId: options.replyId, actions: ['resolve', 'dismiss', 'more'] });

  const lines = [section.title];
  if (cause) lines.push('', `${t.cause}: ${cause}`);
  else if (symptoms) lines.push('', `${t.symptoms}: ${symptoms}`);
  if (section.steps.length > 0) {
    lines.push('', `${t.steps}:`);
    section.steps.forEach((step, i) => {
      lines.push(`${i + 1}. ${step.text}`);
      for (const command of step.commands) lines.push(`   ${command}`);
    });
  }
  lines.push('', `${t.source}: ${citation(section)}`);
  if (copies.length > 0) lines.push(`${t.alsoIn}: ${copies.join(', ')}`);
  return { kind: 'answer', text: lines.join('\n'), blocks, inThread: true, replyId: options.replyId };
}

/**
 * The section's parts as Markdown: its display form where the loader kept the document's structure,
 * otherwise built from the plain parts (a numbered list of the steps with their commands).
 */
export function displayOf(section: Section): { symptoms: string; causes: string; resolution: string } {
  if (section.display) {
    return {
      symptoms: section.display.symptoms.trim(),
      causes: section.display.causes.trim(),
      resolution: section.display.resolution.trim(),
    };
  }
  return {
    symptoms: literalOutsideCode(section.symptoms.trim()),
    causes: literalOutsideCode(section.causes.trim()),
    resolution: stepsMarkdown(section),
  };
}

function stepsMarkdown(section: Section): string {
  return section.steps
    .map((step, i) => {
      const marker = `${i + 1}. `;
      const pad = ' '.repeat(marker.length);
      const body = [literalOutsideCode(step.text), ...step.commands.map((c) => codeBlock(c))]
        .filter(Boolean)
        .join('\n\n')
        .split('\n')
        .map((line, j) => (j === 0 || !line ? line : pad + line))
        .join('\n');
      return `${marker}${body}`;
    })
    .join('\n');
}
