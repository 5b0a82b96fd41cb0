/**
 * Teams has no slash commands for bots: commands arrive as text, with or without the bot's mention
 * (`diagnose pod <name> [-n ns] [--context c]`, `kb <query>`, `handoff [window]`, `help`). The core's
 * parseCommandText reads them; this adds the rule for channel messages the bot merely overheard.
 */
import { parseCommandText } from '../../src/commands/parse-command.ts';

export interface TextCommand {
  readonly name: string;
  readonly args: string;
}

/**
 * A command in a message, or undefined. Addressed messages (a mention, a personal chat) take the core's
 * reading, so `diagnose` alone gets its usage. Messages read in a channel through the RSC permission count
 * only when they are one well-formed command line, so prose that starts with "handoff" stays prose.
 */
export function parseTextCommand(text: string, addressed: boolean): TextCommand | undefined {
  const typed = parseCommandText(text);
  if (!typed || addressed) return typed;
  if (typed.args.includes('\n')) return undefined;
  switch (typed.name) {
    case 'help':
      return typed;
    case 'diagnose':
      return /^pod\s+[a-z0-9][a-z0-9.-]*(\s+(-n|--namespace|--context)\s+\S+)*$/i.test(typed.args) ? typed : undefined;
    case 'kb':
      return typed.args !== '' && typed.args.length <= 200 ? typed : undefined;
    case 'handoff':
      return typed.args.length <= 40 ? typed : undefined;
    default:
      return undefined;
  }
}
