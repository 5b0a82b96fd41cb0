/**
 * `npm run -s cli -- record export [WINDOW] [--workspace ID] [--channel ID]` and `record import FILE|-`
 *
 * The incident record as JSON lines (one IncidentEvent each), read from and written to the store the
 * settings name, as `npm start` would use it. Moving to another store is an export with the old settings
 * piped into an import with the new ones; events keep their ids, so importing twice stores them once:
 *
 *   REDIS_URL=redis://redis:6379 npm run -s cli -- record export | npm run -s cli -- record import -
 */
import { stdout } from 'node:process';
import { parseArgs } from 'node:util';
import { readHandoffConfig } from '../../src/handoff/handoff-config.ts';
import { handoffLabels } from '../../src/handoff/handoff-labels.ts';
import { parseWindow, windowHelp } from '../../src/handoff/handoff-window.ts';
import type { IncidentEvent } from '../../src/incidents/incident-event.ts';
import { incidentId } from '../../src/incidents/incident-keys.ts';
import { readStoreConfig } from '../../src/store/store-config.ts';
import { fail, failOn, usageError } from './cli-context.ts';
import type { CliMessages } from './cli-messages.ts';
import { missingRecord, openRecord, readEventLines } from './incident-record.ts';
import type { CliCommand } from './main.ts';

function usageOf(t: CliMessages): string {
  return [
    'npm run -s cli -- record export [WINDOW] [--workspace ID] [--channel ID]',
    '       npm run -s cli -- record import FILE|-',
    `  export      ${t.recordExportHelp}`,
    `  import      ${t.recordImportHelp}`,
    `  WINDOW      ${windowHelp.replaceAll('`', '')}`,
  ].join('\n');
}

const command: CliCommand = {
  async run(argv, context) {
    const t = context.messages;
    const usage = usageOf(t);
    const bad = (message: string) => fail(context, { code: 'usage', message }, 2);
    let args: ReturnType<typeof parse>;
    try {
      args = parse(argv);
    } catch (err) {
      return usageError(context, err instanceof Error ? err.message : String(err), usage);
    }
    if (args.values.help) {
      stdout.write(`${t.usage}: ${usage}\n`);
      return 0;
    }
    const [action, ...rest] = args.positionals;
    if (action !== 'export' && action !== 'import') return usageError(context, t.recordNeedsAction, usage);
    const config = readHandoffConfig(process.env);
    const storeConfig = readStoreConfig(process.env);

    const nowMs = Date.now();
    let window = { fromMs: nowMs - config.retentionDays * 86_400_000, toMs: nowMs };
    let events: IncidentEvent[] = [];
    if (action === 'export') {
      const missing = missingRecord(storeConfig, t);
      if (missing !== undefined) return bad(t.nothingToExport(missing));
      const windowText = rest.join(' ');
      if (windowText !== '') {
        const parsed = parseWindow(windowText, { nowMs, timeZone: config.timeZone, maxDays: config.retentionDays });
        if (!parsed.ok) return bad(handoffLabels(context.language).badWindow(windowText, parsed.message));
        window = parsed.window;
      }
    } else {
      const [file] = rest;
      if (file === undefined || rest.length > 1) return usageError(context, t.recordImportNeedsFile, usage);
      const read = await readEventLines(file, t);
      if (typeof read === 'string') return bad(read);
      events = read;
    }

    const failed = (err: unknown): number => failOn(context, err, (detail) => t.recordFailed(action, detail));
    let record: Awaited<ReturnType<typeof openRecord>>;
    try {
      record = await openRecord(storeConfig, config.retentionDays);
    } catch (err) {
      return failed(err);
    }
    const { store, incidents } = record;
    const where = store.describe();
    try {
      if (action === 'export') {
        const exported = await incidents.events({
          ...window,
          ...(args.values.workspace === undefined ? {} : { workspaceId: args.values.workspace }),
          ...(args.values.channel === undefined ? {} : { conversationId: args.values.channel }),
        });
        for (const event of exported) stdout.write(`${JSON.stringify(event)}\n`);
        process.stderr.write(`${t.recordExported(exported.length, incidentCount(exported), where)}\n`);
        return 0;
      }
      for (const event of events) await incidents.record(event);
      await incidents.flush();
      if (incidents.pending > 0) {
        return fail(context, { code: 'store_unavailable', message: t.recordNotWritten(incidents.pending, where) }, 1);
      }
      process.stderr.write(`${t.recordImported(events.length, incidentCount(events), where)}\n`);
      return 0;
    } catch (err) {
      return failed(err);
    } finally {
      await incidents.close();
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
      workspace: { type: 'string', short: 'w' },
      channel: { type: 'string', short: 'c' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function incidentCount(events: readonly IncidentEvent[]): number {
  return new Set(events.map((e) => incidentId(e.place))).size;
}
