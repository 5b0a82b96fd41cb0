/**
 * The Slack adapter's settings from the environment. The names are a contract with operators'
 * deployment files: SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_SIGNING_SECRET, SLACK_MODE, SLACK_API_URL, PORT.
 */
import { BotError, ErrorCode } from '../../src/errors.ts';

export type SlackMode = 'socket' | 'http';

export interface SlackConfig {
  readonly mode: SlackMode;
  /** `xoxb-…`: the bot token for the Web API. */
  readonly botToken: string;
  /** `xapp-…` with connections:write: Socket Mode only. */
  readonly appToken?: string;
  /** Verifies that HTTP requests come from Slack: HTTP mode only. */
  readonly signingSecret?: string;
  /** Web API base with a trailing slash; undefined means Slack's own (set for GovSlack, a proxy, tests). */
  readonly apiUrl?: string;
  /** HTTP mode: the port events arrive on, at /slack/events (the shared server's PORT). */
  readonly port?: number;
}

export const defaultSlackApiUrl = 'https://slack.com/api/';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads and checks the Slack settings. Undefined when no SLACK_* variable is set (Slack is not
 * configured). Every problem is reported together: pushed onto `problems` when the caller collects them
 * for all adapters, otherwise thrown as one `config_invalid` BotError.
 */
export function readSlackConfig(env: Env, problems?: string[]): SlackConfig | undefined {
  const slackVars = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_MODE', 'SLACK_API_URL'];
  if (slackVars.every((name) => !env[name]?.trim())) return undefined;
  const found: string[] = [];
  const value = (name: string) => env[name]?.trim() || undefined;

  const mode = (value('SLACK_MODE') ?? 'socket').toLowerCase();
  if (mode !== 'socket' && mode !== 'http')
    found.push(`SLACK_MODE must be "socket" or "http", got "${env['SLACK_MODE']}"`);

  const botToken = value('SLACK_BOT_TOKEN');
  if (!botToken)
    found.push('SLACK_BOT_TOKEN is missing: the bot token (xoxb-…) from the app\'s "OAuth & Permissions" page');
  else if (!botToken.startsWith('xoxb-')) found.push('SLACK_BOT_TOKEN must be a bot token starting with "xoxb-"');

  const appToken = value('SLACK_APP_TOKEN');
  if (mode === 'socket') {
    if (!appToken) {
      found.push(
        'SLACK_APP_TOKEN is missing: Socket Mode (the default SLACK_MODE) needs an app-level token (xapp-…) with connections:write; or set SLACK_MODE=http',
      );
    } else if (!appToken.startsWith('xapp-'))
      found.push('SLACK_APP_TOKEN must be an app-level token starting with "xapp-"');
  }

  const signingSecret = value('SLACK_SIGNING_SECRET');
  if (mode === 'http' && !signingSecret) {
    found.push('SLACK_SIGNING_SECRET is missing: HTTP mode needs the app\'s signing secret ("Basic Information" page)');
  }

  let apiUrl = value('SLACK_API_URL') ?? defaultSlackApiUrl;
  try {
    const parsed = new URL(apiUrl);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('not http');
    if (!apiUrl.endsWith('/')) apiUrl += '/';
  } catch {
    found.push(`SLACK_API_URL must be an http(s) URL such as ${defaultSlackApiUrl}, got "${env['SLACK_API_URL']}"`);
  }

  const rawPort = value('PORT') ?? '3000';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port < 1 || port > 65535)
    found.push(`PORT must be a port number (1-65535), got "${rawPort}"`);

  if (found.length > 0) {
    if (problems) {
      problems.push(...found);
      return undefined;
    }
    throw new BotError(ErrorCode.ConfigInvalid, `invalid Slack configuration:\n- ${found.join('\n- ')}`);
  }
  return {
    mode: mode as SlackMode,
    botToken: botToken!,
    ...(mode === 'socket' ? { appToken: appToken! } : {}),
    ...(signingSecret ? { signingSecret } : {}),
    apiUrl,
    port,
  };
}

/** The config with its secrets blanked, for logs. */
export function redactSlackConfig(config: SlackConfig): Record<string, unknown> {
  return {
    ...config,
    botToken: '[redacted]',
    ...(config.appToken ? { appToken: '[redacted]' } : {}),
    ...(config.signingSecret ? { signingSecret: '[redacted]' } : {}),
  };
}
