/**
 * Who may use the playground. It runs commands as its admin (`/diagnose` where the playground is allowed
 * to diagnose) and records incidents, with no sign-in, so it is kept to the machine it runs on unless the
 * operator opens it at a named origin (PLAYGROUND_ORIGIN):
 *
 * - the connection comes over loopback and names a loopback host (`Host: 127.0.0.1:3000`, `localhost`,
 *   `[::1]`), which a page on another site cannot make a browser send (DNS rebinding); or it names the
 *   opened origin's host;
 * - what changes anything (every POST) carries a JSON body, which a page on another origin cannot send
 *   without the preflight this server never grants, and, when the browser names the page's origin, that
 *   origin is the playground's own.
 */
import type { IncomingMessage } from 'node:http';

export interface PlaygroundAccess {
  /** PLAYGROUND_ORIGIN: the origin the playground is opened at beyond loopback; unset, loopback only. */
  readonly origin?: string;
}

export interface Refusal {
  readonly status: 403 | 415;
  readonly error: string;
}

const loopbackOnly =
  'the playground answers on loopback only (http://127.0.0.1:<PORT>); set PLAYGROUND_ORIGIN to the address people open it at to serve it elsewhere';

/** Why `req` may not use the playground, or undefined when it may. `change`: a POST that acts. */
export function playgroundRefusal(
  req: IncomingMessage,
  access: PlaygroundAccess,
  change: boolean,
): Refusal | undefined {
  const host = req.headers.host ?? '';
  const opened = access.origin === undefined ? undefined : new URL(access.origin);
  const local = isLoopbackAddress(req.socket.remoteAddress) && isLoopbackHost(host);
  const atOpened = opened !== undefined && host.toLowerCase() === opened.host;
  if (!local && !atOpened) return { status: 403, error: loopbackOnly };
  if (!change) return undefined;

  if (!isJson(req.headers['content-type'])) {
    return { status: 415, error: 'expected a JSON body (content-type: application/json)' };
  }
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const own = atOpened ? opened.origin : `http://${host.toLowerCase()}`;
    if (origin.toLowerCase() !== own) {
      return {
        status: 403,
        error: `requests from ${origin.slice(0, 100)} are not accepted: use the playground's own page`,
      };
    }
  } else if (!['same-origin', 'none', undefined].includes(singleHeader(req.headers['sec-fetch-site']))) {
    return { status: 403, error: "requests from other sites are not accepted: use the playground's own page" };
  }
  return undefined;
}

function isJson(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';', 1)[0]?.trim().toLowerCase() === 'application/json';
}

function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (how a dual-stack server sees 127.0.0.1). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** A Host header naming this machine: localhost, 127.x.x.x or [::1], with any port. */
export function isLoopbackHost(host: string): boolean {
  const name = host
    .toLowerCase()
    .replace(/:\d{1,5}$/, '')
    .replace(/\.$/, '');
  return name === 'localhost' || name === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}
