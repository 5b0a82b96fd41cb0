/**
 * Learning in the running process: a press in the playground teaches the real matcher at once, the change
 * is counted in /metrics, and a knowledge reload keeps what was taught (the same path and the same learned
 * field as the reload that follows a file change).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../../adapters/app.ts';
import { createMatcher } from '../../../src/matching/index-matcher.ts';
import { type CompiledLexicon, compileLexicon, loadLexicon } from '../../../src/matching/lexicon.ts';
import type { Block, Reply } from '../../../src/message.ts';
import { corpus } from '../../unit/matching/sections.fixture.ts';
import { postJson, startTestApp } from './test-app.ts';

// The image pull section ranks first for this paste, the pending pods one close behind.
const paste =
  'pod web-7c9f8d6b5-x2k4q stuck on node ip-10-0-1-5.ec2.internal, image pull token expired 401 node memory';
const variant =
  'pod api-5d4c3b2a1-q9w8e stuck on node ip-10-8-3-77.ec2.internal, image pull token expired 401 node memory';

let lexicon: CompiledLexicon;
let loads = 0;
beforeAll(async () => {
  lexicon = compileLexicon(await loadLexicon('knowledge/lexicon'));
});

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.stop('test');
  app = undefined;
});

async function start(env: Record<string, string> = {}): Promise<RunningApp> {
  return startTestApp(
    { BOT_LANGUAGE: 'en', LEARN_ADMINS: 'web:playground-admin', ...env },
    {
      loadKnowledge: async (_config, { learned }) => {
        loads++;
        return { base: { sections: corpus, problems: [] }, matcher: createMatcher(corpus, { lexicon, learned }) };
      },
    },
  );
}

async function ask(text: string): Promise<{ reply: Reply; threadId: string }> {
  return (await (await postJson(app!, '/api/playground/message', { text })).json()) as {
    reply: Reply;
    threadId: string;
  };
}

/** The playground admin chooses the pending pods section among the closest ones. */
async function choosePending(): Promise<void> {
  const { reply, threadId } = await ask(paste);
  expect(reply.kind).toBe('unsure');
  const candidates = reply.blocks.find((b): b is Extract<Block, { type: 'candidates' }> => b.type === 'candidates');
  const pending = candidates?.candidates.find((c) => c.title.includes('보류'));
  const shown = await postJson(app!, '/api/playground/action', { kind: 'show', replyId: pending?.replyId, threadId });
  expect(shown.status).toBe(200);
}

const metric = async (line: string) => (await (await fetch(`${app!.url}/metrics`)).text()).includes(line);

describe('learning in the running bot', () => {
  it('answers the next paste of the same failure with the section a knowledge admin chose, and counts it', async () => {
    app = await start();
    expect((await ask(variant)).reply.kind).toBe('unsure');
    await choosePending();
    const { reply } = await ask(variant);
    expect(reply.kind).toBe('answer');
    expect(reply.blocks[0]).toMatchObject({ type: 'heading', text: expect.stringContaining('보류') });
    expect(await metric('kube_support_bot_learned_total{change="counts",kind="confirm"} 1')).toBe(true);
    expect(await metric('kube_support_bot_learned_pairs{kind="confirm"} 1')).toBe(true);
  });

  it('shows what was learned on the section page of the playground, names masked', async () => {
    app = await start();
    await choosePending();
    const page = (await (await fetch(`${app.url}/api/playground/section?id=pending&language=en`)).json()) as {
      learned: { kind: string; counts: boolean }[];
      html: string;
    };
    expect(page.learned).toMatchObject([{ kind: 'confirm', counts: true }]);
    expect(page.html).toContain('<p class="label">Learned from the channel</p>');
    expect(page.html).toContain('✅ fixed it · 1 person · in use');
    expect(page.html).toContain('pod &lt;pod_name&gt; stuck on node &lt;node_name&gt;');
    expect(page.html).not.toContain('web-7c9f8d6b5');
  });

  it('keeps what was taught across a knowledge reload', async () => {
    app = await start();
    await choosePending();
    const before = loads;
    expect(await app.knowledge.reload()).toMatchObject({ ok: true });
    expect(loads).toBe(before + 1);
    expect((await ask(variant)).reply.kind).toBe('answer');
  });

  it('takes no lesson with LEARN=off', async () => {
    app = await start({ LEARN: 'off' });
    await choosePending();
    expect((await ask(variant)).reply.kind).toBe('unsure');
    expect(app.learner.list()).toEqual([]);
  });
});
