import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWebApiTransport, type WebApiTransport } from '../../../adapters/slack/web-api-transport.ts';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  readonly socketPort: number;
}

describe('Web API transport', () => {
  let server: Server;
  let base: string;
  let seen: Seen[];
  let answer: (req: IncomingMessage, res: ServerResponse) => void;
  let transport: WebApiTransport;

  beforeEach(async () => {
    seen = [];
    answer = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-oauth-scopes': 'chat:write' });
      res.end('{"ok":true,"ts":"1.000100"}');
    };
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
          socketPort: req.socket.remotePort ?? 0,
        });
        answer(req, res);
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    transport = createWebApiTransport({});
  });

  afterEach(async () => {
    transport.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts a form body and answers as the client reads a response', async () => {
    const body = 'channel=C1&text=%ED%8C%9F&blocks=%5B%5D';
    const res = await transport.fetch(`${base}/api/chat.postMessage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: 'Bearer xoxb-test' },
      body,
    });
    expect(res.status).toBe(200);
    expect(res.ok).toBe(true);
    expect(res.headers.get('X-OAuth-Scopes')).toBe('chat:write');
    expect(res.headers.get('x-accepted-oauth-scopes')).toBeNull();
    expect(Object.fromEntries(res.headers.entries())).toMatchObject({ 'content-type': 'application/json' });
    expect(await res.json()).toEqual({ ok: true, ts: '1.000100' });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/chat.postMessage', body });
    expect(seen[0]!.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(seen[0]!.headers['authorization']).toBe('Bearer xoxb-test');
  });

  it('keeps the connection open between calls', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await transport.fetch(`${base}/api/auth.test`, { method: 'POST', body: '' });
      await res.text();
    }
    expect(new Set(seen.map((s) => s.socketPort)).size).toBe(1);
  });

  it('passes error statuses and their headers through for the client to handle', async () => {
    answer = (_req, res) => {
      res.writeHead(429, { 'retry-after': '3' });
      res.end();
    };
    const res = await transport.fetch(`${base}/api/chat.postMessage`, { method: 'POST', body: 'a=1' });
    expect(res.status).toBe(429);
    expect(res.ok).toBe(false);
    expect(res.headers.get('retry-after')).toBe('3');
  });

  it('refuses redirects when asked to', async () => {
    answer = (_req, res) => {
      res.writeHead(302, { location: 'http://example.invalid/' });
      res.end();
    };
    await expect(
      transport.fetch(`${base}/api/chat.postMessage`, { method: 'POST', body: 'a=1', redirect: 'error' }),
    ).rejects.toThrow(/redirect/);
  });

  it('gives up when the signal aborts', async () => {
    answer = () => undefined; // never answers
    const controller = new AbortController();
    const pending = transport.fetch(`${base}/api/chat.postMessage`, {
      method: 'POST',
      body: 'a=1',
      signal: controller.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    await expect(pending).rejects.toThrow(/abort/i);
  });

  it('rejects when nothing listens', async () => {
    const closed = createServer().listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(transport.fetch(`http://127.0.0.1:${port}/api/auth.test`, { method: 'POST' })).rejects.toThrow();
  });

  it('leaves multipart uploads to the global fetch', async () => {
    const form = new FormData();
    form.append('channels', 'C1');
    form.append('file', new Blob([new Uint8Array([1, 2, 3])]), 'x.bin');
    const res = await transport.fetch(`${base}/api/files.upload`, { method: 'POST', body: form as never });
    expect(res.status).toBe(200);
    expect(seen[0]!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen[0]!.body).toContain('name="channels"');
  });

  it('goes through the global fetch when a proxy is configured', async () => {
    const proxied = createWebApiTransport({ HTTPS_PROXY: 'http://127.0.0.1:9' });
    try {
      // Global fetch without NODE_USE_ENV_PROXY ignores the variable and reaches the server directly; the
      // sign that it was used is that it names itself in the request.
      const res = await proxied.fetch(`${base}/api/auth.test`, { method: 'POST', body: '' });
      expect(res.status).toBe(200);
      expect(seen[0]!.headers['sec-fetch-mode']).toBe('cors');
    } finally {
      proxied.close();
    }
  });
});
