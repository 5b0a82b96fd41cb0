/**
 * `npm run -s cli -- <command> …`: the bot from a terminal. Results go to stdout, logs and errors to stderr
 * (as JSON on stdout with `--json`), so `--json`/`--jsonl` output can be piped. `--knowledge` and
 * `--language` mean the same for every command. Each subcommand lives in its own module, loaded on demand.
 */
import { env, stderr, stdout } from 'node:process';
import { type CliContext, fail, readGlobalOptions } from './cli-context.ts';

export interface CliCommand {
  /** Resolves to the process exit code. */
  run(argv: readonly string[], context: CliContext): Promise<number>;
}

const commands: Record<'match' | 'kb' | 'diagnose' | 'handoff' | 'record', { syntax: string; module: string }> = {
  match: { syntax: 'match [TEXT | -] [--top N] [--json | --jsonl]', module: './match-command.ts' },
  kb: { syntax: 'kb list | show <id> | lint | learned … [--json]', module: './kb-command.ts' },
  diagnose: { syntax: 'diagnose pod <name> [-n ns] [--context c] [--json]', module: './diagnose-command.ts' },
  handoff: { syntax: 'handoff [window] [--channel id] [--json]', module: './handoff-command.ts' },
  record: { syntax: 'record export [window] | import FILE|-', module: './record-command.ts' },
};

/** The usage after "usage:": the command line, then every command and the options they share. */
function usage(context: CliContext): string {
  const t = context.messages;
  const width = Math.max(...Object.values(commands).map((c) => c.syntax.length));
  return [
    'npm run -s cli -- <command> [options]',
    '',
    `${t.commands}:`,
    ...Object.entries(commands).map(
      ([name, c]) => `  ${c.syntax.padEnd(width)}  ${t.summaries[name as keyof typeof commands]}`,
    ),
    '',
    `${t.options}:`,
    `  ${'--knowledge DIR'.padEnd(width)}  ${t.optionKnowledge}`,
    `  ${'--language ko|en'.padEnd(width)}  ${t.optionLanguage}`,
  ].join('\n');
}

function isCommand(name: string): name is keyof typeof commands {
  return Object.hasOwn(commands, name);
}

async function main(argv: readonly string[]): Promise<number> {
  const options = readGlobalOptions(argv, env);
  const { context } = options;
  if ('problem' in options) return fail(context, { ...options.problem, usage: usage(context) }, 2);
  const [name, ...rest] = options.rest;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    (name === undefined ? stderr : stdout).write(`${context.messages.usage}: ${usage(context)}\n`);
    return name === undefined ? 2 : 0;
  }
  if (!isCommand(name)) {
    return fail(context, { code: 'usage', message: context.messages.unknownCommand(name), usage: usage(context) }, 2);
  }
  const entry = commands[name];
  try {
    // Only a missing module means "not in this build"; any other load error is a bug and surfaces as one.
    const loaded = (await import(entry.module).catch((err: unknown) => {
      if ((err as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String(err).includes(entry.module.slice(2))) {
        return undefined;
      }
      throw err;
    })) as { default: CliCommand } | undefined;
    if (!loaded) return fail(context, { code: 'usage', message: context.messages.notInBuild(name) }, 2);
    return await loaded.default.run(rest, context);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return fail(context, { code: 'failed', message: context.messages.failed(detail) }, 1);
  }
}

process.exitCode = await main(process.argv.slice(2));
