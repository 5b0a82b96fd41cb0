/**
 * `npm run -s cli -- <command> …`: the bot from a terminal. Results go to stdout, logs and errors to stderr,
 * so `--json`/`--jsonl` output can be piped. Each subcommand lives in its own module, loaded on demand.
 */
import { stderr } from 'node:process';

export interface CliCommand {
  readonly summary: string;
  /** Resolves to the process exit code. */
  run(argv: readonly string[]): Promise<number>;
}

const commands: Record<string, { summary: string; module: string }> = {
  match: {
    summary: 'match [TEXT | -] [--top N] [--json | --jsonl]   find the documented fix for an error',
    module: './match-command.ts',
  },
  kb: {
    summary: 'kb list | show <id> | lint                          browse and check the knowledge',
    module: './kb-command.ts',
  },
  diagnose: {
    summary: 'diagnose pod <name> [-n ns] [--context c] [--json]  diagnose a pod in a cluster',
    module: './diagnose-command.ts',
  },
  handoff: {
    summary: 'handoff [window] [--channel id]                    summarise a shift',
    module: './handoff-command.ts',
  },
};

function usage(): string {
  return [
    'usage: npm run -s cli -- <command> [options]',
    '',
    ...Object.values(commands).map((c) => `  ${c.summary}`),
  ].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    stderr.write(`${usage()}\n`);
    return name === undefined ? 2 : 0;
  }
  const entry = commands[name];
  if (!entry) {
    stderr.write(`unknown command "${name}"\n\n${usage()}\n`);
    return 2;
  }
  // Only a missing module means "not in this build"; any other load error is a bug and surfaces as one.
  const loaded = (await import(entry.module).catch((err: unknown) => {
    if ((err as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String(err).includes(entry.module.slice(2))) {
      return undefined;
    }
    throw err;
  })) as { default: CliCommand } | undefined;
  if (!loaded) {
    stderr.write(`"${name}" is not available in this build\n`);
    return 2;
  }
  return loaded.default.run(rest);
}

process.exitCode = await main(process.argv.slice(2)).catch((err: unknown) => {
  stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
  return 1;
});
