/**
 * Slack events → IncomingMessage. Pure: which messages the bot looks at, and the Slack quirks (mention
 * markup, entities, edits arriving as `message_changed`, DMs by channel type) stay here.
 */
import type { IncomingMessage } from '../../src/message.ts';
import { boundText } from '../../src/text-bound.ts';

/**
 * Slack cuts a message's text at 40,000 characters, so longer text was not written in a Slack client; it
 * is cut here before any markup is read. Long pastes arrive as snippets and files (slack-files.ts).
 */
export const maxMessageChars = 40_000;

/** The fields of a Slack message event the bot reads (message, app_mention, or message_changed's inner). */
export interface SlackMessageEvent {
  readonly type: string;
  readonly subtype?: string;
  readonly channel?: string;
  readonly channel_type?: string;
  readonly user?: string;
  readonly bot_id?: string;
  readonly app_id?: string;
  readonly text?: string;
  readonly ts?: string;
  readonly thread_ts?: string;
  readonly files?: readonly SlackFile[];
  readonly message?: SlackMessageEvent;
  readonly previous_message?: SlackMessageEvent;
  readonly edited?: unknown;
  readonly hidden?: boolean;
}

export interface SlackFile {
  readonly id: string;
  readonly name?: string;
  readonly mimetype?: string;
  readonly filetype?: string;
  readonly mode?: string;
  readonly size?: number;
  readonly url_private?: string;
  readonly url_private_download?: string;
  readonly preview?: string;
}

/**
 * Subtypes that carry something a person wrote. Everything else (joins, leaves, topic changes, bot
 * messages, deletions, pins) is ignored.
 */
const readableSubtypes = new Set([undefined, 'file_share', 'thread_broadcast']);

export interface FromSlackContext {
  readonly teamId?: string;
  readonly botUserId: string;
  readonly botId?: string;
  /** Text read from files shared with the message, already bounded. */
  readonly fileText?: string;
  /** A shared file was longer than its bound and only its head was read. */
  readonly fileTextCut?: boolean;
}

/**
 * The neutral message for a Slack event, or undefined when the bot should not look at it. A message
 * that mentions the bot is addressed, so the `message` and `app_mention` events Slack sends for one
 * mention map to the same message (and the bot's de-duplication answers once).
 */
export function fromSlackEvent(event: SlackMessageEvent, ctx: FromSlackContext): IncomingMessage | undefined {
  const edited = event.type === 'message' && event.subtype === 'message_changed';
  const inner = edited ? event.message : event;
  if (!inner || !event.channel) return undefined;
  if (event.type === 'message' && !edited && !readableSubtypes.has(event.subtype)) return undefined;
  if (edited && !readableSubtypes.has(inner.subtype)) return undefined;
  if (inner.bot_id || !inner.user || inner.user === ctx.botUserId || !inner.ts) return undefined;
  // Slack sends message_changed for unfurls too: nothing was typed unless the text changed.
  if (edited && event.message?.text === event.previous_message?.text) {
    return undefined;
  }

  const { text: raw, cut } = boundText(typeof inner.text === 'string' ? inner.text : '', maxMessageChars);
  const mentioned = raw.includes(`<@${ctx.botUserId}>`) || raw.includes(`<@${ctx.botUserId}|`);
  const direct = event.channel_type === 'im';
  const text = [plainText(raw, ctx.botUserId), ctx.fileText ?? ''].filter((s) => s.trim() !== '').join('\n\n');
  const sentAtMs = Math.round(Number.parseFloat(inner.ts) * 1000);
  return {
    platform: 'slack',
    id: inner.ts,
    conversationId: event.channel,
    userId: inner.user,
    text,
    addressed: event.type === 'app_mention' || mentioned || direct,
    ...(ctx.teamId ? { workspaceId: ctx.teamId } : {}),
    ...(inner.thread_ts && inner.thread_ts !== inner.ts ? { threadId: inner.thread_ts } : {}),
    ...(edited ? { edited: true } : {}),
    ...(cut || ctx.fileTextCut ? { cut: true } : {}),
    ...(Number.isFinite(sentAtMs) ? { sentAtMs } : {}),
  };
}

/** Files worth reading: shared with a message the bot looks at. */
export function filesOf(event: SlackMessageEvent): readonly SlackFile[] {
  const inner = event.subtype === 'message_changed' ? event.message : event;
  return inner?.files ?? [];
}

/**
 * Slack markup as the plain text a person pasted: the bot mention removed, `<url|label>` and `<url>`
 * links unwrapped, user and channel references kept readable, and the three escaped characters restored.
 *
 * One pass, no regular expression over the whole text: Slack escapes `<`, `>` and `&` in what people type,
 * so a `<` opens a token that runs to the next `>`, unless another `<` comes first (then it is text). The
 * positions of the next `<` and `>` only move forward, so unclosed or broken markup costs linear time.
 */
export function plainText(text: string, botUserId: string): string {
  const parts: string[] = [];
  let at = 0;
  let open = text.indexOf('<');
  let close = -1;
  while (open >= 0) {
    if (close <= open) close = text.indexOf('>', open + 1);
    if (close < 0) break; // no `>` after this point: the rest is text
    const next = text.indexOf('<', open + 1);
    if (next >= 0 && next < close) {
      open = next; // `<` without its `>` before the next `<`: text
      continue;
    }
    const token = readToken(text.slice(open + 1, close), botUserId);
    if (token !== undefined) {
      parts.push(text.slice(at, open), token);
      at = close + 1;
    }
    open = next;
  }
  parts.push(text.slice(at));
  return parts.join('').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&').trim();
}

const linkScheme = /^(?:https?|mailto):/;

/** What one `<…>` token reads as, or undefined when it is no Slack markup (kept as written). */
function readToken(body: string, botUserId: string): string | undefined {
  const sigil = body[0];
  const pipe = body.indexOf('|');
  if (sigil === '@' && (body === `@${botUserId}` || body.startsWith(`@${botUserId}|`))) return '';
  if (sigil === '@' || sigil === '#' || sigil === '!') {
    // <@U123|name>, <#C123|channel>, <!subteam^S1|@team>: the label; <@U123>, <#C123>, <!here>: the id.
    if (pipe > 0) return sigil === '!' ? `@${body.slice(pipe + 1)}` : `${sigil}${body.slice(pipe + 1)}`;
    const id = body.slice(1);
    if (sigil === '!') return /^\w+$/.test(id) ? `@${id}` : undefined;
    return /^[A-Z0-9]+$/.test(id) ? body : undefined;
  }
  const scheme = linkScheme.exec(body)?.[0];
  if (scheme === undefined || body.length === scheme.length) return undefined;
  // <https://x.io|label>: the label; <https://x.io>: the address.
  return pipe > scheme.length ? body.slice(pipe + 1) : body;
}
