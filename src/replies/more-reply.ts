import { type Language, messages } from '../i18n/messages.ts';
import type { Block, Reply } from '../message.ts';
import { type Candidate, candidateLine, citation } from './candidate.ts';

/** "Other matches": the next candidates after the one answered, posted in the thread. */
export function moreReply(candidates: readonly Candidate[], options: { readonly language?: Language } = {}): Reply {
  const t = messages(options.language);
  if (candidates.length === 0) {
    return { kind: 'more', text: t.moreNone, blocks: [{ type: 'paragraph', text: t.moreNone }], inThread: true };
  }
  const items = candidates.map((c) => `${candidateLine(c)} — ${citation(c)}`);
  const blocks: Block[] = [{ type: 'list', label: t.moreTitle, items }];
  return {
    kind: 'more',
    text: [`${t.moreTitle}:`, ...items.map((item, i) => `${i + 1}. ${item}`)].join('\n'),
    blocks,
    inThread: true,
  };
}
