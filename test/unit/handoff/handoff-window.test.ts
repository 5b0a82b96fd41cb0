import { describe, expect, it } from 'vitest';
import { parseWindow } from '../../../src/handoff/handoff-window.ts';

// 2026-11-23 14:30 in Seoul (UTC+9, no DST).
const nowMs = Date.UTC(2026, 10, 23, 5, 30);
const seoul = { nowMs, timeZone: 'Asia/Seoul' };
const at = (iso: string): number => Date.parse(iso);

describe('parseWindow', () => {
  it.each([
    { name: 'hours', text: '12h', from: '2026-11-23T02:30+09:00' },
    { name: 'minutes', text: '90m', from: '2026-11-23T13:00+09:00' },
    { name: 'days', text: '2d', from: '2026-11-21T14:30+09:00' },
    { name: 'spelled-out hours', text: '3 hours', from: '2026-11-23T11:30+09:00' },
    { name: 'a time earlier today', text: 'since 09:00', from: '2026-11-23T09:00+09:00' },
    { name: 'a time later than now, so yesterday', text: 'since 21:00', from: '2026-11-22T21:00+09:00' },
    { name: 'a date and time', text: 'since 2026-11-22 18:15', from: '2026-11-22T18:15+09:00' },
  ])('reads $name ($text) as ending now', ({ text, from }) => {
    const result = parseWindow(text, seoul);
    expect(result).toMatchObject({ ok: true, window: { fromMs: at(from), toMs: nowMs } });
  });

  it('reads a day shift range in the configured zone, labelled in it', () => {
    expect(parseWindow('2026-11-22 09:00..21:00', seoul)).toEqual({
      ok: true,
      window: {
        fromMs: at('2026-11-22T09:00+09:00'),
        toMs: at('2026-11-22T21:00+09:00'),
        label: '2026-11-22 09:00 – 21:00 (Asia/Seoul)',
      },
    });
  });

  it('ends a range on the next day when its end is not after its start (a night shift)', () => {
    expect(parseWindow('2026-11-22 21:00..09:00', seoul)).toMatchObject({
      ok: true,
      window: {
        fromMs: at('2026-11-22T21:00+09:00'),
        toMs: at('2026-11-23T09:00+09:00'),
        label: '2026-11-22 21:00 – 2026-11-23 09:00 (Asia/Seoul)',
      },
    });
  });

  it('accepts a range with an explicit end date', () => {
    expect(parseWindow('2026-11-20 08:00..2026-11-21 08:00', seoul)).toMatchObject({
      ok: true,
      window: { fromMs: at('2026-11-20T08:00+09:00'), toMs: at('2026-11-21T08:00+09:00') },
    });
  });

  it('follows daylight saving time in zones that have it', () => {
    // 2026-03-08 is the spring-forward day in New York: 09:00 is EDT (UTC-4), the day before EST (UTC-5).
    const ny = { nowMs: Date.UTC(2026, 2, 8, 20, 0), timeZone: 'America/New_York' };
    expect(parseWindow('2026-03-07 09:00..2026-03-08 09:00', ny)).toMatchObject({
      ok: true,
      window: { fromMs: at('2026-03-07T09:00-05:00'), toMs: at('2026-03-08T09:00-04:00') },
    });
  });

  it('defaults to since the last shift change, or to the last 12 hours without one', () => {
    const shift = at('2026-11-23T09:00+09:00');
    expect(parseWindow('', { ...seoul, lastShiftChangeMs: shift })).toMatchObject({
      ok: true,
      window: { fromMs: shift, toMs: nowMs },
    });
    expect(parseWindow('  ', seoul)).toMatchObject({ ok: true, window: { fromMs: nowMs - 12 * 3_600_000 } });
  });

  it.each([
    { name: 'words', text: 'yesterday', message: /I don't understand the window "yesterday". Use `12h`/ },
    { name: 'an impossible time', text: 'since 25:00', message: /not a valid date or time/ },
    { name: 'an impossible date', text: '2026-02-30 09:00..10:00', message: /not a valid date or time/ },
    { name: 'a zero length', text: '0h', message: /longer than zero/ },
    { name: 'more than the retention', text: '45d', message: /longer than the 30 days/ },
    { name: 'an end before the start', text: '2026-11-22 09:00..2026-11-21 09:00', message: /end after it starts/ },
  ])('answers $name with a message that says what works', ({ text, message }) => {
    const result = parseWindow(text, seoul);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toMatch(message);
  });
});
