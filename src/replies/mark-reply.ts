import { type Language, messages } from '../i18n/messages.ts';
import { toPlainText } from '../markdown/parse-markdown.ts';
import type { Block, Reply } from '../message.ts';

/** The answer updated in place after "This fixed it": buttons gone, who resolved it shown. */
export function resolvedReply(answer: Reply, who: string, options: { readonly language?: Language } = {}): Reply {
  const note = messages(options.language).resolvedBy(who);
  return withNote({ ...answer, kind: 'resolved' }, note, { dropActions: true });
}

/** The answer updated in place after "Not it": kept for reference, buttons but "Other matches" gone. */
export function dismissedReply(answer: Reply, who: string, options: { readonly language?: Language } = {}): Reply {
  const note = messages(options.language).dismissedBy(who);
  const blocks = answer.blocks.map((b) =>
    b.type === 'actions' ? { ...b, actions: b.actions.filter((a) => a === 'more') } : b,
  );
  return withNote({ ...answer, blocks }, note, { dropActions: false });
}

/** The answer with the number of times its problem was reported, replacing any earlier count. */
export function withRepeatCount(answer: Reply, count: number, options: { readonly language?: Language } = {}): Reply {
  const note = messages(options.language).repeatCount(count);
  const marker = messages(options.language).repeatCount(0).replace(/\d+/, '');
  const blocks = answer.blocks.filter((b) => !(b.type === 'context' && isCountNote(b.text, marker)));
  const text = answer.text
    .split('\n')
    .filter((line) => !isCountNote(line, marker))
    .join('\n');
  return withNote({ ...answer, blocks, text }, note, { dropActions: false });
}

function isCountNote(text: string, marker: string): boolean {
  return text.replace(/\d+/, '') === marker;
}

/** Puts `note` as a context line just above the buttons (or at the end). */
function withNote(reply: Reply, note: string, options: { readonly dropActions: boolean }): Reply {
  const blocks: Block[] = reply.blocks.filter((b) => !(options.dropActions && b.type === 'actions'));
  const at = blocks.findIndex((b) => b.type === 'actions');
  blocks.splice(at === -1 ? blocks.length : at, 0, { type: 'context', text: note });
  const { replyId: _replyId, ...rest } = reply;
  return {
    ...(options.dropActions ? rest : reply),
    blocks,
    text: `${reply.text}\n\n${toPlainText(note)}`,
  };
}
