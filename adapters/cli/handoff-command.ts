/**
 * `npm run -s cli -- handoff [window] [--channel id] [--workspace id] [--events FILE] [--timezone tz] [--all] [--json]`
 * (and the global `--language ko|en`)
 *
 * Prints a shift handoff as plain text (or the summary as JSON). The incidents come from the record the
 * bot keeps, read through the same store settings as `npm start` (SQLite in STATE_DIR by default, Redis
 * when REDIS_URL is set), or from `--events FILE`: incident events as JSON lines (`-` for stdin), loaded
 * into a memory store, for an exported record or a rehearsal.
 */
import { stdout } from 'node:process';
import { parseArgs } from 'node:util';
import { readHandoffConfig } from '../../src/handoff/handoff-config.ts';
import { handoffLabels } from '../../src/handoff/handoff-labels.ts';
import { handoffReply } from '../../src/handoff/handoff-reply.ts';
import { lastShiftChange } from '../../src/handoff/handoff-scheduler.ts';
import { buildHandoff } from '../../src/handoff/handoff-summary.ts';
import { parseWindow, windowHelp } from '../../src/handoff/handoff-window.ts';
import { isTimeZone } from '../../src/handoff/time-zone.ts';
import { readStoreConfig } from '../../src/store/store-config.ts';
import { fail, failOn, usageError } from './cli-context.ts';
import type { CliMessages } from './cli-messages.ts';
import { missingRecord, openRecord, readEventLines } from './incident-record.ts';
import type { CliCommand } from './main.ts';

function usageOf(t: CliMessages): string {
  return [
    'npm run -s cli -- handoff [WINDOW] [--channel ID] [--workspace ID] [--events FILE|-] [--timezone TZ] [--language ko|en] [--all] [--json]',
    `  WINDOW      ${t.handoffWindowHelp(windowHelp.replaceAll('`', ''))}`,
    `  --events    ${t.handoffEventsHelp}`,
  ].join('\n');
}

const command: CliCommand = {
  async run(argv, context) {
    const t = context.messages;
    const { language } = context;
    const usage = usageOf(t);
    // A wrong value or input file: exit 2, without repeating the whole usage.
    const bad = (message: string) => fail(context, { code: 'usage', message }, 2);
    let args: ReturnType<typeof parse>;
    try {
      args = parse(argv);
    } catch (err) {
      return usageError(context, parseProblem(err, t), usage);
    }
    if (args.values.help) {
      stdout.write(`${t.usage}: ${usage}\n`);
      return 0;
    }
    const config = readHandoffConfig(process.env);
    const storeConfig = readStoreConfig(process.env);
    const timeZone = args.values.timezone ?? config.timeZone;
    if (!isTimeZone(timeZone)) return bad(t.badTimeZone(timeZone));
    const events = args.values.events;
    const missing = events === undefined ? missingRecord(storeConfig, t) : undefined;
    if (missing !== undefined) return bad(t.noIncidentRecord(missing));
    const loaded = events === undefined ? [] : await readEventLines(events, t);
    if (typeof loaded === 'string') return bad(loaded);
    const failed = (err: unknown): number => failOn(context, err, t.handoffFailed);
    let record: Awaited<ReturnType<typeof openRecord>>;
    try {
      // Events from a file are read into memory; otherwise the bot's record is read where it keeps it.
      record = await openRecord(events === undefined ? storeConfig : { kind: 'memory' }, config.retentionDays);
    } catch (err) {
      return failed(err);
    }
    const { store, incidents } = record;
    try {
      for (const event of loaded) await incidents.record(event);
      const channel = args.values.channel;
      const nowMs = Date.now();
      const lastShiftChangeMs = lastShiftChange(config.schedules, channel, nowMs);
      const windowText = args.positionals.join(' ');
      const parsed = parseWindow(windowText, {
        nowMs,
        timeZone,
        maxDays: config.retentionDays,
        ...(lastShiftChangeMs === undefined ? {} : { lastShiftChangeMs }),
      });
      if (!parsed.ok) return bad(handoffLabels(language).badWindow(windowText, parsed.message));
      const list = await incidents.list({
        fromMs: parsed.window.fromMs,
        toMs: parsed.window.toMs,
        ...(channel === undefined ? {} : { conversationId: channel }),
        ...(args.values.workspace === undefined ? {} : { workspaceId: args.values.workspace }),
      });
      const summary = buildHandoff(list, parsed.window, channel);
      if (args.values.json) {
        stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      } else {
        const reply = handoffReply(summary, {
          timeZone,
          nowMs,
          language,
          ...(args.values.all ? { maxItems: Number.POSITIVE_INFINITY } : {}),
        });
        stdout.write(`${reply.text}\n`);
      }
      return 0;
    } catch (err) {
      return failed(err);
    } finally {
      await store.close();
    }
  },
};

/** node:util's parseArgs errors, in the CLI's language. */
function parseProblem(err: unknown, t: CliMessages): string {
  const code = (err as { code?: unknown }).code;
  const option = /'(-[^']*)'/.exec(err instanceof Error ? err.message : '')?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return t.unknownOption(option.split(/[\s,]/)[0] ?? option);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) return t.needsValue(option.split(/[\s,]/)[0] ?? option);
  return err instanceof Error ? err.message : String(err);
}

export default command;

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      channel: { type: 'string', short: 'c' },
      workspace: { type: 'string', short: 'w' },
      events: { type: 'string', short: 'e' },
      timezone: { type: 'string' },
      all: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
