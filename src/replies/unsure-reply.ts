import { type Language, messages } from '../i18n/messages.ts';
import type { MatchResult } from '../matching/matcher.ts';
import type { Block, Reply } from '../message.ts';
import { candidateItem, candidateLine, toCandidate } from './candidate.ts';

/**
 * Only for addressed messages: "not sure", why, and the closest sections as links, each with a button that
 * posts its full answer (`showIds[i]` is the reply id of candidate i's answer, kept by the bot).
 */
export function unsureReply(
  result: MatchResult,
  options: { readonly language?: Language; readonly top?: number; readonly showIds?: readonly string[] } = {},
): Reply {
  const t = messages(options.language);
  const candidates = result.matches.slice(0, options.top ?? 3).map((m) => toCandidate(m, options.language));
  const blocks: Block[] = [{ type: 'heading', text: t.unsureTitle }];
  const lines = [t.unsureTitle];
  if (candidates.length === 0) {
    blocks.push({ type: 'paragraph', text: t.unsureNone });
    lines.push(t.unsureNone);
  } else {
    blocks.push({ type: 'context', text: t.unsureExplain });
    blocks.push({
      type: 'candidates',
      label: t.closest,
      candidates: candidates.map((c, i) => candidateItem(c, options.showIds?.[i])),
    });
    lines.push(t.unsureExplain, `${t.closest}:`, ...candidates.map((c, i) => `${i + 1}. ${candidateLine(c)}`));
  }
  return { kind: 'unsure', text: lines.join('\n'), blocks, inThread: true };
}
