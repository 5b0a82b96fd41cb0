import type { ChannelMembership } from '../access/channel-membership.ts';
import { ErrorCode, isBotError } from '../errors.ts';
import { accessAllows, type ChannelAccess } from '../handoff/handoff-config.ts';
import { handoffLabels } from '../handoff/handoff-labels.ts';
import { handoffReply } from '../handoff/handoff-reply.ts';
import { buildHandoff } from '../handoff/handoff-summary.ts';
import { parseWindow } from '../handoff/handoff-window.ts';
import type { Language } from '../i18n/messages.ts';
import type { IncidentRecorder, Place } from '../incidents/incident-event.ts';
import type { IncidentReader } from '../incidents/incident-log.ts';
import { type Logger, silentLogger } from '../log.ts';
import { codeSpan, literal } from '../markdown/escape-markdown.ts';
import { toPlainText } from '../markdown/parse-markdown.ts';
import type { Reply, ReplyKind } from '../message.ts';
import type { Command, CommandInvocation } from './command.ts';

export interface HandoffCommandDeps {
  readonly incidents: IncidentReader & IncidentRecorder;
  /** Windows and times are read and shown in this zone (HANDOFF_TIMEZONE). */
  readonly timeZone: string;
  /** The channel's latest scheduled shift change (HandoffScheduler.lastShiftChange), for the default window. */
  readonly lastShiftChange?: (channel: string, nowMs: number) => number | undefined;
  /** The bot's language; Korean by default. */
  readonly language?: Language;
  /** Longest window, the retention in days; 30. */
  readonly retentionDays?: number;
  /** HANDOFF_CHANNEL_ACCESS: the other channels a channel may summarise, whoever asks. */
  readonly channelAccess?: ChannelAccess;
  /** The platform's membership check: a person may summarise a channel they are a member of. */
  readonly membership?: ChannelMembership;
  readonly log?: Logger;
  readonly now?: () => number;
}

const usage = 'handoff [12h | since 09:00 | YYYY-MM-DD HH:MM..HH:MM] [#channel]  ·  handoff resolve';
// Slack sends a channel mention as <#C123|name>; people also type #C123.
const channelToken = /^(?:<#([A-Z0-9]+)(?:\|([^>]*))?>|#([A-Za-z0-9._:@-]+))$/;

/**
 * `/handoff [window] [#channel]` summarises a channel's incidents over a window (default: since the last
 * shift change, or 12 h); `/handoff resolve`, run in an incident's thread, marks it resolved.
 */
export function createHandoffCommand(deps: HandoffCommandDeps): Command {
  const now = deps.now ?? Date.now;
  const log = (deps.log ?? silentLogger).child({ command: 'handoff' });
  // The person's own language (the playground's switch) wins over the bot's setting.
  const languageOf = (inv: CommandInvocation): Language | undefined => inv.language ?? deps.language;

  const resolve = async (inv: CommandInvocation): Promise<Reply> => {
    const l = handoffLabels(languageOf(inv));
    if (inv.threadId === undefined) {
      return reply('usage', l.resolveOutsideThread);
    }
    const place: Place = {
      platform: inv.platform,
      ...(inv.workspaceId === undefined ? {} : { workspaceId: inv.workspaceId }),
      conversationId: inv.conversationId,
      threadId: inv.threadId,
    };
    const incident = await deps.incidents.get(place);
    if (!incident) return reply('info', l.noIncident);
    const by = inv.userName ?? inv.userId;
    if (incident.state === 'resolved') {
      return reply('info', l.alreadyResolved(literal(incident.resolved?.by ?? '?')));
    }
    const atMs = now();
    await deps.incidents.record({
      type: 'resolved',
      id: `command:${inv.platform}:${inv.conversationId}:${inv.threadId}:${inv.userId}:${atMs}`,
      place,
      atMs,
      by,
      how: 'command',
    });
    return reply('resolved', l.markedResolved(literal(by)));
  };

  /**
   * Another channel's record holds what was pasted there, by whom, and links to its threads: shown only
   * when HANDOFF_CHANNEL_ACCESS lets this channel see it or the platform says the caller is a member.
   */
  const mayRead = async (inv: CommandInvocation, channel: string, signal: AbortSignal): Promise<boolean> => {
    if (accessAllows(deps.channelAccess, inv.conversationId, channel)) return true;
    return (await deps.membership?.isMember(inv, channel, signal)) ?? false;
  };

  const summarise = async (inv: CommandInvocation, args: string[], signal: AbortSignal): Promise<Reply> => {
    const language = languageOf(inv);
    const l = handoffLabels(language);
    let channel = inv.conversationId;
    let channelName: string | undefined;
    const words: string[] = [];
    for (const word of args) {
      const m = channelToken.exec(word);
      if (m) {
        channel = m[1] ?? m[3] ?? channel;
        channelName = m[2] === undefined ? `#${channel}` : `#${m[2]}`;
      } else {
        words.push(word);
      }
    }
    if (!(await mayRead(inv, channel, signal))) {
      log.info({ channel, from: inv.conversationId, user: inv.userId }, 'handoff of another channel refused');
      return reply('info', l.otherChannelRefused(literal(channelName ?? `#${channel}`)));
    }
    const nowMs = now();
    const lastShiftChangeMs = deps.lastShiftChange?.(channel, nowMs);
    const parsed = parseWindow(words.join(' '), {
      nowMs,
      timeZone: deps.timeZone,
      ...(lastShiftChangeMs === undefined ? {} : { lastShiftChangeMs }),
      ...(deps.retentionDays === undefined ? {} : { maxDays: deps.retentionDays }),
    });
    if (!parsed.ok)
      return reply('usage', `${l.badWindow(literal(words.join(' ')), literal(parsed.message))}\n${codeSpan(usage)}`);
    const incidents = await deps.incidents.list({
      fromMs: parsed.window.fromMs,
      toMs: parsed.window.toMs,
      conversationId: channel,
      ...(inv.workspaceId === undefined ? {} : { workspaceId: inv.workspaceId }),
    });
    const summary = buildHandoff(incidents, parsed.window, channel);
    log.info({ channel, incidents: summary.totals.incidents }, 'handoff built');
    return {
      ...handoffReply(summary, {
        timeZone: deps.timeZone,
        nowMs,
        ...(language === undefined ? {} : { language }),
        ...(channelName === undefined ? {} : { channelName }),
      }),
      inThread: inv.threadId !== undefined,
    };
  };

  return {
    name: 'handoff',
    usage,
    description: 'summarise an on-call shift (open incidents first), or mark this thread’s incident resolved',
    async run(inv, signal) {
      const args = inv.args.trim().split(/\s+/).filter(Boolean);
      try {
        return args[0]?.toLowerCase() === 'resolve' ? await resolve(inv) : await summarise(inv, args, signal);
      } catch (err) {
        // The record is unreadable (Redis down or slow): say so plainly; the bot keeps answering.
        if (isBotError(err) && err.code === ErrorCode.StoreUnavailable) {
          log.warn({ err }, 'handoff unavailable: incident record unreadable');
          return reply('error', handoffLabels(languageOf(inv)).unavailable);
        }
        throw err;
      }
    },
  };
}

/** A short reply in Markdown (what a person wrote in it is literal), with its plain-text fallback. */
function reply(kind: ReplyKind, markdown: string, inThread = true): Reply {
  return { kind, text: toPlainText(markdown), blocks: [{ type: 'paragraph', text: markdown }], inThread };
}
