import { type Language, messages, type PasteCut } from '../i18n/messages.ts';
import type { Block, Reply } from '../message.ts';

/** A reply that is only a note about the paste itself (binary data, nothing readable). */
export function noteReply(text: string): Reply {
  return { kind: 'info', text, blocks: [{ type: 'paragraph', text }], inThread: true };
}

/** The reply with a visible note that the paste was cut, and what of it was read, just above its buttons. */
export function withPasteNote(reply: Reply, cut: PasteCut, language?: Language): Reply {
  const note = messages(language).pasteCut(cut);
  const blocks: Block[] = [...reply.blocks];
  const at = blocks.findIndex((b) => b.type === 'actions');
  blocks.splice(at === -1 ? blocks.length : at, 0, { type: 'context', text: note });
  return { ...reply, blocks, text: `${reply.text}\n\n${note}` };
}
