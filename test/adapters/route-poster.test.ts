import { describe, expect, it } from 'vitest';
import { type ChatPlatform, routePoster } from '../../adapters/app.ts';
import type { Reply } from '../../src/message.ts';

const reply: Reply = { kind: 'handoff', text: 'shift summary', blocks: [], inThread: false };

function platform(name: string, posted: string[] | undefined): ChatPlatform {
  return {
    name,
    routes: [],
    start: async () => {},
    stop: async () => {},
    ...(posted ? { poster: { post: async (channel: string) => void posted.push(`${name}:${channel}`) } } : {}),
  };
}

describe('routePoster', () => {
  it('sends Teams conversation ids to Teams and every other channel to Slack', async () => {
    const posted: string[] = [];
    const poster = routePoster([platform('slack', posted), platform('teams', posted)]);
    await poster?.post('C0123ONCALL', reply);
    await poster?.post('19:abc123@thread.tacv2', reply);
    expect(posted).toEqual(['slack:C0123ONCALL', 'teams:19:abc123@thread.tacv2']);
  });

  it('uses the only platform that can post, and none when no platform can', async () => {
    const posted: string[] = [];
    await routePoster([platform('teams', posted)])?.post('19:abc@thread.v2', reply);
    expect(posted).toEqual(['teams:19:abc@thread.v2']);
    expect(routePoster([platform('slack', undefined)])).toBeUndefined();
  });
});
