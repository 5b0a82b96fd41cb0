import type { CommandInvocation } from './command.ts';

/** The command names the bot knows, whether or not this deployment implements them. */
export const knownCommands = ['diagnose', 'kb', 'handoff', 'help'] as const;
export type KnownCommand = (typeof knownCommands)[number];

export function isKnownCommand(name: string): name is KnownCommand {
  return (knownCommands as readonly string[]).includes(name);
}

/** The name every command the bot does not know goes by. */
export const unknownCommand = 'unknown';

/**
 * The name of a command as the adapters hand it to the bot: a known one as is (lowercase), any other
 * `unknown` with what was typed beside it. What people type never becomes a name of its own downstream,
 * so a metrics label or a log field keeps a handful of values however many names are tried.
 */
export function commandName(typed: string): { readonly name: string; readonly typed?: string } {
  const name = typed.trim().replace(/^\//, '').toLowerCase();
  return isKnownCommand(name) ? { name } : { name: unknownCommand, typed: typed.trim().slice(0, 64) };
}

/**
 * A command typed as text (Teams, a DM, the playground): `diagnose pod web-1 -n shop`, `/kb timeout`.
 * Undefined when the text does not start with a known command word, so that ordinary messages such as
 * "help me, my pod is pending" go to the matcher. `help` counts only when it stands alone.
 */
export function parseCommandText(text: string): { readonly name: string; readonly args: string } | undefined {
  const trimmed = text.trim();
  const found = /^\/?([a-z]+)(?:\s+([\s\S]*))?$/i.exec(trimmed);
  if (!found) return undefined;
  const name = found[1]!.toLowerCase();
  const args = (found[2] ?? '').trim();
  if (!isKnownCommand(name)) return undefined;
  if (name === 'help' && args !== '') return undefined;
  if (name !== 'help' && !trimmed.startsWith('/') && args.includes('\n')) return undefined;
  return { name, args };
}

/** Splits arguments like a shell would, keeping "quoted words" together. */
export function tokenize(args: string): string[] {
  const tokens: string[] = [];
  for (const found of args.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) tokens.push(found[1] ?? found[2] ?? found[3] ?? '');
  return tokens;
}

export interface ParsedArgs {
  readonly positional: readonly string[];
  readonly flags: Readonly<Record<string, string>>;
}

/**
 * Positional words and `-x value` / `--name value` / `--name=value` flags. `aliases` maps short to long
 * names (`{ n: 'namespace' }`). Undefined, with `problem` set, when a flag is unknown or has no value.
 */
export function parseArgs(
  args: string,
  spec: { readonly flags: readonly string[]; readonly aliases?: Readonly<Record<string, string>> },
): { readonly parsed?: ParsedArgs; readonly problem?: string } {
  const tokens = tokenize(args);
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!token.startsWith('-') || token === '-') {
      positional.push(token);
      continue;
    }
    const [rawName, inline] = token.replace(/^--?/, '').split('=', 2) as [string, string | undefined];
    const name = spec.aliases?.[rawName] ?? rawName;
    if (!spec.flags.includes(name)) return { problem: `unknown option ${token}` };
    const value = inline ?? tokens[++i];
    if (value === undefined || value === '' || value.startsWith('-'))
      return { problem: `option ${token} needs a value` };
    flags[name] = value;
  }
  return { parsed: { positional, flags } };
}

/** The invocation for a command typed as text, carrying the message's place. */
export function toInvocation(
  parsed: { readonly name: string; readonly args: string },
  where: Omit<CommandInvocation, 'name' | 'args'>,
): CommandInvocation {
  return { ...where, name: parsed.name, args: parsed.args };
}
