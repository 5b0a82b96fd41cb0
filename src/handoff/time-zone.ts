/** Wall-clock time in a time zone, to the minute. `month` is 1-based. */
export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for an IANA zone the runtime knows ("Asia/Seoul", "UTC"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function toWallTime(ms: number, timeZone: string): WallTime {
  const wall = { year: 0, month: 0, day: 0, hour: 0, minute: 0 };
  for (const p of formatter(timeZone).formatToParts(ms)) {
    if (p.type === 'year' || p.type === 'month' || p.type === 'day' || p.type === 'hour' || p.type === 'minute') {
      wall[p.type] = Number(p.value);
    }
  }
  return wall;
}

/** The instant a wall-clock time names in a zone (DST gaps resolve forward, overlaps to the first). */
export function fromWallTime(wall: WallTime, timeZone: string): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const offsetAt = (ms: number): number => {
    const w = toWallTime(ms, timeZone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - Math.floor(ms / 60_000) * 60_000;
  };
  const first = asUtc - offsetAt(asUtc);
  const second = asUtc - offsetAt(first);
  return first === second ? first : Math.min(first, second);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `2026-11-23 09:00` */
export function formatDateTime(ms: number, timeZone: string): string {
  const w = toWallTime(ms, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
}

/** `09:00` */
export function formatTime(ms: number, timeZone: string): string {
  const w = toWallTime(ms, timeZone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}
