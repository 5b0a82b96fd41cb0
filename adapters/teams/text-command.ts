/**
 * Teams has no slash commands for bots: commands arrive as text, with or without the bot's mention.
 * `diagnose pod <name> [-n ns] [--context c]`, `kb <query>`, `handoff [window]`, `help`.
 */
export const commandNames = ['diagnose', 'kb', 'handoff', 'help'] as const;
export type CommandName = (typeof commandNames)[number];

export interface TextCommand {
  readonly name: CommandName;
  /** Everything after the command word, trimmed. */
  readonly args: string;
}

function isCommandName(word: string): word is CommandName {
  return (commandNames as readonly string[]).includes(word);
}

/**
 * Recognises a command in a message. `addressed` messages (a mention, a personal chat) take the first word
 * as the command, so `diagnose` alone gets its usage from the core. Messages the bot only overheard in a
 * channel count as commands only when they are one well-formed command line, so that prose starting with
 * "help" or "handoff" is not mistaken for one.
 */
export function parseTextCommand(text: string, addressed: boolean): TextCommand | undefined {
  const trimmed = text.trim();
  const match = /^\/?([a-z]+)(?:[ \t]+([\s\S]*))?$/i.exec(trimmed);
  if (!match) return undefined;
  const word = (match[1] ?? '').toLowerCase();
  if (!isCommandName(word)) return undefined;
  const args = (match[2] ?? '').trim();
  // "help me, my pod is crashing" is a question, not a command.
  if (word === 'help' && args !== '' && !isCommandName(args.toLowerCase())) return undefined;
  if (addressed) return { name: word, args };

  if (args.includes('\n')) return undefined;
  switch (word) {
    case 'help':
      return { name: word, args };
    case 'diagnose':
      return /^pod\s+[a-z0-9][a-z0-9.-]*(\s+(-n|--namespace|--context)\s+\S+)*$/i.test(args)
        ? { name: word, args }
        : undefined;
    case 'kb':
      return args !== '' ? { name: word, args } : undefined;
    case 'handoff':
      return args.length <= 40 ? { name: word, args } : undefined;
    default:
      return undefined;
  }
}
