import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../../adapters/app.ts';
import type { Command } from '../../../src/commands/command.ts';
import { loadMatcher } from '../../../src/matching/load-matcher.ts';
import type { Reply } from '../../../src/message.ts';
import { postJson, pullSection, startTestApp } from './test-app.ts';

const pullError = 'Back-off pulling image "registry.example.com/shop/web:2": 401 Unauthorized';

/** A slow command with a progress message, like diagnose: its result replaces the progress in place. */
const slowDiagnose: Command = {
  name: 'diagnose',
  usage: 'diagnose pod <name>',
  description: 'diagnose a pod',
  progress: (invocation) => ({ kind: 'progress', text: `Diagnosing ${invocation.args}…`, blocks: [], inThread: true }),
  run: async (invocation) => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { kind: 'diagnosis', text: `${invocation.args}: healthy`, blocks: [], inThread: true };
  },
};

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.stop('test');
  app = undefined;
});

describe('the playground', () => {
  it('serves the page and its assets with a strict content security policy', async () => {
    app = await startTestApp();
    const page = await fetch(`${app.url}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script type="module" src="/playground/app.js"></script>');
    expect((await fetch(`${app.url}/playground/app.js`)).status).toBe(200);
    expect((await fetch(`${app.url}/playground/style.css`)).status).toBe(200);
  });

  it('is not served with PLAYGROUND=off', async () => {
    app = await startTestApp({ PLAYGROUND: 'off' });
    expect((await fetch(`${app.url}/`)).status).toBe(404);
    expect((await postJson(app, '/api/playground/message', { text: pullError })).status).toBe(404);
  });

  it('answers a pasted error in its thread with the buttons, through the bot', async () => {
    app = await startTestApp();
    const response = await postJson(app, '/api/playground/message', { text: pullError });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { id: string; threadId: string; reply: Reply; replyMessageId: string };
    expect(body.threadId).toBe(body.id);
    expect(body.reply.kind).toBe('answer');
    expect(body.reply.blocks[0]).toEqual({ type: 'heading', text: pullSection.title });
    expect(body.reply.blocks).toContainEqual({
      type: 'actions',
      replyId: body.reply.replyId,
      actions: ['resolve', 'dismiss', 'more'],
    });
    expect(body.replyMessageId).toMatch(/^r/);
  });

  it('stays silent on chatter that is not addressed, and says so', async () => {
    app = await startTestApp();
    const body = (await (
      await postJson(app, '/api/playground/message', { text: 'lunch at noon?', addressed: false })
    ).json()) as { reply: Reply | null };
    expect(body.reply).toBeNull();
  });

  it('updates the answer when "This fixed it" is pressed, and shows other matches on request', async () => {
    app = await startTestApp({ BOT_LANGUAGE: 'en' });
    const answered = (await (await postJson(app, '/api/playground/message', { text: pullError })).json()) as {
      reply: Reply;
      threadId: string;
    };
    const more = (await (
      await postJson(app, '/api/playground/action', {
        kind: 'more',
        replyId: answered.reply.replyId,
        threadId: answered.threadId,
      })
    ).json()) as { update: Reply | null; followUp: Reply | null };
    expect(more.update).toBeNull();
    expect(more.followUp?.kind).toBe('more');
    const resolved = (await (
      await postJson(app, '/api/playground/action', {
        kind: 'resolve',
        replyId: answered.reply.replyId,
        threadId: answered.threadId,
      })
    ).json()) as { update: Reply | null };
    expect(resolved.update?.kind).toBe('resolved');
    expect(resolved.update?.text).toContain('Playground admin');
  });

  it('streams a command: the progress message at once, then the result', async () => {
    app = await startTestApp({}, { commands: [slowDiagnose] });
    const response = await postJson(app, '/api/playground/command', { text: '/diagnose pod web-1 -n shop' });
    expect(response.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await response.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { progress?: Reply; result?: Reply });
    expect(lines).toHaveLength(2);
    expect(lines[0]?.progress?.text).toBe('Diagnosing pod web-1 -n shop…');
    expect(lines[1]?.result?.text).toBe('pod web-1 -n shop: healthy');
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toContain('kube_support_bot_diagnosis_duration_seconds_count 1');
    expect(metrics).toContain('kube_support_bot_commands_total{platform="web",command="diagnose"} 1');
  });

  it('runs /kb and /handoff, and tells the admin when a command is not configured here', async () => {
    app = await startTestApp({ BOT_LANGUAGE: 'en', KUBE_IN_CLUSTER: 'false' });
    const kb = (
      await (await postJson(app, '/api/playground/command', { text: '/kb unauthorized pull' })).text()
    ).trim();
    expect((JSON.parse(kb) as { result: Reply }).result.text).toContain(pullSection.title);
    // No kubeconfig and no ServiceAccount here: /diagnose is a known command without an implementation.
    const diagnose = (
      await (await postJson(app, '/api/playground/command', { text: '/diagnose pod web-1' })).text()
    ).trim();
    expect((JSON.parse(diagnose.split('\n').at(-1) ?? '') as { result: Reply }).result.kind).toBe('info');
    const handoff = (await (await postJson(app, '/api/playground/command', { text: '/handoff 12h' })).text()).trim();
    expect((JSON.parse(handoff.split('\n').at(-1) ?? '') as { result: Reply }).result.kind).toBe('handoff');
  });

  it('counts unknown commands under one name in /metrics, and names each back in its help', async () => {
    app = await startTestApp({ BOT_LANGUAGE: 'en' });
    let last: Reply | undefined;
    const letters = (n: number) => [...String(n)].map((d) => 'abcdefghij'[Number(d)]).join('');
    for (let i = 0; i < 300; i++) {
      const body = await (await postJson(app, '/api/playground/command', { text: `/nope-${letters(i)} now` })).text();
      last = (JSON.parse(body.trim().split('\n').at(-1) ?? '{}') as { result: Reply }).result;
    }
    expect(last?.kind).toBe('help');
    expect(last?.text).toContain('Unknown command: nope-cjj');
    await postJson(app, '/api/playground/command', { text: '/kb pull' });
    const series = (await (await fetch(`${app.url}/metrics`)).text())
      .split('\n')
      .filter((l) => l.startsWith('kube_support_bot_commands_total{'));
    expect(series).toEqual([
      'kube_support_bot_commands_total{platform="web",command="other"} 300',
      'kube_support_bot_commands_total{platform="web",command="kb"} 1',
    ]);
  });

  it('lists, searches and shows the knowledge', async () => {
    app = await startTestApp();
    const all = (await (await fetch(`${app.url}/api/playground/knowledge`)).json()) as {
      total: number;
      sections: { id: string; title: string }[];
    };
    expect(all.total).toBe(2);
    expect(all.sections.map((s) => s.title)).toContain(pullSection.title);
    const search = (await (
      await fetch(`${app.url}/api/playground/knowledge?q=${encodeURIComponent('FailedScheduling Insufficient cpu')}`)
    ).json()) as { confident: boolean; sections: { id: string; score: number }[] };
    expect(search.confident).toBe(true);
    expect(search.sections[0]?.id).toBe('knowledge/test/scheduling.md#pending');
    const shown = await fetch(`${app.url}/api/playground/section?id=${encodeURIComponent(pullSection.id)}`);
    expect(((await shown.json()) as { section: { steps: unknown[] } }).section.steps).toHaveLength(2);
    expect((await fetch(`${app.url}/api/playground/section?id=nope`)).status).toBe(404);
  });

  it('answers malformed requests clearly instead of failing', async () => {
    app = await startTestApp();
    const notJson = await fetch(`${app.url}/api/playground/message`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{oops',
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: 'expected a JSON object' });
    expect((await postJson(app, '/api/playground/message', { text: '   ' })).status).toBe(400);
    expect((await postJson(app, '/api/playground/command', { text: '' })).status).toBe(400);
    expect(
      (await postJson(app, '/api/playground/action', { kind: 'explode', replyId: 'x', threadId: 'y' })).status,
    ).toBe(400);
    const huge = await postJson(app, '/api/playground/message', { text: 'x'.repeat(5 * 1024 * 1024) });
    expect(huge.status).toBe(413);
  });

  it('answers a 2 MB paste of binary junk without crashing', async () => {
    app = await startTestApp();
    const junk = Array.from({ length: 2 * 1024 * 1024 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
    const response = await postJson(app, '/api/playground/message', { text: junk.slice(0, 1_500_000) });
    expect(response.status).toBe(200);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });
});

describe('the playground with BOT_LANGUAGE=en and the shipped knowledge', () => {
  const realKnowledge = async () => {
    const loaded = await loadMatcher('knowledge', { root: join(import.meta.dirname, '..', '..', '..') });
    return { base: loaded.knowledge, matcher: loaded.matcher };
  };
  const ask = async (text: string) => {
    const response = await postJson(app!, '/api/playground/message', { text, addressed: true });
    return ((await response.json()) as { reply: Reply }).reply;
  };

  it('answers in English where the section has English, and cites the Korean document', async () => {
    app = await startTestApp({ BOT_LANGUAGE: 'en' }, { loadKnowledge: realKnowledge });
    const reply = await ask(
      'Warning  FailedCreatePodSandBox  kubelet  network: failed to allocate for range 0: no IP addresses available in range set',
    );
    expect(reply.kind).toBe('answer');
    expect(reply.blocks[0]).toEqual({
      type: 'heading',
      text: 'My pods cannot launch due to "network: failed to allocate for range" errors',
    });
    expect(reply.blocks).toContainEqual(
      expect.objectContaining({
        type: 'paragraph',
        label: 'Cause',
        text: expect.stringMatching(/^This indicates that the IP address space on your node is used up/),
      }),
    );
    expect(reply.blocks).toContainEqual(
      expect.objectContaining({
        type: 'source',
        title:
          'Troubleshooting Kubernetes › My pods cannot launch due to "network: failed to allocate for range" errors',
        path: 'knowledge/microsoft/windows-kubernetes-common-problems.md',
        lines: [160, 166],
      }),
    );
  });

  it("answers in Korean where the section has no English to show, in the bot's own English words", async () => {
    app = await startTestApp({ BOT_LANGUAGE: 'en' }, { loadKnowledge: realKnowledge });
    const reply = await ask(
      'Warning  FailedScheduling  3m  default-scheduler  0/6 nodes are available: 6 Insufficient cpu.',
    );
    expect(reply.blocks[0]).toEqual({ type: 'heading', text: '팟(Pod)이 보류 상태를 유지함' });
    expect(reply.blocks).toContainEqual(expect.objectContaining({ type: 'paragraph', label: 'How to fix it' }));
  });

  it('shows a section of the knowledge in English where it has English', async () => {
    app = await startTestApp({ BOT_LANGUAGE: 'en' }, { loadKnowledge: realKnowledge });
    const id = encodeURIComponent('ibm-cloud/container-registry#ts_login');
    const { section } = (await (await fetch(`${app.url}/api/playground/section?id=${id}`)).json()) as {
      section: { title: string; source: string; lines: number[] };
    };
    expect(section).toMatchObject({
      title: 'Logging in to IBM Cloud Container Registry fails',
      source: 'knowledge/ibm-cloud/container-registry.md',
      lines: [43, 61],
    });
  });
});
