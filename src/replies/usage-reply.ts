import { type Language, messages } from '../i18n/messages.ts';
import { codeSpan, literalOutsideCode } from '../markdown/escape-markdown.ts';
import type { Reply } from '../message.ts';

/** A malformed command: what was wrong, when known, and the command's usage line. */
export function usageReply(
  command: { readonly name: string; readonly usage: string },
  options: { readonly language?: Language; readonly problem?: string } = {},
): Reply {
  const t = messages(options.language);
  const title = t.usageTitle(command.name);
  const head = options.problem ? [options.problem] : [];
  return {
    kind: 'usage',
    text: [...head, `${title}: ${command.usage}`].join('\n'),
    blocks: [
      ...head.map((text) => ({ type: 'paragraph' as const, text: literalOutsideCode(text) })),
      { type: 'paragraph', label: title, text: codeSpan(command.usage) },
    ],
    inThread: true,
  };
}
