/**
 * `match [TEXT | -] [--top N] [--json | --jsonl]` (and the global `--knowledge DIR`): find the documented
 * fix for an error.
 *
 * - TEXT, or stdin when TEXT is `-` or absent: prints the answer as a person reads it (title, cause,
 *   numbered steps with their commands, where it comes from), or with `--json` one JSON object.
 * - `--jsonl`: the batch contract of ../shared/eval: one `{"id","text"}` a line on stdin, one
 *   `{"id","confident","matches":[{"id","source","lines","title","score"}]}` a line on stdout. The knowledge
 *   is loaded and indexed once per process. A bad input line gets an error object on stdout with its id
 *   when it has one, and a note on stderr; the batch goes on.
 */
import { stderr, stdin, stdout } from 'node:process';
import { createInterface } from 'node:readline';
import type { Section } from '../../src/knowledge/section.ts';
import { loadMatcher } from '../../src/matching/load-matcher.ts';
import type { Matcher, MatchResult } from '../../src/matching/matcher.ts';
import { type CliContext, fail, knowledgeProblem, usageError } from './cli-context.ts';
import type { CliMessages } from './cli-messages.ts';
import type { CliCommand } from './main.ts';
import { readStdin } from './read-stdin.ts';

/** Largest stdin read for one question (the matcher cuts further); more is drained and dropped. */
const MAX_STDIN_BYTES = 8 * 1024 * 1024;

interface MatchArgs {
  readonly text?: string;
  readonly top: number;
  readonly format: 'text' | 'json' | 'jsonl';
  readonly help: boolean;
}

export const MATCH_USAGE = 'match [TEXT | -] [--top N] [--json | --jsonl] [--knowledge DIR]';

/** The arguments, or what is wrong with them in the caller's language. */
export function parseMatchArgs(argv: readonly string[], t: CliMessages): MatchArgs | { readonly problem: string } {
  let text: string | undefined;
  let top = 3;
  let format: MatchArgs['format'] = 'text';
  let help = false;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--top' || a.startsWith('--top=')) {
      const n = Number(a === '--top' ? argv[++i] : a.slice(6));
      if (!Number.isInteger(n) || n < 1 || n > 50) return { problem: t.topRange };
      top = n;
    } else if (a === '--json') format = 'json';
    else if (a === '--jsonl') format = 'jsonl';
    else if (a === '-h' || a === '--help') help = true;
    else if (a.startsWith('--') && a.length > 2) return { problem: t.unknownOption(a) };
    else rest.push(a);
  }
  if (rest.length > 0 && !(rest.length === 1 && rest[0] === '-')) text = rest.join(' ');
  if (format === 'jsonl' && text !== undefined) return { problem: t.jsonlFromStdin };
  return { ...(text !== undefined ? { text } : {}), top, format, help };
}

/** The jsonl contract's view of a result. */
export function toJsonResult(id: unknown, result: MatchResult) {
  return {
    id,
    confident: result.confident,
    matches: result.matches.map((m) => ({
      id: m.section.id,
      source: m.section.source,
      lines: m.section.lines,
      title: m.section.title,
      score: m.score,
    })),
  };
}

function jsonDetail(result: MatchResult) {
  return {
    confident: result.confident,
    query: result.query,
    matches: result.matches.map((m) => ({
      id: m.section.id,
      source: m.section.source,
      lines: m.section.lines,
      title: m.section.title,
      url: m.section.url,
      score: m.score,
      reasons: m.reasons ?? [],
      causes: m.section.causes,
      steps: m.section.steps,
    })),
  };
}

function indent(text: string, pad: string): string {
  return text
    .split('\n')
    .map((l) => (l.trim() ? pad + l : ''))
    .join('\n');
}

function where(s: Section): string {
  return `${s.source}:${s.lines[0]}-${s.lines[1]}${s.url ? `\n    ${s.url}` : ''}`;
}

/** The answer as a person reads it in a terminal. */
export function renderText(result: MatchResult): string {
  const [best, ...others] = result.matches;
  if (!best) return 'No matching section found in the knowledge base.\n';
  const s = best.section;
  const out: string[] = [];
  out.push(
    result.confident
      ? `Match (score ${best.score.toFixed(2)}): ${s.title}`
      : `No confident match. Closest (score ${best.score.toFixed(2)}): ${s.title}`,
  );
  out.push(`  Source: ${where(s)}`);
  if (s.symptoms.trim()) out.push('', 'Symptoms:', indent(s.symptoms.trim(), '  '));
  if (s.causes.trim()) out.push('', 'Cause:', indent(s.causes.trim(), '  '));
  if (s.steps.length > 0) {
    out.push('', 'Steps:');
    s.steps.forEach((step, i) => {
      out.push(indent(step.text.trim(), '     ').replace(/^ {5}/, `  ${String(i + 1).padStart(2)}. `));
      for (const c of step.commands) out.push(indent(c, '       $ ').replace(/\n(?! {7}\$)/g, '\n         '));
    });
  } else if (!s.causes.trim() && s.text.trim()) {
    out.push('', indent(s.text.trim().slice(0, 1_500), '  '));
  }
  if (others.length > 0) {
    out.push('', 'Other matches:');
    others.forEach((m, i) => {
      out.push(
        `  ${i + 2}. ${m.section.title} (score ${m.score.toFixed(2)})  ${m.section.source}:${m.section.lines[0]}`,
      );
    });
  }
  return `${out.join('\n')}\n`;
}

async function runJsonl(matcher: Matcher, top: number, t: CliMessages): Promise<number> {
  const rl = createInterface({ input: stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNo = 0;
  for await (const line of rl) {
    lineNo++;
    if (!line.trim()) continue;
    let item: unknown;
    try {
      item = JSON.parse(line);
    } catch {
      stderr.write(`${t.lineNotJson(lineNo)}\n`);
      continue;
    }
    const rec = (typeof item === 'object' && item !== null ? item : {}) as { id?: unknown; text?: unknown };
    if (typeof rec.text !== 'string') {
      stderr.write(`${t.lineNoText(lineNo)}\n`);
      if (rec.id !== undefined)
        stdout.write(`${JSON.stringify({ id: rec.id, confident: false, matches: [], error: 'no text' })}\n`);
      continue;
    }
    const result = matcher.match(rec.text, { top });
    const ok = stdout.write(`${JSON.stringify(toJsonResult(rec.id ?? lineNo, result))}\n`);
    if (!ok) await new Promise((resolve) => stdout.once('drain', resolve));
  }
  return 0;
}

const command: CliCommand = {
  async run(argv, context: CliContext) {
    const t = context.messages;
    const args = parseMatchArgs(argv, t);
    if ('problem' in args) return usageError(context, args.problem, MATCH_USAGE);
    if (args.help) {
      stdout.write(`${t.usage}: ${MATCH_USAGE}\n`);
      return 0;
    }
    const missing = knowledgeProblem(context);
    if (missing) return fail(context, missing, 2);
    const { matcher, problems } = await loadMatcher(context.knowledgeDir);
    for (const p of problems) stderr.write(`lexicon: ${p}\n`);
    if (args.format === 'jsonl') return runJsonl(matcher, args.top, t);
    const text = args.text ?? (await readStdin(MAX_STDIN_BYTES));
    if (!text.trim()) return usageError(context, t.nothingToMatch, MATCH_USAGE);
    const result = matcher.match(text, { top: args.top });
    stdout.write(args.format === 'json' ? `${JSON.stringify(jsonDetail(result), null, 2)}\n` : renderText(result));
    return 0;
  },
};

export default command;
