/**
 * The Web API client's transport: node:http(s) on keep-alive agents in place of the global fetch. Every
 * answered message costs one or two Web API calls, and WHATWG fetch spends about half again as much CPU
 * per call as a plain request (stream, body and header objects), which shows at hundreds of events a
 * second. What the plain request does not cover goes to the global fetch: multipart bodies (file
 * uploads, which fetch encodes) and proxied setups (fetch honours NODE_USE_ENV_PROXY).
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { webApi } from '@slack/bolt';

type FetchFunction = NonNullable<webApi.WebClientOptions['fetch']>;
type FetchInit = NonNullable<Parameters<FetchFunction>[1]>;
type FetchResponse = Awaited<ReturnType<FetchFunction>>;

export interface WebApiTransport {
  readonly fetch: FetchFunction;
  /** Closes the idle keep-alive sockets. */
  close(): void;
}

const redirects = new Set([301, 302, 303, 307, 308]);

export function createWebApiTransport(env: NodeJS.ProcessEnv = process.env): WebApiTransport {
  const http = new HttpAgent({ keepAlive: true });
  const https = new HttpsAgent({ keepAlive: true });
  const proxied = Boolean(env['HTTPS_PROXY'] ?? env['https_proxy'] ?? env['HTTP_PROXY'] ?? env['http_proxy']);

  const fetch: FetchFunction = (input, init = {}) => {
    const url = typeof input === 'string' ? new URL(input) : input;
    if (proxied || (init.body !== undefined && typeof init.body !== 'string')) return globalThis.fetch(input, init);
    return send(url, init);
  };

  function send(url: URL, init: FetchInit): Promise<FetchResponse> {
    const secure = url.protocol === 'https:';
    const body = init.body as string | undefined;
    const headers: Record<string, string> = { ...(init.headers as Record<string, string> | undefined) };
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    return new Promise<FetchResponse>((resolve, reject) => {
      const req = (secure ? httpsRequest : httpRequest)(
        url,
        {
          method: init.method ?? 'GET',
          headers,
          agent: secure ? https : http,
          ...(init.signal ? { signal: init.signal } : {}),
        },
        (res) => {
          if (init.redirect === 'error' && redirects.has(res.statusCode ?? 0)) {
            res.resume();
            reject(new TypeError(`redirect from ${url.origin}${url.pathname} refused`));
            return;
          }
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => resolve(toResponse(res, url, Buffer.concat(chunks))));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  return {
    fetch,
    close() {
      http.destroy();
      https.destroy();
    },
  };
}

/**
 * The response as the client reads it (its FetchResponse: status, headers, body). A WHATWG Response would
 * do, but building one costs as much again as the rest of the call.
 */
function toResponse(res: IncomingMessage, url: URL, body: Buffer): FetchResponse {
  const status = res.statusCode ?? 502;
  const headers = res.headers;
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: res.statusMessage ?? '',
    url: url.href,
    headers: {
      get(name) {
        const value = headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
      *entries() {
        for (const [name, value] of Object.entries(headers)) {
          if (value !== undefined) yield [name, Array.isArray(value) ? value.join(', ') : value];
        }
      },
    },
    arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer,
    text: async () => body.toString('utf8'),
    json: async () => JSON.parse(body.toString('utf8')) as unknown,
  };
}
