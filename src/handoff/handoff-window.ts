import { formatDateTime, formatTime, fromWallTime, toWallTime } from './time-zone.ts';

/** The stretch of time a handoff covers, both ends inclusive, in ms since the epoch. */
export interface HandoffWindow {
  readonly fromMs: number;
  readonly toMs: number;
  /** How it reads in a reply: "2026-11-23 09:00 – 21:00 (Asia/Seoul)". */
  readonly label: string;
}

export interface WindowContext {
  readonly nowMs: number;
  readonly timeZone: string;
  /** The channel's latest scheduled shift change, when it has a schedule: the default window starts there. */
  readonly lastShiftChangeMs?: number;
  /** Default when there is no shift change; 12 h. */
  readonly defaultHours?: number;
  /** Longest window accepted, in days (the retention); 30. */
  readonly maxDays?: number;
}

export type WindowResult =
  | { readonly ok: true; readonly window: HandoffWindow }
  | { readonly ok: false; readonly message: string };

export const windowHelp = '`12h`, `30m`, `2d`, `since 09:00`, `since 2026-11-23 09:00` or `2026-11-23 09:00..21:00`';

const duration = /^(\d{1,4})\s*(m|mins?|minutes?|h|hrs?|hours?|d|days?)$/;
const clock = '(\\d{1,2}):(\\d{2})';
const date = '(\\d{4})-(\\d{2})-(\\d{2})';
const sinceClock = new RegExp(`^since\\s+${clock}$`);
const sinceDate = new RegExp(`^since\\s+${date}[ T]${clock}$`);
const range = new RegExp(`^${date}[ T]${clock}\\s*(?:\\.\\.|–|—)\\s*(?:${date}[ T])?${clock}$`);

/**
 * Reads the window of `/handoff [window]`, in the configured time zone. Empty means since the last shift
 * change (when the channel has a schedule) or the last 12 hours. A range whose end is not after its
 * start ends on the next day (`21:00..09:00` is a night shift).
 */
export function parseWindow(text: string, ctx: WindowContext): WindowResult {
  const input = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const { nowMs, timeZone } = ctx;
  const maxMs = (ctx.maxDays ?? 30) * 86_400_000;
  const make = (fromMs: number, toMs: number): WindowResult => {
    if (toMs <= fromMs) return { ok: false, message: `The window must end after it starts (${text.trim()}).` };
    if (toMs - fromMs > maxMs) {
      return { ok: false, message: `The window is longer than the ${ctx.maxDays ?? 30} days the bot keeps.` };
    }
    return { ok: true, window: { fromMs, toMs, label: label(fromMs, toMs, timeZone) } };
  };

  if (input === '') {
    const since = ctx.lastShiftChangeMs;
    if (since !== undefined && since < nowMs && nowMs - since <= maxMs) return make(since, nowMs);
    return make(nowMs - (ctx.defaultHours ?? 12) * 3_600_000, nowMs);
  }
  const d = duration.exec(input);
  if (d) {
    const unit = d[2]!.startsWith('m') ? 60_000 : d[2]!.startsWith('h') ? 3_600_000 : 86_400_000;
    const amount = Number(d[1]);
    if (amount === 0) return { ok: false, message: 'The window must be longer than zero.' };
    return make(nowMs - amount * unit, nowMs);
  }
  const s = sinceClock.exec(input);
  if (s) {
    const time = clockOf(s[1], s[2]);
    if (!time) return badClock(text);
    const today = toWallTime(nowMs, timeZone);
    let fromMs = fromWallTime({ ...today, ...time }, timeZone);
    // "since 22:00" at 08:00 means yesterday evening.
    if (fromMs > nowMs) fromMs = fromWallTime({ ...dayBefore(today), ...time }, timeZone);
    return make(fromMs, nowMs);
  }
  const sd = sinceDate.exec(input);
  if (sd) {
    const from = wallOf(sd.slice(1, 6));
    if (!from) return badClock(text);
    return make(fromWallTime(from, timeZone), nowMs);
  }
  const r = range.exec(input);
  if (r) {
    const from = wallOf(r.slice(1, 6));
    const endDate = r[6] === undefined ? undefined : wallOf([...r.slice(6, 9), '0', '00']);
    const endTime = clockOf(r[9], r[10]);
    if (!from || !endTime || (r[6] !== undefined && !endDate)) return badClock(text);
    const fromMs = fromWallTime(from, timeZone);
    let toMs = fromWallTime({ ...(endDate ?? from), ...endTime }, timeZone);
    if (endDate === undefined && toMs <= fromMs) toMs = fromWallTime({ ...dayAfter(from), ...endTime }, timeZone);
    return make(fromMs, toMs);
  }
  return { ok: false, message: `I don't understand the window "${text.trim()}". Use ${windowHelp}.` };
}

function label(fromMs: number, toMs: number, timeZone: string): string {
  const from = formatDateTime(fromMs, timeZone);
  const to = formatDateTime(toMs, timeZone);
  const sameDay = from.slice(0, 10) === to.slice(0, 10);
  return `${from} – ${sameDay ? formatTime(toMs, timeZone) : to} (${timeZone})`;
}

function badClock(text: string): WindowResult {
  return { ok: false, message: `"${text.trim()}" is not a valid date or time. Use ${windowHelp}.` };
}

function clockOf(h: string | undefined, m: string | undefined): { hour: number; minute: number } | undefined {
  const hour = Number(h);
  const minute = Number(m);
  return hour <= 23 && minute <= 59 ? { hour, minute } : undefined;
}

function wallOf(parts: readonly (string | undefined)[]) {
  const [y, mo, d, h, mi] = parts.map(Number) as [number, number, number, number, number];
  const time = clockOf(String(h), String(mi));
  // Round-trip through Date to reject 2026-02-30 and the like.
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (!time || check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    return undefined;
  }
  return { year: y, month: mo, day: d, ...time };
}

function dayBefore(w: { year: number; month: number; day: number }) {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day - 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function dayAfter(w: { year: number; month: number; day: number }) {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
