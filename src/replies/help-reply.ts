import { type Language, messages } from '../i18n/messages.ts';
import { codeSpan, literal } from '../markdown/escape-markdown.ts';
import { toPlainText } from '../markdown/parse-markdown.ts';
import type { Reply } from '../message.ts';

export interface CommandSummary {
  readonly usage: string;
  readonly description: string;
}

/** The commands the bot knows, with a note first when the user typed one it does not. */
export function helpReply(
  commands: readonly CommandSummary[],
  options: { readonly language?: Language; readonly unknown?: string } = {},
): Reply {
  const t = messages(options.language);
  const items = commands.map((c) => `${codeSpan(c.usage)} — ${literal(c.description)}`);
  const head = options.unknown !== undefined ? [t.unknownCommand(options.unknown)] : [];
  return {
    kind: 'help',
    text: [
      ...head.map(toPlainText),
      t.helpIntro,
      `${t.helpTitle}:`,
      ...commands.map((c) => `${c.usage} — ${c.description}`),
    ].join('\n'),
    blocks: [
      ...head.map((text) => ({ type: 'paragraph' as const, text })),
      { type: 'paragraph', text: t.helpIntro },
      { type: 'list', label: t.helpTitle, items },
    ],
    inThread: true,
  };
}
