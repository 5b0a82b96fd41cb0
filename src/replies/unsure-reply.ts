import { type Language, messages } from '../i18n/messages.ts';
import type { MatchResult } from '../matching/matcher.ts';
import type { Block, Reply } from '../message.ts';
import { candidateLine, citation, toCandidate } from './candidate.ts';

/** Only for addressed messages: "no confident match", with the closest candidates when there are any. */
export function unsureReply(
  result: MatchResult,
  options: { readonly language?: Language; readonly top?: number } = {},
) {
  const t = messages(options.language);
  const candidates = result.matches.slice(0, options.top ?? 3).map(toCandidate);
  const blocks: Block[] = [{ type: 'heading', text: t.unsureTitle }];
  const lines = [t.unsureTitle];
  if (candidates.length === 0) {
    blocks.push({ type: 'paragraph', text: t.unsureNone });
    lines.push(t.unsureNone);
  } else {
    const items = candidates.map((c) => `${candidateLine(c)} — ${citation(c)}`);
    blocks.push({ type: 'list', label: t.closest, items });
    lines.push(t.closest, ...items.map((item, i) => `${i + 1}. ${item}`));
  }
  const reply: Reply = { kind: 'unsure', text: lines.join('\n'), blocks, inThread: true };
  return reply;
}
