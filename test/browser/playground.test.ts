import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../adapters/app.ts';
import { loadSettings } from '../../adapters/settings.ts';
import { loadMatcher } from '../../src/matching/load-matcher.ts';
import { type Chromium, launchChromium } from './chromium.ts';
import { colourAt, decodePng } from './png-pixels.ts';

let app: RunningApp;
let stateDir: string;
let browser: Chromium;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  // The real knowledge, matcher and SQLite store, as `npm start` runs them with nothing configured.
  stateDir = await mkdtemp(join(tmpdir(), 'ksb-playground-'));
  app = await startApp({
    settings: loadSettings({ PORT: '0', KNOWLEDGE_WATCH: 'false', BOT_LANGUAGE: 'en', STATE_DIR: stateDir }),
    log: pino({ level: 'silent' }),
    loadKnowledge: async (config, { learned }) => {
      const loaded = await loadMatcher(config.knowledge.dir, { learned });
      return { base: loaded.knowledge, matcher: loaded.matcher };
    },
  });
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? '';
    // Under heavy CPU load chromium has reported a streamed command response it had fully read and
    // rendered as ERR_ABORTED; a request the server answered with 200 is not a failure the admin sees.
    void request.response().then((response) => {
      if (reason === 'net::ERR_ABORTED' && response?.status() === 200) return;
      problems.push(`requestfailed: ${request.method()} ${request.url()} ${reason}`);
    });
  });
  await page.goto(app.url);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop('test');
  if (stateDir) await rm(stateDir, { recursive: true, force: true });
});

const pending = [
  'Events:',
  '  Type     Reason            Age                From               Message',
  '  ----     ------            ----               ----               -------',
  '  Warning  FailedScheduling  12s (x4 over 3m)   default-scheduler  0/6 nodes are available: 6 Insufficient cpu.',
].join('\n');

async function send(text: string): Promise<void> {
  // Long pastes are set directly: typing megabytes would only measure the keyboard.
  await page.locator('#paste').evaluate((box: { value: string }, value: string) => {
    box.value = value;
  }, text);
  await page.click('#send');
}

const lastThread = () => page.locator('.user-message .thread').last();

describe('the playground in a real browser, 1400 px wide', () => {
  it('opens on a welcome panel with sample errors, the knowledge listed troubleshooting first', async () => {
    await expect.poll(() => page.textContent('#kb-summary')).toMatch(/^\d+ sections$/);
    await expect.poll(() => page.textContent('#status')).toContain('ready');
    expect(await page.locator('#welcome').isVisible()).toBe(true);
    expect(await page.locator('#welcome .samples button').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('#kb-list li button').first().textContent()).not.toMatch(/도움 및 지원|getting help/i);
    expect(await page.locator('#kb-section').isVisible()).toBe(false);
  });

  it('answers a pasted error in its thread with the document’s nested steps and their commands', async () => {
    await send(pending);
    const answer = lastThread().locator('.reply[data-kind="answer"]');
    await answer.waitFor();
    expect(await page.locator('#welcome').count()).toBe(0);
    expect(await answer.locator('.label').allTextContents()).toEqual(['Cause', 'How to fix it']);
    // Sub-steps stay under their step, with the command that belongs to each.
    const subStep = answer
      .locator('ol > li ol > li')
      .filter({ has: page.locator('pre code') })
      .first();
    expect(await subStep.locator('pre code').first().textContent()).toMatch(/ibmcloud ks worker-pool/);
    expect(await answer.locator('code').filter({ hasText: 'kubectl get nodes' }).count()).toBeGreaterThan(0);
    expect(await answer.locator('.actions button').allTextContents()).toEqual([
      'This fixed it',
      'Not it',
      'Other matches',
    ]);
    expect(await page.getByText('Thread', { exact: true }).count()).toBe(0);
  });

  it('draws the nested list indented and the code blocks on their own background', async () => {
    const answer = lastThread().locator('.reply[data-kind="answer"]');
    const outer = await answer.locator('.part ol > li').first().boundingBox();
    const inner = await answer.locator('ol > li ol > li').first().boundingBox();
    expect(outer && inner && inner.x - outer.x).toBeGreaterThan(10);
    const code = answer.locator('ol > li ol > li pre').first();
    await code.scrollIntoViewIfNeeded();
    const box = await code.boundingBox();
    const shot = decodePng(await page.screenshot());
    expect(box).not.toBeNull();
    // Inside the block's padding, left of its text: the code background, not the page's white.
    expect(colourAt(shot, box!.x + 3, box!.y + 3)).toBe('#f4f4f4');
    expect(colourAt(shot, box!.x - 4, box!.y + box!.height / 2)).toBe('#ffffff');
  });

  it('shows other matches in the thread, then marks the answer resolved in place', async () => {
    const thread = lastThread();
    await thread.locator('button[data-action="more"]').click();
    await thread.locator('.reply[data-kind="more"] .candidate a[href^="https://"]').first().waitFor();
    await thread.locator('button[data-action="resolve"]').click();
    const resolved = thread.locator('.reply[data-kind="resolved"]');
    await resolved.waitFor();
    expect(await resolved.textContent()).toContain('Playground admin');
  });

  it('offers the closest sections as links with a button that shows each answer when not sure', async () => {
    await send('my pod keeps restarting after the last change, what should I look at');
    const unsure = lastThread().locator('.reply[data-kind="unsure"]');
    await unsure.waitFor();
    expect(await unsure.locator('h3').textContent()).toBe('Not sure: no confident answer');
    expect(await unsure.textContent()).not.toMatch(/\d+ ?%|score/);
    expect(await unsure.locator('.candidate a[href^="https://"]').count()).toBeGreaterThan(0);
    await unsure.locator('button[data-action="show"]').first().click();
    await lastThread().locator('.reply[data-kind="answer"]').waitFor();
  });

  it('says what it read of a long paste, keeping an error from the middle', async () => {
    const noise = Array.from({ length: 30_000 }, (_, i) => `2026-11-23T10:00:00Z INFO request ${i} served in 12ms`);
    // An error the bot answers unasked (a registry's 401 is documented twice and too close a call).
    const error =
      'Failed to pull image "us.icr.io/team/api:1.2": rpc error: code = Unknown desc = Error response from daemon: denied: You have exceeded your pull traffic quota for the current month.';
    await send([...noise, error, ...noise].join('\n'));
    const reply = lastThread().locator('.reply');
    await reply.waitFor();
    expect(await reply.locator('.context').allTextContents()).toContainEqual(
      expect.stringMatching(/The paste was long: I read its first \d+ and last \d+ lines and 1 error-looking lines/),
    );
    expect(await reply.getAttribute('data-kind')).toBe('answer');
  });

  it('says a binary paste is not text instead of guessing', async () => {
    const bytes = Array.from({ length: 3000 }, (_, i) => String.fromCharCode((i * 131 + 7) % 256)).join('');
    await send(bytes);
    const reply = lastThread().locator('.reply[data-kind="info"]');
    await reply.waitFor();
    expect(await reply.textContent()).toContain('looks like binary data');
  });

  it('keeps a paste too big to send in the box and says why in the page’s language', async () => {
    const before = await page.locator('.user-message').count();
    await send('x'.repeat(6 * 1024 * 1024));
    await expect
      .poll(() => page.locator('#composer-problem').textContent())
      .toContain('larger than the playground takes');
    expect(await page.locator('#paste').evaluate((box: { value: string }) => box.value.length)).toBe(6 * 1024 * 1024);
    expect(await page.locator('.user-message').count()).toBe(before);
    await page.locator('#paste').fill('');
  });

  it('runs a command and shows its result in a thread', async () => {
    await page.fill('#paste', '/kb ImagePullBackOff');
    await page.press('#paste', 'Control+Enter');
    const result = lastThread().locator('.reply[data-kind="answer"]');
    await result.waitFor();
    expect(await result.locator('h3').count()).toBeGreaterThan(0);
  });

  it('searches the knowledge and opens a section under the chat’s labels', async () => {
    await page.fill('#kb-query', 'FailedScheduling Insufficient cpu');
    await expect.poll(() => page.textContent('#kb-summary')).toMatch(/of \d+ sections · confident/);
    await page.locator('#kb-list li button').first().click();
    await page.locator('#kb-section h3').waitFor();
    const labels = await page.locator('#kb-section .label').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['Cause', 'How to fix it']));
    // Presses made earlier in this run may have taught something about the section: it is listed after them.
    const allowed = ['Symptoms', 'Cause', 'How to fix it', 'Learned from the channel'];
    expect(labels.every((l) => allowed.includes(l))).toBe(true);
  });

  it('switches every word to Korean: the page, the knowledge pane and the replies', async () => {
    await page.selectOption('#language', 'ko');
    await expect.poll(() => page.textContent('#send')).toBe('보내기');
    await expect
      .poll(() => page.locator('#kb-section .label').allTextContents())
      .toEqual(expect.arrayContaining(['원인', '해결 방법']));
    expect(await page.locator('#kb-section').textContent()).not.toMatch(/Symptoms|Cause|How to fix it/);
    await send('0/3 nodes are available: 3 Insufficient memory.');
    const reply = lastThread().locator('.reply');
    await reply.waitFor();
    expect(await reply.textContent()).not.toMatch(/Cause|How to fix it|This fixed it|Not sure/);
    expect(await reply.locator('button').first().textContent()).toMatch(/해결됐어요|이 답 보기/);
    // A question typed in Korean reads as a sentence; the paste above it keeps its lines as code.
    await send('팟이 자꾸 재시작되는데 무엇부터 확인해야 하나요?');
    await lastThread().locator('.reply').waitFor();
    const asked = page.locator('.user-message').last();
    expect(await asked.locator('p.said').textContent()).toBe('팟이 자꾸 재시작되는데 무엇부터 확인해야 하나요?');
    expect(await asked.locator('pre').count()).toBe(0);
    expect(await page.locator('.user-message').first().locator('pre.paste').count()).toBe(1);
    await page.selectOption('#language', 'en');
    await expect.poll(() => page.textContent('#send')).toBe('Send');
  });

  it('puts the chat and the knowledge side by side', async () => {
    const channel = await page.locator('.channel').boundingBox();
    const knowledge = await page.locator('.knowledge').boundingBox();
    expect(knowledge!.x).toBeGreaterThan(channel!.x + channel!.width);
    expect(Math.abs(knowledge!.y - channel!.y)).toBeLessThan(2);
  });
});

describe('the playground 420 px wide', () => {
  it('stacks the knowledge under the chat, each the width of the window', async () => {
    const narrow = await browser.context.newPage();
    try {
      await narrow.setViewportSize({ width: 420, height: 900 });
      await narrow.goto(app.url);
      await narrow.locator('#kb-list li').first().waitFor();
      const channel = (await narrow.locator('.channel').boundingBox())!;
      const knowledge = (await narrow.locator('.knowledge').boundingBox())!;
      expect(channel.width).toBeGreaterThan(380);
      expect(knowledge.width).toBeGreaterThan(380);
      expect(knowledge.y).toBeGreaterThanOrEqual(channel.y + channel.height);
      const shot = decodePng(await narrow.screenshot({ fullPage: true }));
      expect(shot.width).toBe(420);
      // Between the two panels the page shows through; inside each, the panel's white.
      const gap = (channel.y + channel.height + knowledge.y) / 2;
      expect(colourAt(shot, 210, gap)).toBe('#f8f8f8');
      expect(colourAt(shot, 210, channel.y + channel.height - 3)).toBe('#ffffff');
      expect(colourAt(shot, 210, knowledge.y + 3)).toBe('#ffffff');
    } finally {
      await narrow.close();
    }
  });

  it('logged no console errors, page errors or failed requests', () => {
    expect(problems).toEqual([]);
  });
});
