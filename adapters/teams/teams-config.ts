import { BotError, ErrorCode } from '../../src/errors.ts';

/**
 * How the Teams endpoint is configured. `authenticated: false` is only ever the result of an explicit
 * `TEAMS_ALLOW_UNAUTHENTICATED=true` without an app id: a local endpoint for trying the bot and for tests.
 */
export type TeamsConfig =
  | {
      readonly authenticated: true;
      /** The Microsoft app id of the Azure Bot registration (a GUID). */
      readonly appId: string;
      readonly appPassword: string;
      /** Set for single-tenant bots; absent means a multi-tenant registration. */
      readonly tenantId?: string;
      /**
       * Where Bot Framework publishes the keys its tokens are signed with. Default: Microsoft's public cloud.
       * Not read from the environment; tests point it at a loopback key server.
       */
      readonly openIdMetadataUrl?: string;
    }
  | { readonly authenticated: false; readonly appId: ''; readonly appPassword: '' };

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function value(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

/**
 * Reads the Teams settings from the environment. Undefined means Teams is off (no `TEAMS_APP_ID` and no
 * explicit unauthenticated mode). Every problem is reported: pushed into `problems` when the caller
 * collects them (the composition root does), otherwise thrown together as one `config_invalid` BotError.
 */
export function readTeamsConfig(env: NodeJS.ProcessEnv, problems?: string[]): TeamsConfig | undefined {
  const found: string[] = [];
  const appId = value(env, 'TEAMS_APP_ID');
  const appPassword = value(env, 'TEAMS_APP_PASSWORD');
  const tenantId = value(env, 'TEAMS_TENANT_ID');
  const allowRaw = value(env, 'TEAMS_ALLOW_UNAUTHENTICATED');
  const allow = allowRaw?.toLowerCase();
  if (allow !== undefined && allow !== 'true' && allow !== 'false') {
    found.push(`TEAMS_ALLOW_UNAUTHENTICATED must be "true" or "false", got "${allowRaw}"`);
  }

  let config: TeamsConfig | undefined;
  if (appId !== undefined) {
    if (!guid.test(appId)) {
      found.push(`TEAMS_APP_ID must be the bot's Microsoft app id (a GUID), got "${appId}"`);
    }
    if (appPassword === undefined) {
      found.push('TEAMS_APP_PASSWORD is missing: set it to the client secret of the app registration TEAMS_APP_ID');
    }
    if (tenantId !== undefined && !guid.test(tenantId)) {
      found.push(`TEAMS_TENANT_ID must be a Microsoft Entra tenant id (a GUID), got "${tenantId}"`);
    }
    if (allow === 'true') {
      found.push('TEAMS_ALLOW_UNAUTHENTICATED=true cannot be combined with TEAMS_APP_ID: requests are always verified');
    }
    config = { authenticated: true, appId, appPassword: appPassword ?? '', ...(tenantId ? { tenantId } : {}) };
  } else {
    if (appPassword !== undefined) found.push('TEAMS_APP_PASSWORD is set but TEAMS_APP_ID is not');
    if (tenantId !== undefined) found.push('TEAMS_TENANT_ID is set but TEAMS_APP_ID is not');
    if (allow === 'true') config = { authenticated: false, appId: '', appPassword: '' };
  }

  if (found.length === 0) return config;
  if (problems) {
    problems.push(...found);
    return undefined;
  }
  throw new BotError(ErrorCode.ConfigInvalid, `invalid Teams configuration:\n- ${found.join('\n- ')}`);
}

/** The config as it may be logged: the password never leaves. */
export function redactTeamsConfig(config: TeamsConfig): Record<string, unknown> {
  return { ...config, appPassword: config.appPassword === '' ? '' : '[redacted]' };
}
