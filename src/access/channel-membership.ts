import type { ChatOrigin } from '../message.ts';

/**
 * The platform's word on who is in a channel: what lets a person read another channel's record (the
 * handoff of `#other`) only when they could read that channel themselves. Implemented by the chat
 * adapters that can ask (Slack); a platform that cannot has none, and its users see their own channel only.
 */
export interface ChannelMembership {
  /**
   * True when `who.userId` is a member of `channel` (in `who`'s workspace); false when not, and when the
   * platform cannot say (no permission, the bot is not in that channel, an error). Never rejects.
   */
  isMember(who: ChatOrigin, channel: string, signal: AbortSignal): Promise<boolean>;
}
