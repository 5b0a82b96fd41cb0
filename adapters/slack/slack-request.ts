/**
 * What the Slack adapter checks of an HTTP request before Bolt sees it. Bolt buffers the whole body
 * (up to 4 MB) before it looks at the signature, and refuses only timestamps in the past; here the
 * headers are read first, so a request that cannot be Slack's costs no body at all, and the body of one
 * that may be is read only up to what Slack sends.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** Slack signs the time it sent a request; one more than this far from our clock, either way, is refused. */
export const maxClockSkewSec = 5 * 60;
/**
 * Only Slack's `ssl_check` comes without a signature (a form of two short fields), so an unsigned body
 * is read no further than this.
 */
export const maxUnsignedBodyBytes = 1024;
/** Slack's largest events (an edit of a 40,000-character message, with both versions) are far below it. */
export const maxSignedBodyBytes = 2 * 1024 * 1024;

export type SlackHeaderVerdict =
  | { readonly ok: true; readonly signed: boolean; readonly maxBodyBytes: number }
  | { readonly ok: false; readonly reason: string };

/** Reads a request's signature headers; `nowMs` is our clock. */
export function checkSlackHeaders(headers: IncomingHttpHeaders, nowMs: number): SlackHeaderVerdict {
  const signature = headers['x-slack-signature'];
  const timestamp = headers['x-slack-request-timestamp'];
  if (signature === undefined && timestamp === undefined) {
    return { ok: true, signed: false, maxBodyBytes: maxUnsignedBodyBytes };
  }
  if (typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp)) {
    return { ok: false, reason: 'x-slack-request-timestamp missing or not a time' };
  }
  const skewSec = Number(timestamp) - nowMs / 1000;
  if (skewSec < -maxClockSkewSec) return { ok: false, reason: 'x-slack-request-timestamp too old' };
  if (skewSec > maxClockSkewSec) return { ok: false, reason: 'x-slack-request-timestamp in the future' };
  if (typeof signature !== 'string' || !/^v0=[0-9a-f]{64}$/.test(signature)) {
    return { ok: false, reason: 'x-slack-signature missing or malformed' };
  }
  return { ok: true, signed: true, maxBodyBytes: maxSignedBodyBytes };
}

/**
 * Why Bolt could not read `body` as a Slack request, or undefined when it can. Bolt reads a JSON body, or
 * a form whose `payload` field is JSON, and expects an object: a signed `null` made it throw outside any
 * handler (an unhandled rejection, and no answer). Only the first character is looked at; Bolt parses.
 */
export function slackBodyProblem(contentType: string | undefined, body: Buffer): string | undefined {
  if (contentType === 'application/x-www-form-urlencoded') {
    const payload = new URLSearchParams(body.toString('utf8')).get('payload');
    return payload === null || /^\s*\{/.test(payload) ? undefined : 'form payload is not a JSON object';
  }
  return /^\s*\{/.test(body.subarray(0, 64).toString('utf8')) ? undefined : 'body is not a JSON object';
}
