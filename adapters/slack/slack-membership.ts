/**
 * Slack's membership check for `/handoff #channel`: is the person in that channel? conversations.members
 * pages through its members (scopes channels:read for public channels, groups:read for private ones,
 * which the bot sees only when it is in them). Anything Slack will not say counts as no.
 */
import type { webApi } from '@slack/bolt';
import type { ChannelMembership } from '../../src/access/channel-membership.ts';
import type { Logger } from '../../src/log.ts';

/** 1,000 members a page: 20 pages cover a channel of 20,000; a larger one is refused rather than walked. */
const pageSize = 1000;
const maxPages = 20;

export function createSlackMembership(webClient: () => webApi.WebClient, log: Logger): ChannelMembership {
  return {
    async isMember(who, channel, signal) {
      // Slack channel ids only: a name typed after # is not something Slack can be asked about.
      if (!/^[CG][A-Z0-9]{2,}$/.test(channel)) return false;
      const client = webClient();
      let cursor: string | undefined;
      try {
        for (let page = 0; page < maxPages && !signal.aborted; page++) {
          const result = await client.conversations.members({
            channel,
            limit: pageSize,
            ...(cursor ? { cursor } : {}),
          });
          if (result.members?.includes(who.userId)) return true;
          cursor = result.response_metadata?.next_cursor || undefined;
          if (!cursor) return false;
        }
        log.info({ channel, pages: maxPages }, 'slack channel too large to check membership: refused');
        return false;
      } catch (err) {
        const code = (err as { data?: { error?: string } }).data?.error;
        log.warn(
          { channel, error: code ?? (err instanceof Error ? err.message : String(err)) },
          'slack membership not checked',
        );
        return false;
      }
    },
  };
}
