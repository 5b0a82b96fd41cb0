/**
 * The only module that imports botbuilder (Bot Framework SDK for JavaScript, no longer maintained by
 * Microsoft). Everything else speaks the activity JSON through the `Turn` and `ProactiveSender` ports in
 * teams-activity.ts, so moving to the successor SDK means rewriting this file alone.
 */
import type { IncomingMessage as HttpRequest, ServerResponse } from 'node:http';
import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type ConversationParameters,
  type ConversationReference,
  type Activity as SdkActivity,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from '../../src/log.ts';
import type { ConversationRef, ProactiveSender, TeamsActivity, Turn } from './teams-activity.ts';
import type { TeamsConfig } from './teams-config.ts';

export interface BotFramework {
  /**
   * Verifies the request's Bot Framework token (issuer, signature, audience) without running a turn.
   * Resolves to false for a bad token; rejects only when verification itself fails (OpenID keys unreachable).
   * The SDK prints every refusal with console.error, so refusals are settled here and logged by the caller.
   */
  authenticate(
    body: Record<string, unknown>,
    authorization: string,
  ): Promise<{ ok: true } | { ok: false; reason: string }>;
  /** Authenticates the request, runs `handler` for its activity and writes the HTTP answer. */
  process(req: HttpRequest, body: Record<string, unknown>, res: ServerResponse, handler: TurnHandler): Promise<void>;
  readonly proactive: ProactiveSender;
}

/**
 * Microsoft's public-cloud endpoints, as the SDK uses them by default. Setting any one endpoint makes the
 * SDK expect all of them, so they are spelled out when the key location is overridden.
 */
const publicCloud = {
  ValidateAuthority: true,
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: 'urn:botframework:azure',
};

const jwtErrors = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

export type TurnHandler = (turn: Turn) => Promise<void>;

export function createBotFramework(config: TeamsConfig, log: Logger): BotFramework {
  const settings = {
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    ...(config.authenticated
      ? config.tenantId
        ? { MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: config.tenantId }
        : { MicrosoftAppType: 'MultiTenant' }
      : {}),
  };
  const auth = new ConfigurationBotFrameworkAuthentication(
    {
      ...settings,
      ...(config.authenticated && config.openIdMetadataUrl
        ? { ...publicCloud, ToBotFromChannelOpenIdMetadataUrl: config.openIdMetadataUrl }
        : {}),
    },
    new ConfigurationServiceClientCredentialFactory(settings),
  );
  const adapter = new CloudAdapter(auth);
  // Failures to deliver (the core never throws); without this the SDK answers 500 and prints to console.
  adapter.onTurnError = async (_context, error) => {
    log.error({ err: error }, 'teams turn failed');
  };

  const proactive: ProactiveSender = {
    async continue(ref, work) {
      await adapter.continueConversationAsync(config.appId, toSdkReference(ref), (context) => work(toTurn(context)));
    },
    async startThread(ref, channelId, activity) {
      const parameters = {
        isGroup: true,
        bot: ref.bot,
        channelData: { channel: { id: channelId } },
        activity: activity as Partial<SdkActivity>,
        ...(ref.tenantId ? { tenantId: ref.tenantId } : {}),
      } as ConversationParameters;
      let created: ConversationRef | undefined;
      // A null audience selects the SDK's default (the Bot Framework channel scope).
      await adapter.createConversationAsync(
        config.appId,
        ref.channelId,
        ref.serviceUrl,
        null as unknown as string,
        parameters,
        async (context) => {
          created = { ...ref, conversation: { ...ref.conversation, id: context.activity.conversation.id } };
        },
      );
      if (!created) throw new Error('Teams did not return the new conversation');
      return created;
    },
  };

  return {
    proactive,
    async authenticate(body, authorization) {
      try {
        await auth.authenticateRequest(body as Partial<SdkActivity> as SdkActivity, authorization);
        return { ok: true };
      } catch (err) {
        // botframework-connector's AuthenticationError carries the HTTP status it means; a bad signature
        // surfaces as jsonwebtoken's own error, which the SDK would otherwise answer with 500.
        const { statusCode, name } = err as { statusCode?: unknown; name?: unknown };
        if (statusCode === 401 || (typeof name === 'string' && jwtErrors.has(name))) {
          return { ok: false, reason: err instanceof Error ? err.message : String(err) };
        }
        throw err;
      }
    },
    async process(req, body, res, handler) {
      const request = { body, headers: req.headers, method: req.method };
      await adapter.process(request, shimResponse(res), (context) => handler(toTurn(context)));
    },
  };
}

function toTurn(context: TurnContext): Turn {
  return {
    activity: context.activity as TeamsActivity,
    async send(activity) {
      const sent = await context.sendActivity(activity as Partial<SdkActivity>);
      return sent?.id;
    },
    async update(id, activity) {
      await context.updateActivity({ ...(activity as Partial<SdkActivity>), id });
    },
    async respond(status, body) {
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status, body } });
    },
  };
}

function toSdkReference(ref: ConversationRef): Partial<ConversationReference> {
  return {
    serviceUrl: ref.serviceUrl,
    channelId: ref.channelId,
    conversation: { ...ref.conversation, isGroup: ref.conversation.isGroup ?? false, name: '' },
    ...(ref.bot ? { bot: { name: '', ...ref.bot } } : {}),
  } as Partial<ConversationReference>;
}

/** botbuilder expects express's response methods; node's ServerResponse gets them here. */
function shimResponse(res: ServerResponse): ServerResponse & {
  status(code: number): unknown;
  send(body?: unknown): unknown;
  header(name: string, value: unknown): unknown;
} {
  return Object.assign(res, {
    status(code: number) {
      res.statusCode = code;
      return res;
    },
    send(body?: unknown) {
      if (body === undefined || body === null) return res;
      if (typeof body === 'object' && !Buffer.isBuffer(body)) {
        if (!res.hasHeader('content-type')) res.setHeader('content-type', 'application/json; charset=utf-8');
        res.write(JSON.stringify(body));
      } else {
        res.write(typeof body === 'string' || Buffer.isBuffer(body) ? body : String(body));
      }
      return res;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
      return res;
    },
  });
}
