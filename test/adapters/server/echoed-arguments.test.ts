import { afterEach, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../../adapters/app.ts';
import type { Reply } from '../../../src/message.ts';
import { type FakeApiServer, startFakeApiServer } from '../../fakes/fake-apiserver.ts';
import { postJson, startTestApp } from './test-app.ts';

let api: FakeApiServer | undefined;
let app: RunningApp | undefined;
afterEach(async () => {
  await app?.stop('test');
  await api?.close();
  app = undefined;
  api = undefined;
});

async function result(running: RunningApp, text: string): Promise<Reply | undefined> {
  const body = await (await postJson(running, '/api/playground/command', { text })).text();
  const last = body.trim().split('\n').at(-1);
  return last === undefined ? undefined : (JSON.parse(last) as { result?: Reply }).result;
}

const token = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';

describe('arguments the bot quotes back', () => {
  it('are redacted in /kb when nothing matches', async () => {
    app = await startTestApp({ BOT_LANGUAGE: 'en' });
    const reply = await result(app, `/kb git push rejected with ${token}`);
    expect(reply?.text).toContain('Nothing in the documents matches "git push rejected with [redacted]"');
    expect(JSON.stringify(reply)).not.toContain(token.slice(0, 12));
  });

  it('are redacted in /diagnose usage problems', async () => {
    api = await startFakeApiServer({});
    const env = { KUBECONFIG: api.kubeconfig(), BOT_LANGUAGE: 'en' };
    app = await startTestApp(env, { env });
    const reply = await result(app, `/diagnose pod ${token}`);
    expect(reply?.kind).toBe('usage');
    expect(reply?.text).toContain('"[redacted]" is not a valid pod name');
    expect(JSON.stringify(reply)).not.toContain(token.slice(0, 12));
    expect(api.requests).toEqual([]);
  });
});
