import { describe, expect, it } from 'vitest';
import { accessAllows, readHandoffConfig } from '../../../src/handoff/handoff-config.ts';

describe('readHandoffConfig', () => {
  it('defaults to 30 days, UTC and no schedules', () => {
    expect(readHandoffConfig({})).toEqual({ retentionDays: 30, timeZone: 'UTC', schedules: [] });
  });

  it('reads schedules per channel, with their own zone or the default one, and a workspace', () => {
    const config = readHandoffConfig({
      RETENTION_DAYS: '14',
      HANDOFF_TIMEZONE: 'Asia/Seoul',
      HANDOFF_SCHEDULES:
        'C123=0 9,21 * * *@Asia/Seoul;\n T9/C456 = 0 8 * * 1-5 ; 19:abc@thread.tacv2=0 18 * * *@Europe/Berlin',
    });
    expect(config).toEqual({
      retentionDays: 14,
      timeZone: 'Asia/Seoul',
      schedules: [
        { channel: 'C123', cron: '0 9,21 * * *', timeZone: 'Asia/Seoul' },
        { channel: 'C456', workspaceId: 'T9', cron: '0 8 * * 1-5', timeZone: 'Asia/Seoul' },
        { channel: '19:abc@thread.tacv2', cron: '0 18 * * *', timeZone: 'Europe/Berlin' },
      ],
    });
  });

  it('reads which other channels a channel may summarise', () => {
    const config = readHandoffConfig({
      HANDOFF_CHANNEL_ACCESS: 'C0ONCALL=C0SUP, #C0INFRA;\n C0LEADS=* ; *=C0PUBLIC; C0ONCALL=C0DB',
    });
    expect(config.channelAccess).toEqual(
      new Map<string, readonly string[] | '*'>([
        ['C0ONCALL', ['C0SUP', 'C0INFRA', 'C0DB']],
        ['C0LEADS', '*'],
        ['*', ['C0PUBLIC']],
      ]),
    );
    expect(accessAllows(config.channelAccess, 'C0ONCALL', 'C0INFRA')).toBe(true);
    expect(accessAllows(config.channelAccess, 'C0ONCALL', 'C0LEADS')).toBe(false);
    expect(accessAllows(config.channelAccess, 'C0LEADS', 'C0ANY')).toBe(true);
    expect(accessAllows(config.channelAccess, 'C0ANY', 'C0PUBLIC')).toBe(true);
    expect(accessAllows(undefined, 'C0ANY', 'C0ANY')).toBe(true);
    expect(accessAllows(undefined, 'C0ANY', 'C0OTHER')).toBe(false);
    expect(() => readHandoffConfig({ HANDOFF_CHANNEL_ACCESS: 'C0ONCALL' })).toThrow(
      /HANDOFF_CHANNEL_ACCESS entry 1 \("C0ONCALL"\) must look like/,
    );
  });

  it('reports every problem at once, naming the variable and what it expects', () => {
    expect(() =>
      readHandoffConfig({
        RETENTION_DAYS: 'forever',
        HANDOFF_TIMEZONE: 'Seoul',
        HANDOFF_SCHEDULES: 'C1=61 9 * * *;C2;C3=0 9 * * *@Mars/Olympus',
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'config_invalid',
        message: expect.stringMatching(
          /RETENTION_DAYS must be a whole number of days from 1 to 365, got "forever"[\s\S]*HANDOFF_TIMEZONE must be an IANA time zone such as Asia\/Seoul, got "Seoul"[\s\S]*entry 1 \("C1=61 9 \* \* \*"\): "61 9 \* \* \*" is not a cron expression[\s\S]*entry 2 \("C2"\) must look like C123=0 9,21 \* \* \*@Asia\/Seoul[\s\S]*entry 3 .*"Mars\/Olympus" is not an IANA time zone/,
        ),
      }),
    );
  });
});
