import { Cron } from 'croner';
import { BotError, ErrorCode } from '../errors.ts';
import type { HandoffSchedule } from './handoff-scheduler.ts';
import { isTimeZone } from './time-zone.ts';

/** What the incident log, `/handoff` and the scheduler need from the environment (the store: store-config.ts). */
export interface HandoffConfig {
  /** RETENTION_DAYS: how long incidents are kept; 30. */
  readonly retentionDays: number;
  /** HANDOFF_TIMEZONE: windows and times in handoffs; UTC. */
  readonly timeZone: string;
  /** HANDOFF_SCHEDULES: shift changes per channel. */
  readonly schedules: readonly HandoffSchedule[];
  /** HANDOFF_CHANNEL_ACCESS: which other channels `/handoff #channel` may summarise from a channel. */
  readonly channelAccess?: ChannelAccess;
}

/**
 * From a channel (or `*`, any channel), the other channels whose record `/handoff #channel` may show there,
 * or `*` for all. A channel always sees its own.
 */
export type ChannelAccess = ReadonlyMap<string, readonly string[] | '*'>;

/** True when `channelAccess` lets a handoff run in `from` show channel `target`. */
export function accessAllows(channelAccess: ChannelAccess | undefined, from: string, target: string): boolean {
  if (from === target) return true;
  return [channelAccess?.get(from), channelAccess?.get('*')].some(
    (allowed) => allowed === '*' || (allowed?.includes(target) ?? false),
  );
}

/**
 * Reads the handoff's variables, reporting every problem at once:
 *
 *   RETENTION_DAYS     whole days, 1..365 (default 30)
 *   HANDOFF_TIMEZONE   an IANA zone such as Asia/Seoul (default UTC)
 *   HANDOFF_SCHEDULES  `<channel>=<cron>[@<zone>]`, separated by `;` or new lines, e.g.
 *                      `C123=0 9,21 * * *@Asia/Seoul; C456=0 8 * * 1-5`. A channel may carry its
 *                      workspace: `T123/C123=…`. Without a zone the schedule uses HANDOFF_TIMEZONE.
 *   HANDOFF_CHANNEL_ACCESS  `<from>=<channel>,<channel>…` or `<from>=*`, separated by `;` or new lines;
 *                      `*` as `<from>` is any channel: `C0ONCALL=C0SUP,C0INFRA; C0LEADS=*`.
 *
 * With `collect`, problems are appended there to be reported with the other readers'; without, they
 * throw one ConfigInvalid BotError listing them all.
 */
export function readHandoffConfig(
  env: Readonly<Record<string, string | undefined>> = {},
  collect?: string[],
): HandoffConfig {
  const problems: string[] = [];
  const rawDays = env['RETENTION_DAYS']?.trim() || '30';
  const retentionDays = Number(rawDays);
  if (!/^\d+$/.test(rawDays) || retentionDays < 1 || retentionDays > 365) {
    problems.push(`RETENTION_DAYS must be a whole number of days from 1 to 365, got "${rawDays}"`);
  }
  const timeZone = env['HANDOFF_TIMEZONE']?.trim() || 'UTC';
  if (!isTimeZone(timeZone)) {
    problems.push(`HANDOFF_TIMEZONE must be an IANA time zone such as Asia/Seoul, got "${timeZone}"`);
  }
  const schedules = parseSchedules(env['HANDOFF_SCHEDULES'] ?? '', timeZone, problems);
  const channelAccess = parseChannelAccess(env['HANDOFF_CHANNEL_ACCESS'] ?? '', problems);
  if (collect) collect.push(...problems);
  else if (problems.length > 0) {
    throw new BotError(ErrorCode.ConfigInvalid, `invalid handoff configuration:\n- ${problems.join('\n- ')}`);
  }
  return Object.freeze({
    retentionDays,
    timeZone,
    schedules,
    ...(channelAccess.size === 0 ? {} : { channelAccess }),
  });
}

function parseChannelAccess(text: string, problems: string[]): ChannelAccess {
  const access = new Map<string, readonly string[] | '*'>();
  const entries = text
    .split(/[;\n]/)
    .map((e) => e.trim())
    .filter((e) => e !== '');
  for (const [i, entry] of entries.entries()) {
    const [from = '', list = ''] = entry.split('=', 2).map((part) => part.trim().replace(/^#/, ''));
    const channels = list
      .split(',')
      .map((c) => c.trim().replace(/^#/, ''))
      .filter((c) => c !== '');
    if (from === '' || !entry.includes('=') || channels.length === 0) {
      problems.push(`HANDOFF_CHANNEL_ACCESS entry ${i + 1} ("${entry}") must look like C0ONCALL=C0SUPPORT,C0INFRA`);
      continue;
    }
    const earlier = access.get(from);
    if (channels.includes('*') || earlier === '*') access.set(from, '*');
    else access.set(from, [...(earlier ?? []), ...channels]);
  }
  return access;
}

function parseSchedules(text: string, defaultZone: string, problems: string[]): HandoffSchedule[] {
  const schedules: HandoffSchedule[] = [];
  const entries = text
    .split(/[;\n]/)
    .map((e) => e.trim())
    .filter((e) => e !== '');
  for (const [i, entry] of entries.entries()) {
    const where = `HANDOFF_SCHEDULES entry ${i + 1} ("${entry}")`;
    // Cron expressions hold no "=", so the last one ends the channel.
    const eq = entry.lastIndexOf('=');
    if (eq <= 0) {
      problems.push(`${where} must look like C123=0 9,21 * * *@Asia/Seoul`);
      continue;
    }
    const target = entry.slice(0, eq).trim();
    let cron = entry.slice(eq + 1).trim();
    let timeZone = defaultZone;
    const at = cron.lastIndexOf('@');
    if (at > 0 && isTimeZone(cron.slice(at + 1).trim())) {
      timeZone = cron.slice(at + 1).trim();
      cron = cron.slice(0, at).trim();
    } else if (at > 0) {
      problems.push(`${where}: "${cron.slice(at + 1).trim()}" is not an IANA time zone`);
      continue;
    }
    const slash = target.indexOf('/');
    const channel = slash < 0 ? target : target.slice(slash + 1);
    const workspaceId = slash < 0 ? undefined : target.slice(0, slash);
    if (channel === '' || workspaceId === '') {
      problems.push(`${where}: the channel is empty`);
      continue;
    }
    try {
      new Cron(cron, { timezone: timeZone, paused: true }).stop();
    } catch (err) {
      problems.push(`${where}: "${cron}" is not a cron expression (${err instanceof Error ? err.message : err})`);
      continue;
    }
    schedules.push({ channel, cron, timeZone, ...(workspaceId === undefined ? {} : { workspaceId }) });
  }
  return schedules;
}
