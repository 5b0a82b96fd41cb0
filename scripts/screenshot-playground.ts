/**
 * Renders docs/playground.png for the README: the playground with nothing configured, a pasted
 * `kubectl describe` event answered in its thread, and a knowledge search.
 *
 *   npm run -s screenshot
 */
import { pino } from 'pino';
import { startApp } from '../adapters/app.ts';
import { loadSettings } from '../adapters/settings.ts';
import { loadMatcher } from '../src/matching/load-matcher.ts';
import { launchChromium } from '../test/browser/chromium.ts';

const out = process.argv[2] ?? 'docs/playground.png';
const paste = [
  'Events:',
  '  Type     Reason     Age                From     Message',
  '  ----     ------     ----               ----     -------',
  '  Warning  Failed     12s (x3 over 48s)  kubelet  Failed to pull image "us.icr.io/shop/web:2.4": rpc error: code = Unknown desc = failed to resolve reference "us.icr.io/shop/web:2.4": unexpected status: 401 Unauthorized',
  '  Warning  Failed     12s (x3 over 48s)  kubelet  Error: ErrImagePull',
].join('\n');

const app = await startApp({
  settings: loadSettings({ PORT: '0', KNOWLEDGE_WATCH: 'false', STORE: 'memory' }),
  log: pino({ level: 'silent' }),
  loadKnowledge: async (config) => {
    const loaded = await loadMatcher(config.knowledge.dir);
    return { base: loaded.knowledge, matcher: loaded.matcher };
  },
});
const browser = await launchChromium();
try {
  const page = await browser.context.newPage();
  await page.goto(app.url);
  await page.locator('#kb-list li').first().waitFor();
  await page.fill('#paste', paste);
  await page.click('#send');
  await page.locator('.reply[data-kind="answer"]').first().waitFor();
  await page.fill('#kb-query', 'ImagePullBackOff 401');
  await page.locator('#kb-summary', { hasText: '“ImagePullBackOff 401”' }).waitFor();
  await page.locator('#kb-list li button').first().click();
  await page.locator('#kb-section h3').waitFor();
  await page.locator('.actions').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: out });
  process.stdout.write(`wrote ${out}\n`);
} finally {
  await browser.close();
  await app.stop('screenshot');
}
