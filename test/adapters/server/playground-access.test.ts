/**
 * Who may use the playground, through its HTTP API on the real server: a page on another origin, a
 * rebound DNS name, a connection from another machine, and the origin an operator opened it at.
 */
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../../adapters/app.ts';
import { startTestApp } from './test-app.ts';

const pullError = 'Back-off pulling image "registry.example.com/shop/web:2": 401 Unauthorized';

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.stop('test');
  app = undefined;
});

/** A request with any Host header (fetch will not set one), optionally to another address of this machine. */
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; address?: string },
): Promise<{ status: number; body: string }> {
  const target = new URL(url);
  if (options.address) target.hostname = options.address;
  return new Promise((resolve, reject) => {
    const req = request(target, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Messages the bot was handed from the playground, as /metrics counts them. */
async function playgroundMessages(running: RunningApp): Promise<number> {
  const metrics = await (await fetch(`${running.url}/metrics`)).text();
  const line = metrics.split('\n').find((l) => l.startsWith('kube_support_bot_messages_seen_total{platform="web"}'));
  return line === undefined ? 0 : Number(line.split(' ').at(-1));
}

const paste = JSON.stringify({ text: pullError });

/** This machine's first address that is not loopback, if it has one. */
const outsideAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i?.family === 'IPv4' && !i.internal)?.address;

describe('the playground refuses what a page on another origin can send', () => {
  it('refuses a text/plain post (no preflight) from another origin, and records nothing', async () => {
    app = await startTestApp();
    const response = await fetch(`${app.url}/api/playground/message`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
      body: paste,
    });
    expect(response.status).toBe(415);
    expect(((await response.json()) as { error: string }).error).toContain('application/json');
    const command = await fetch(`${app.url}/api/playground/command`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ text: '/handoff 12h' }),
    });
    expect(command.status).toBe(415);
    expect(await playgroundMessages(app)).toBe(0);
  });

  it('refuses a JSON post that names another origin', async () => {
    app = await startTestApp();
    const response = await fetch(`${app.url}/api/playground/message`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: paste,
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: string }).error).toContain('https://evil.example');
    const nullOrigin = await fetch(`${app.url}/api/playground/action`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'null' },
      body: JSON.stringify({ kind: 'resolve', replyId: 'r1', threadId: 't1' }),
    });
    expect(nullOrigin.status).toBe(403);
    expect(await playgroundMessages(app)).toBe(0);
  });

  it('answers its own page: JSON with its own origin, or a client that names none', async () => {
    app = await startTestApp();
    const own = await fetch(`${app.url}/api/playground/message`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', origin: app.url },
      body: paste,
    });
    expect(own.status).toBe(200);
    const cli = await fetch(`${app.url}/api/playground/message`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: paste,
    });
    expect(cli.status).toBe(200);
    expect(await playgroundMessages(app)).toBe(2);
  });

  it('refuses a rebound DNS name: a loopback connection that names another host', async () => {
    app = await startTestApp();
    const port = new URL(app.url).port;
    const page = await send(`${app.url}/`, { headers: { host: `rebound.evil.example:${port}` } });
    expect(page.status).toBe(403);
    expect(page.body).toContain('PLAYGROUND_ORIGIN');
    const post = await send(`${app.url}/api/playground/message`, {
      method: 'POST',
      headers: {
        host: `rebound.evil.example:${port}`,
        origin: `http://rebound.evil.example:${port}`,
        'content-type': 'application/json',
      },
      body: paste,
    });
    expect(post.status).toBe(403);
    const knowledge = await send(`${app.url}/api/playground/knowledge`, { headers: { host: 'rebound.evil.example' } });
    expect(knowledge.status).toBe(403);
    expect(await playgroundMessages(app)).toBe(0);
    expect((await send(`${app.url}/`, { headers: { host: `localhost:${port}` } })).status).toBe(200);
  });
});

describe.skipIf(outsideAddress === undefined)('the playground beyond loopback (needs a non-loopback address)', () => {
  it('is not served to another machine when listening on every interface, as the image does', async () => {
    app = await startTestApp({ HOST: '0.0.0.0' });
    const port = new URL(app.url).port;
    const host = `${outsideAddress}:${port}`;
    const page = await send(`${app.url}/`, { address: outsideAddress!, headers: { host } });
    expect(page.status).toBe(403);
    const post = await send(`${app.url}/api/playground/message`, {
      method: 'POST',
      address: outsideAddress!,
      headers: { host, 'content-type': 'application/json' },
      body: paste,
    });
    expect(post.status).toBe(403);
    // A loopback Host header from another machine does not pass for loopback.
    const forged = await send(`${app.url}/`, { address: outsideAddress!, headers: { host: `127.0.0.1:${port}` } });
    expect(forged.status).toBe(403);
    // Health, readiness and metrics are not the playground's and stay reachable.
    expect((await send(`${app.url}/healthz`, { address: outsideAddress!, headers: { host } })).status).toBe(200);
    expect(await playgroundMessages(app)).toBe(0);
  });

  it('is served at the origin PLAYGROUND_ORIGIN opens it at, and to its pages only', async () => {
    app = await startTestApp({ HOST: '0.0.0.0', PLAYGROUND_ORIGIN: 'https://ksb.example.com' });
    const page = await send(`${app.url}/`, { address: outsideAddress!, headers: { host: 'ksb.example.com' } });
    expect(page.status).toBe(200);
    const own = await send(`${app.url}/api/playground/message`, {
      method: 'POST',
      address: outsideAddress!,
      headers: { host: 'ksb.example.com', origin: 'https://ksb.example.com', 'content-type': 'application/json' },
      body: paste,
    });
    expect(own.status).toBe(200);
    const other = await send(`${app.url}/api/playground/message`, {
      method: 'POST',
      address: outsideAddress!,
      headers: { host: 'ksb.example.com', origin: 'https://evil.example', 'content-type': 'application/json' },
      body: paste,
    });
    expect(other.status).toBe(403);
    const elsewhere = await send(`${app.url}/`, { address: outsideAddress!, headers: { host: 'other.example.com' } });
    expect(elsewhere.status).toBe(403);
    expect(await playgroundMessages(app)).toBe(1);
  });
});
