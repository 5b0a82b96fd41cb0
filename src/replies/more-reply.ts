import { type Language, messages } from '../i18n/messages.ts';
import type { Reply } from '../message.ts';
import { type Candidate, candidateItem, candidateLine } from './candidate.ts';

/**
 * "Other matches": the next candidates after the one answered, as links, posted in the thread; with
 * `showIds`, each with a button that posts its answer (choosing it, which teaches the matcher).
 */
export function moreReply(
  candidates: readonly Candidate[],
  options: { readonly language?: Language; readonly showIds?: readonly (string | undefined)[] } = {},
): Reply {
  const t = messages(options.language);
  if (candidates.length === 0) {
    return { kind: 'more', text: t.moreNone, blocks: [{ type: 'paragraph', text: t.moreNone }], inThread: true };
  }
  return {
    kind: 'more',
    text: [`${t.moreTitle}:`, ...candidates.map((c, i) => `${i + 1}. ${candidateLine(c)}`)].join('\n'),
    blocks: [
      {
        type: 'candidates',
        label: t.moreTitle,
        candidates: candidates.map((c, i) => candidateItem(c, options.showIds?.[i])),
      },
    ],
    inThread: true,
  };
}
