import { type Language, messages } from '../i18n/messages.ts';
import { link } from '../markdown/escape-markdown.ts';
import type { Block, Reply } from '../message.ts';

/** A repeat of a problem whose thread is still open: a short pointer instead of a second full answer. */
export function pointerReply(options: {
  readonly count: number;
  /** The open answer's title, as its heading holds it (Markdown). */
  readonly title: string;
  readonly permalink?: string;
  readonly language?: Language;
}): Reply {
  const t = messages(options.language);
  const blocks: Block[] = [
    { type: 'paragraph', text: `**${options.title}**` },
    { type: 'paragraph', text: t.pointer(options.count) },
  ];
  if (options.permalink) blocks.push({ type: 'context', text: link(t.pointerLink, options.permalink) });
  const text = [t.pointer(options.count), options.title, options.permalink].filter(Boolean).join('\n');
  return { kind: 'pointer', text, blocks, inThread: true };
}
