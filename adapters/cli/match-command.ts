/**
 * `match [TEXT | -] [--top N] [--json | --jsonl]` (and the global `--knowledge DIR`, `--language ko|en`): find
 * the documented fix for an error.
 *
 * - TEXT, or stdin when TEXT is `-` or absent: prints the answer as a person reads it (title, cause,
 *   numbered steps with their commands, where it comes from), or with `--json` one JSON object. Sections are
 *   shown in the language (`--language`, else BOT_LANGUAGE) where they have a translation into it.
 * - `--jsonl`: the batch contract of ../shared/eval: one `{"id","text"}` a line on stdin, one
 *   `{"id","confident","matches":[{"id","source","lines","title","score"}]}` a line on stdout. The knowledge
 *   is loaded and indexed once per process. A bad input line gets an error object on stdout with its id
 *   when it has one, and a note on stderr; the batch goes on.
 */
import { stderr, stdin, stdout } from 'node:process';
import { createInterface } from 'node:readline';
import { readPaste } from '../../src/gate/read-paste.ts';
import { type Language, messages, type PasteCut } from '../../src/i18n/messages.ts';
import { localizedText } from '../../src/knowledge/localize.ts';
import { loadMatcher } from '../../src/matching/load-matcher.ts';
import type { Matcher, MatchResult } from '../../src/matching/matcher.ts';
import type { Reply } from '../../src/message.ts';
import { answerReply } from '../../src/replies/answer-reply.ts';
import { toCandidate } from '../../src/replies/candidate.ts';
import { moreReply } from '../../src/replies/more-reply.ts';
import { withPasteNote } from '../../src/replies/paste-note.ts';
import { unsureReply } from '../../src/replies/unsure-reply.ts';
import { type CliContext, fail, knowledgeProblem, usageError } from './cli-context.ts';
import type { CliMessages } from './cli-messages.ts';
import type { CliCommand } from './main.ts';
import { readStdin } from './read-stdin.ts';
import { toTerminal } from './to-terminal.ts';

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
export function toJsonResult(id: unknown, result: MatchResult, language?: Language) {
  return {
    id,
    confident: result.confident,
    matches: result.matches.map((m) => ({
      id: m.section.id,
      source: m.section.source,
      lines: m.section.lines,
      title: localizedText(m.section, language).title,
      score: m.score,
    })),
  };
}

function jsonDetail(result: MatchResult, language?: Language) {
  return {
    confident: result.confident,
    probability: Number(result.probability.toFixed(4)),
    query: result.query,
    matches: result.matches.map((m) => {
      const shown = localizedText(m.section, language);
      return {
        id: m.section.id,
        source: m.section.source,
        lines: m.section.lines,
        title: shown.title,
        url: m.section.url,
        score: m.score,
        reasons: m.reasons ?? [],
        language: shown.language,
        causes: shown.causes,
        steps: shown.steps,
        ...(m.alsoIn?.length
          ? { alsoIn: m.alsoIn.map((c) => ({ id: c.id, source: c.source, lines: c.lines, url: c.url })) }
          : {}),
      };
    }),
  };
}

/** The answer as a person reads it in a terminal: the chat's reply, in the bot's language. */
export function renderText(
  result: MatchResult,
  options: { readonly language?: Language; readonly cut?: PasteCut } = {},
): string {
  const { language } = options;
  const [best, ...others] = result.matches;
  let reply: Reply;
  if (best && result.confident) {
    const answer = answerReply(best, { ...(language ? { language } : {}), replyId: 'cli' });
    const candidates = others.map((m) => toCandidate(m, language));
    const more = others.length > 0 ? moreReply(candidates, language ? { language } : {}).blocks : [];
    reply = { ...answer, blocks: [...answer.blocks, ...more] };
  } else reply = unsureReply(result, { ...(language ? { language } : {}), top: Math.max(1, result.matches.length) });
  return toTerminal(options.cut ? withPasteNote(reply, options.cut, language) : reply);
}

async function runJsonl(matcher: Matcher, top: number, t: CliMessages, language: Language): Promise<number> {
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
    const paste = readPaste(rec.text);
    const result = paste.binary
      ? { matches: [], confident: false, probability: 0, query: '' }
      : matcher.match(paste.text, { top });
    const ok = stdout.write(`${JSON.stringify(toJsonResult(rec.id ?? lineNo, result, language))}\n`);
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
    if (args.format === 'jsonl') return runJsonl(matcher, args.top, t, context.language);
    const text = args.text ?? (await readStdin(MAX_STDIN_BYTES));
    if (!text.trim()) return usageError(context, t.nothingToMatch, MATCH_USAGE);
    // The same decision about binary and long pastes as in chat.
    const paste = readPaste(text);
    const { language } = context;
    if (paste.binary) {
      const note = messages(language).pasteBinary;
      stdout.write(
        args.format === 'json'
          ? `${JSON.stringify({ confident: false, matches: [], paste: { binary: true }, note }, null, 2)}\n`
          : `${note}\n`,
      );
      return 0;
    }
    const result = matcher.match(paste.text, { top: args.top });
    const json = () => ({ ...jsonDetail(result, language), ...(paste.cut ? { paste: { cut: paste.cut } } : {}) });
    stdout.write(
      args.format === 'json'
        ? `${JSON.stringify(json(), null, 2)}\n`
        : renderText(result, { language, ...(paste.cut ? { cut: paste.cut } : {}) }),
    );
    return 0;
  },
};

export default command;
