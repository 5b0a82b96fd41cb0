import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../../adapters/app.ts';
import type { Reply } from '../../../src/message.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import type { Store } from '../../../src/store/store.ts';
import { counterValue, postJson, recordingLog, startTestApp } from './test-app.ts';

const pullError =
  'Failed to pull image "us.icr.io/team/api:1.2": rpc error: code = Unknown desc = unauthorized: authentication required';

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.stop('test');
  app = undefined;
});

describe('the one HTTP server', () => {
  it('is live at /healthz and ready at /readyz once the knowledge is loaded and the store answers', async () => {
    app = await startTestApp();
    const live = await fetch(`${app.url}/healthz`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { knowledge: '2 sections', store: 'ok', shutdown: 'no' },
      store: { kind: 'memory' },
    });
  });

  it('names the SQLite file it keeps the record in at /readyz and in the start-up log', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'ksb-readyz-'));
    try {
      const { log, lines } = recordingLog();
      app = await startTestApp({ STORE: '', STATE_DIR: stateDir }, { log });
      const path = join(stateDir, 'kube-support-bot.db');
      expect(await (await fetch(`${app.url}/readyz`)).json()).toMatchObject({
        status: 'ready',
        store: { kind: 'sqlite', path },
      });
      expect(lines).toContainEqual(expect.objectContaining({ msg: 'store in use', store: 'sqlite', path }));
    } finally {
      await app?.stop('test');
      await rm(stateDir, { recursive: true, force: true });
    }
  });

  it('is not ready while the store does not answer', async () => {
    const broken: Store = Object.assign(new MemoryStore(), {
      get: () => Promise.reject(new Error('connection refused')),
    });
    app = await startTestApp({}, { store: broken });
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'not ready', checks: { store: 'connection refused' } });
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it('answers unknown paths with 404 and wrong methods with 405', async () => {
    app = await startTestApp();
    expect((await fetch(`${app.url}/nope`)).status).toBe(404);
    const wrong = await fetch(`${app.url}/healthz`, { method: 'POST' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  });

  it('counts messages, answers, confident answers, feedback and match latency in /metrics', async () => {
    app = await startTestApp();
    const answered = (await (await postJson(app, '/api/playground/message', { text: pullError })).json()) as {
      reply: Reply;
      threadId: string;
    };
    await postJson(app, '/api/playground/message', { text: 'what is the weather like', addressed: false });
    await postJson(app, '/api/playground/action', {
      kind: 'resolve',
      replyId: answered.reply.replyId,
      threadId: answered.threadId,
    });
    const response = await fetch(`${app.url}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await response.text();
    expect(text).toContain('kube_support_bot_messages_seen_total{platform="web"} 2');
    expect(text).toContain('kube_support_bot_messages_answered_total{platform="web",kind="answer"} 1');
    expect(text).toContain('kube_support_bot_messages_confident_total{platform="web"} 1');
    expect(text).toContain('kube_support_bot_feedback_total{platform="web",kind="resolve"} 1');
    expect(text).toMatch(/kube_support_bot_match_duration_seconds_count [1-9]/);
    expect(text).toContain('# TYPE kube_support_bot_diagnosis_duration_seconds histogram');
    expect(text).toContain('kube_support_bot_knowledge_sections 2');
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it("serves prom-client's process and Node.js metrics, and histograms with their buckets", async () => {
    app = await startTestApp();
    await postJson(app, '/api/playground/message', { text: pullError });
    const text = await (await fetch(`${app.url}/metrics`)).text();
    expect(text).toMatch(/^process_cpu_user_seconds_total [\d.e-]+$/m);
    expect(text).toMatch(/^process_start_time_seconds \d+$/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d+$/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds [\d.e-]+$/m);
    expect(text).toContain('# TYPE kube_support_bot_match_duration_seconds histogram');
    expect(text).toMatch(/^kube_support_bot_match_duration_seconds_bucket\{le="0\.001"\} \d+$/m);
    expect(text).toContain('kube_support_bot_match_duration_seconds_bucket{le="+Inf"} 1');
    expect(text).toContain('kube_support_bot_match_duration_seconds_count 1');
  });

  it('counts knowledge reloads after the start, not the load at start', async () => {
    app = await startTestApp();
    const reloads = async () => {
      const text = await (await fetch(`${app?.url}/metrics`)).text();
      return text.split('\n').filter((line) => line.startsWith('kube_support_bot_knowledge_reloads_total{'));
    };
    expect(await reloads()).toEqual([
      'kube_support_bot_knowledge_reloads_total{result="ok"} 0',
      'kube_support_bot_knowledge_reloads_total{result="rejected"} 0',
    ]);
    expect(await app.knowledge.reload()).toMatchObject({ ok: true });
    expect(await reloads()).toEqual([
      'kube_support_bot_knowledge_reloads_total{result="ok"} 1',
      'kube_support_bot_knowledge_reloads_total{result="rejected"} 0',
    ]);
  });

  it('counts commands by name, any name users make up as "other"', async () => {
    app = await startTestApp({ BOT_LANGUAGE: 'en' });
    for (const text of ['/kb pull', '/made-up x', '/also-made-up x']) {
      await (await postJson(app, '/api/playground/command', { text })).text();
    }
    const text = await (await fetch(`${app.url}/metrics`)).text();
    expect(text).toContain('kube_support_bot_commands_total{platform="web",command="kb"} 1');
    expect(text).toContain('kube_support_bot_commands_total{platform="web",command="other"} 2');
    expect(text).not.toContain('made-up');
  });

  it('refuses new events with 503 once shutdown begins, and finishes the one in flight', async () => {
    // A store whose writes wait: the message is in flight when SIGTERM's stop() starts.
    const { slow, release } = gatedStore();
    let closed = false;
    const store = Object.assign(slow, {
      close: async () => {
        closed = true;
      },
    });
    app = await startTestApp({ SHUTDOWN_TIMEOUT_MS: '5000' }, { store });
    const running = app;
    const inFlight = postJson(running, '/api/playground/message', { text: pullError });
    await until(async () => (await counterValue(running.metrics.messagesSeen, { platform: 'web' })) === 1);
    const stopped = running.stop('SIGTERM');
    await until(async () => (await fetch(`${running.url}/readyz`).catch(() => undefined))?.status === 503);
    const refused = await postJson(running, '/api/playground/message', { text: pullError });
    expect(refused.status).toBe(503);
    expect(closed).toBe(false);
    release();
    const finished = await inFlight;
    expect(finished.status).toBe(200);
    expect(((await finished.json()) as { reply: Reply }).reply.kind).toBe('answer');
    await stopped;
    expect(closed).toBe(true);
    app = undefined;
  });
});

describe('with as much work in flight as MAX_IN_FLIGHT allows', () => {
  it('refuses new events with 503 busy, counts them, and takes events again once the work finished', async () => {
    const { slow, release } = gatedStore();
    app = await startTestApp({ MAX_IN_FLIGHT: '1' }, { store: slow });
    const running = app;
    const first = postJson(running, '/api/playground/message', { text: pullError });
    await until(async () => (await counterValue(running.metrics.messagesSeen, { platform: 'web' })) === 1);

    const refused = await postJson(running, '/api/playground/message', { text: pullError });
    expect(refused.status).toBe(503);
    expect(await refused.json()).toEqual({ error: 'busy' });
    expect(await counterValue(running.metrics.eventsRefused, { reason: 'busy' })).toBe(1);
    // Health, readiness and metrics are not chat events: they still answer.
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);

    release();
    expect((await first).status).toBe(200);
    const again = await postJson(running, '/api/playground/message', { text: pullError });
    expect(again.status).toBe(200);
    expect(await counterValue(running.metrics.messagesSeen, { platform: 'web' })).toBe(2);
  });
});

async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition not reached');
}

/** A memory store whose claims wait until released: keeps a message in flight for as long as a test needs. */
function gatedStore(): { slow: MemoryStore; release: () => void } {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const slow = new MemoryStore();
  const claim = slow.claim.bind(slow);
  slow.claim = async (key, ttlMs) => {
    await gate;
    return claim(key, ttlMs);
  };
  return { slow, release };
}
