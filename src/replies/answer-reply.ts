import { type Language, messages } from '../i18n/messages.ts';
import type { Match } from '../matching/matcher.ts';
import type { Block, Reply } from '../message.ts';
import { citation, sourceBlock } from './candidate.ts';

/**
 * The full answer to a recognised problem: title, likely cause, numbered steps with their commands, the
 * source section, and the feedback buttons. Length limits are the renderer's job (Block Kit, cards).
 */
export function answerReply(match: Match, options: { readonly language?: Language; readonly replyId: string }): Reply {
  const t = messages(options.language);
  const { section } = match;
  const blocks: Block[] = [{ type: 'heading', text: section.title }];
  const cause = section.causes.trim();
  const symptoms = section.symptoms.trim();
  if (cause) blocks.push({ type: 'paragraph', label: t.cause, text: cause });
  else if (symptoms) blocks.push({ type: 'paragraph', label: t.symptoms, text: symptoms });
  if (section.steps.length > 0) blocks.push({ type: 'steps', label: t.steps, steps: section.steps });
  else if (!cause && !symptoms && section.text.trim()) blocks.push({ type: 'paragraph', text: section.text.trim() });
  else blocks.push({ type: 'context', text: t.noSteps });
  blocks.push(sourceBlock(section));
  blocks.push({ type: 'context', text: t.score(Math.round(match.score * 100)) });
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
  return { kind: 'answer', text: lines.join('\n'), blocks, inThread: true, replyId: options.replyId };
}
