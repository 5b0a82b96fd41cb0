/**
 * `npm run -s cli -- handoff [window] [--channel id] [--workspace id] [--events FILE] [--timezone tz] [--language ko|en] [--all] [--json]`
 *
 * Prints a shift handoff as plain text (or the summary as JSON). The incidents come from Redis when
 * REDIS_URL is set (the record the running bot keeps), or from `--events FILE`: incident events as JSON
 * lines (`-` for stdin), loaded into a memory store, for a record exported from Redis or a rehearsal.
 */
import { readFile } from 'node:fs/promises';
import { stderr, stdout } from 'node:process';
import { parseArgs } from 'node:util';
import { isBotError } from '../../src/errors.ts';
import { readHandoffConfig } from '../../src/handoff/handoff-config.ts';
import { handoffReply } from '../../src/handoff/handoff-reply.ts';
import { lastShiftChange } from '../../src/handoff/handoff-scheduler.ts';
import { buildHandoff } from '../../src/handoff/handoff-summary.ts';
import { parseWindow, windowHelp } from '../../src/handoff/handoff-window.ts';
import { isTimeZone } from '../../src/handoff/time-zone.ts';
import { isLanguage } from '../../src/i18n/messages.ts';
import type { IncidentEvent } from '../../src/incidents/incident-event.ts';
import { IncidentLog } from '../../src/incidents/incident-log.ts';
import { silentLogger } from '../../src/log.ts';
import { createStore } from '../redis/create-store.ts';
import { RedisStore } from '../redis/redis-store.ts';
import type { CliCommand } from './main.ts';
import { readStdin } from './read-stdin.ts';

const usage = `usage: npm run -s cli -- handoff [WINDOW] [--channel ID] [--workspace ID] [--events FILE|-] [--timezone TZ] [--language ko|en] [--all] [--json]
  WINDOW      ${windowHelp.replaceAll('`', '')}; default: since the channel's last scheduled shift change, or 12h
  --events    incident events as JSON lines instead of REDIS_URL`;

const command: CliCommand = {
  summary: 'handoff [window] [--channel id]                    summarise a shift',
  async run(argv) {
    let args: ReturnType<typeof parse>;
    try {
      args = parse(argv);
    } catch (err) {
      stderr.write(`${err instanceof Error ? err.message : String(err)}\n${usage}\n`);
      return 2;
    }
    if (args.values.help) {
      stdout.write(`${usage}\n`);
      return 0;
    }
    const config = readHandoffConfig(process.env);
    const timeZone = args.values.timezone ?? config.timeZone;
    if (!isTimeZone(timeZone)) {
      stderr.write(`--timezone must be an IANA time zone such as Asia/Seoul, got "${timeZone}"\n`);
      return 2;
    }
    const language = args.values.language ?? process.env['BOT_LANGUAGE'] ?? 'ko';
    if (!isLanguage(language)) {
      stderr.write(`--language must be one of ko, en; got "${language}"\n`);
      return 2;
    }
    const events = args.values.events;
    if (events === undefined && config.redisUrl === undefined) {
      stderr.write("no incident record: set REDIS_URL to read the bot's record, or pass --events FILE (JSON lines)\n");
      return 2;
    }
    // Events from a file are read into memory; otherwise the bot's record in Redis is read as it is.
    const store = createStore(events === undefined ? config : {}, silentLogger);
    const incidents = new IncidentLog({ store, retentionDays: config.retentionDays });
    try {
      if (store instanceof RedisStore) await store.ready();
      if (events !== undefined) {
        const loaded = await loadEvents(events, incidents);
        if (typeof loaded === 'string') {
          stderr.write(`${loaded}\n`);
          return 2;
        }
      }
      const channel = args.values.channel;
      const nowMs = Date.now();
      const lastShiftChangeMs = lastShiftChange(config.schedules, channel, nowMs);
      const parsed = parseWindow(args.positionals.join(' '), {
        nowMs,
        timeZone,
        maxDays: config.retentionDays,
        ...(lastShiftChangeMs === undefined ? {} : { lastShiftChangeMs }),
      });
      if (!parsed.ok) {
        stderr.write(`${parsed.message}\n`);
        return 2;
      }
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
      stderr.write(`handoff failed: ${isBotError(err) ? (err.userMessage ?? err.message) : String(err)}\n`);
      return 1;
    } finally {
      await store.close();
    }
  },
};

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
      language: { type: 'string' },
      all: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** Records every line; a message naming the first bad line, or undefined when all loaded. */
async function loadEvents(path: string, incidents: IncidentLog): Promise<string | undefined> {
  let text: string;
  try {
    text = path === '-' ? await readStdin() : await readFile(path, 'utf8');
  } catch (err) {
    return `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`;
  }
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let event: IncidentEvent;
    try {
      event = JSON.parse(line) as IncidentEvent;
    } catch {
      return `${path}:${i + 1}: not JSON`;
    }
    if (typeof event !== 'object' || event === null || typeof event.atMs !== 'number' || !event.place?.threadId) {
      return `${path}:${i + 1}: not an incident event (needs type, place.threadId, atMs)`;
    }
    await incidents.record(event);
  }
  return undefined;
}
