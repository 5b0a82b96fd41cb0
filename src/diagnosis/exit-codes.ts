/** What a container's exit code usually means: the list on-call engineers look up by hand. */
const meanings: Readonly<Record<number, string>> = {
  0: 'exited successfully',
  1: 'application error: the process failed on its own (read the log for the cause)',
  2: 'misuse of a shell builtin or bad command-line arguments',
  126: 'command found but not executable (permissions or a non-executable file)',
  127: 'command not found: the entrypoint or a binary it calls is missing from the image or PATH',
  128: 'the runtime could not start the process (invalid entrypoint or exit argument)',
  137: 'killed with SIGKILL (128+9): out of memory or killed after the grace period',
  139: 'segmentation fault (SIGSEGV, 128+11): the program crashed on a bad memory access',
  143: 'terminated with SIGTERM (128+15): stopped on request, e.g. a failed liveness probe or a rollout',
  255: 'exit status out of range or a fatal start error (for example "exec format error": wrong CPU architecture)',
};

export function exitCodeMeaning(code: number): string {
  const known = meanings[code];
  if (known !== undefined) return known;
  if (code > 128 && code < 160) return `killed by signal ${code - 128}`;
  return 'application-specific exit code';
}
