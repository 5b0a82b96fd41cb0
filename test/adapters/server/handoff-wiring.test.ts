import { afterEach, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../../adapters/app.ts';
import type { Reply } from '../../../src/message.ts';
import { eventually } from '../../contract/store-contract.ts';
import { postJson, recordingLog, startTestApp } from './test-app.ts';

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.stop('test');
  app = undefined;
});

async function command(running: RunningApp, text: string, threadId?: string): Promise<Reply | undefined> {
  const body = await (await postJson(running, '/api/playground/command', { text, threadId })).text();
  const last = body.trim().split('\n').at(-1);
  return last === undefined ? undefined : (JSON.parse(last) as { result?: Reply }).result;
}

describe('/handoff in the process', () => {
  it('summarises what the bot answered, and resolves it from its thread', async () => {
    app = await startTestApp({ BOT_LANGUAGE: 'en', HANDOFF_TIMEZONE: 'Asia/Seoul' });
    const pasted = await postJson(app, '/api/playground/message', {
      text: 'Failed to pull image "us.icr.io/team/api:1.2": unauthorized: authentication required',
    });
    const { threadId } = (await pasted.json()) as { threadId: string };
    const running = app;
    await eventually(async () => expect((await command(running, '/handoff 1h'))?.text).toContain('1 incident: 1 open'));
    const summary = await command(app, '/handoff 1h');
    expect(summary?.kind).toBe('handoff');
    expect(summary?.text).toContain('(Asia/Seoul)');

    expect((await command(app, '/handoff resolve', threadId))?.kind).toBe('resolved');
    expect((await command(app, '/handoff 1h'))?.text).toContain('1 incident: 0 open, 1 resolved');
    expect((await command(app, '/handoff 1h'))?.text).toContain('with /handoff resolve');
  });

  it('says why scheduled handoffs are off when no chat platform can post', async () => {
    const { log, lines } = recordingLog();
    app = await startTestApp({ HANDOFF_SCHEDULES: 'C0123=0 9,21 * * *@Asia/Seoul' }, { log });
    expect(lines.map((l) => l['msg'])).toContain('HANDOFF_SCHEDULES set but no chat platform can post: not scheduled');
  });
});
