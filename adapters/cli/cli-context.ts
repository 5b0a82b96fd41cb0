/**
 * What every CLI command is given: the options that mean the same everywhere (`--knowledge`, `--language`),
 * whether the caller asked for JSON, and one way to report a problem. With `--json` or `--jsonl` a problem is
 * one JSON object on stdout, `{"error": {"code", "message", "usage"?}}`, so a script reading stdout can parse
 * it; otherwise it is a line on stderr. Either way the exit code says it failed.
 */
import { statSync } from 'node:fs';
import { stderr, stdout } from 'node:process';
import { isBotError } from '../../src/errors.ts';
import { isLanguage, type Language } from '../../src/i18n/messages.ts';
import { type CliMessages, cliMessages } from './cli-messages.ts';

export interface CliContext {
  readonly language: Language;
  readonly messages: CliMessages;
  /** `--knowledge DIR` (or `--dir`), else KNOWLEDGE_DIR, else `knowledge`: as the bot reads it. */
  readonly knowledgeDir: string;
  /** `--json` or `--jsonl` was given: problems are reported as JSON on stdout. */
  readonly json: boolean;
}

export interface CliProblem {
  /** `usage` for a malformed command (exit 2); otherwise an error code such as `not_found`. */
  readonly code: string;
  readonly message: string;
  /** The command's usage line, for a malformed command. */
  readonly usage?: string;
}

/** Reports a problem as the caller asked (JSON on stdout, or text on stderr) and returns the exit code. */
export function fail(context: Pick<CliContext, 'json' | 'messages'>, problem: CliProblem, exitCode: number): number {
  if (context.json) stdout.write(`${JSON.stringify({ error: problem })}\n`);
  else {
    const usage = problem.usage ? `\n${context.messages.usage}: ${problem.usage}` : '';
    stderr.write(`${problem.message}${usage}\n`);
  }
  return exitCode;
}

/**
 * A command that failed on an error (the store, the cluster): exit 1, the error's code where it has one, and
 * its message in the caller's language put into the command's own sentence by `say`.
 */
export function failOn(
  context: Pick<CliContext, 'json' | 'messages' | 'language'>,
  err: unknown,
  say: (detail: string) => string,
): number {
  const detail = isBotError(err) ? (err.userMessageIn(context.language) ?? err.message) : String(err);
  return fail(context, { code: isBotError(err) ? err.code : 'failed', message: say(detail) }, 1);
}

/** A malformed command: exit 2 with the usage line. */
export function usageError(context: Pick<CliContext, 'json' | 'messages'>, message: string, usage: string): number {
  return fail(context, { code: 'usage', message, usage }, 2);
}

/** The knowledge folder, or the problem of it not being one (a wrong --knowledge or working directory). */
export function knowledgeProblem(context: CliContext): CliProblem | undefined {
  try {
    if (statSync(context.knowledgeDir).isDirectory()) return undefined;
  } catch {
    // reported below
  }
  return { code: 'usage', message: context.messages.noKnowledge(context.knowledgeDir) };
}

const globalFlags = ['--knowledge', '--dir', '--language'] as const;

/**
 * Takes `--knowledge`/`--dir` and `--language` out of the arguments (as `--flag value` or `--flag=value`),
 * wherever they stand; the rest goes to the command. A problem is reported in the language known so far.
 */
export function readGlobalOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
):
  | { readonly context: CliContext; readonly rest: readonly string[] }
  | { readonly problem: CliProblem; readonly context: CliContext } {
  const values: Partial<Record<(typeof globalFlags)[number], string>> = {};
  const rest: string[] = [];
  let missing: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const flag = globalFlags.find((f) => arg === f || arg.startsWith(`${f}=`));
    if (!flag) {
      rest.push(arg);
      continue;
    }
    const value = arg === flag ? argv[++i] : arg.slice(flag.length + 1);
    if (value === undefined || value === '') missing ??= flag;
    else values[flag] = value;
  }
  const json = rest.includes('--json') || rest.includes('--jsonl');
  const fromEnv = env['BOT_LANGUAGE'] || undefined;
  const asked = values['--language'] ?? fromEnv;
  const language: Language = asked !== undefined && isLanguage(asked) ? asked : 'ko';
  const messages = cliMessages(language);
  const context: CliContext = {
    language,
    messages,
    knowledgeDir: values['--knowledge'] ?? values['--dir'] ?? (env['KNOWLEDGE_DIR'] || 'knowledge'),
    json,
  };
  if (missing) {
    const message = missing === '--language' ? messages.needsValue(missing) : messages.needsFolder(missing);
    return { problem: { code: 'usage', message }, context };
  }
  if (asked !== undefined && !isLanguage(asked)) {
    const where = values['--language'] !== undefined ? '--language' : 'BOT_LANGUAGE';
    return { problem: { code: 'usage', message: messages.badLanguage(where, asked) }, context };
  }
  return { context, rest };
}
