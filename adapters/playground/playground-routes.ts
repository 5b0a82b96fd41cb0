/**
 * The web playground: a page where an admin pastes an error and sees the reply as the chat would show it,
 * presses its buttons, runs commands and browses the knowledge. Everything goes through the same `Bot`
 * as Slack and Teams, with platform 'web'; the page is plain HTML/CSS/JS from ./public.
 */
import { readFileSync } from 'node:fs';
import type { ActionInvocation, Bot } from '../../src/bot-api.ts';
import type { CommandInvocation } from '../../src/commands/command.ts';
import { commandName } from '../../src/commands/parse-command.ts';
import { isLanguage, type Language, messages } from '../../src/i18n/messages.ts';
import { localizedText } from '../../src/knowledge/localize.ts';
import type { Section } from '../../src/knowledge/section.ts';
import type { LearnedSummary } from '../../src/learning/learned-record.ts';
import type { Matcher } from '../../src/matching/matcher.ts';
import type { ActionKind, IncomingMessage, Reply } from '../../src/message.ts';
import { type Route, readJsonObject, sendJson } from '../server/http-server.ts';
import { type PlaygroundAccess, playgroundRefusal } from './playground-guard.ts';
import { sectionHtml, toHtml } from './to-html.ts';

/** The JSON fields the endpoints read; each is checked before use. */
interface Fields {
  readonly text?: unknown;
  readonly threadId?: unknown;
  readonly addressed?: unknown;
  readonly kind?: unknown;
  readonly replyId?: unknown;
  /** The page's language switch: `ko` or `en`; the bot's setting otherwise. */
  readonly language?: unknown;
}

export interface PlaygroundKnowledge {
  readonly sections: readonly Section[];
  readonly matcher: Matcher;
}

export interface PlaygroundDeps {
  readonly bot: Bot;
  /** The knowledge in use (it changes on reload); undefined until loaded. */
  readonly knowledge: () => PlaygroundKnowledge | undefined;
  /** The bot's own words, for the button labels. */
  readonly language: Language;
  /** Where it may be used from (playground-guard.ts); default loopback only. */
  readonly access?: PlaygroundAccess;
  /** What the channel taught about a section, shown on its page. */
  readonly learned?: (sectionId: string) => readonly LearnedSummary[];
}

/** The playground is one local admin in one channel. */
const where = { platform: 'web', workspaceId: 'playground', conversationId: 'playground' } as const;
const user = { userId: 'playground-admin', userName: 'Playground admin' } as const;
/** The part of a command's text that is read (pastes go whole to the bot, which bounds them itself). */
const maxTextChars = 256 * 1024;
const maxBodyBytes = 4 * 1024 * 1024;
const actionKinds: readonly ActionKind[] = ['resolve', 'dismiss', 'more', 'show'];

const publicDir = new URL('./public/', import.meta.url);
const assets: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/playground/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/playground/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
};

export function playgroundRoutes(deps: PlaygroundDeps): Route[] {
  const { bot } = deps;
  let counter = 0;
  const nextId = (prefix: string): string => `${prefix}${Date.now().toString(36)}.${(++counter).toString(36)}`;

  const remember = async (reply: Reply, threadId: string): Promise<string> => {
    const messageId = nextId('r');
    await bot.posted?.(reply, { ...where, threadId, messageId });
    return messageId;
  };

  const staticRoutes: Route[] = Object.entries(assets).map(([path, asset]) => {
    const body = readFileSync(new URL(asset.file, publicDir));
    return {
      method: 'GET',
      path,
      handler: (_req, res) => {
        res.writeHead(200, {
          'content-type': asset.type,
          'cache-control': 'no-cache',
          'x-content-type-options': 'nosniff',
          'content-security-policy':
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'",
        });
        res.end(body);
      },
    };
  });

  const routes: Route[] = [
    ...staticRoutes,
    {
      method: 'POST',
      path: '/api/playground/message',
      events: true,
      handler: async (req, res) => {
        const body: Fields | undefined = await readJsonObject(req, res, maxBodyBytes);
        if (!body) return;
        // Not cut here: the bot reads a long paste by its head, tail and error lines, and says so (the body
        // itself is bounded by maxBodyBytes, and nothing here parses markup).
        const text = typeof body.text === 'string' ? body.text : undefined;
        const language = languageOf(body, deps.language);
        if (text === undefined || text.trim() === '') {
          sendJson(res, 400, { error: 'expected {"text": "…"} with the error to match' });
          return;
        }
        const threadId = optionalId(body.threadId);
        const id = nextId('m');
        const message: IncomingMessage = {
          ...where,
          ...user,
          id,
          ...(threadId ? { threadId } : {}),
          text,
          addressed: body.addressed !== false,
          sentAtMs: Date.now(),
          language,
        };
        const reply = await bot.handle(message);
        const thread = threadId ?? id;
        const replyMessageId = reply ? await remember(reply, thread) : undefined;
        sendJson(res, 200, {
          id,
          threadId: thread,
          reply: reply ? withHtml(reply, language) : null,
          replyMessageId: replyMessageId ?? null,
        });
      },
    },
    {
      method: 'POST',
      path: '/api/playground/command',
      events: true,
      handler: async (req, res) => {
        const body: Fields | undefined = await readJsonObject(req, res, maxBodyBytes);
        if (!body) return;
        const parsed = parseCommand(typeof body.text === 'string' ? body.text : '');
        if (!parsed) {
          sendJson(res, 400, { error: 'expected {"text": "/command args"}, e.g. "/diagnose pod web-1 -n shop"' });
          return;
        }
        const threadId = optionalId(body.threadId) ?? nextId('c');
        const language = languageOf(body, deps.language);
        const invocation: CommandInvocation = {
          ...where,
          ...user,
          ...commandName(parsed.name),
          args: parsed.args,
          threadId,
          language,
        };
        const outcome = bot.command(invocation);
        // One JSON object per line: the progress message at once, then the result that replaces it.
        res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' });
        if (outcome.progress)
          res.write(`${JSON.stringify({ progress: withHtml(outcome.progress, language), threadId })}\n`);
        const result = await outcome.result;
        const replyMessageId = await remember(result, threadId);
        res.end(`${JSON.stringify({ result: withHtml(result, language), threadId, replyMessageId })}\n`);
      },
    },
    {
      method: 'POST',
      path: '/api/playground/action',
      events: true,
      handler: async (req, res) => {
        const body: Fields | undefined = await readJsonObject(req, res, 64 * 1024);
        if (!body) return;
        const kind = actionKinds.find((k) => k === body.kind);
        const replyId = optionalId(body.replyId);
        const threadId = optionalId(body.threadId);
        if (!kind || !replyId || !threadId) {
          sendJson(res, 400, { error: `expected {"kind": ${actionKinds.join('|')}, "replyId", "threadId"}` });
          return;
        }
        const language = languageOf(body, deps.language);
        const invocation: ActionInvocation = { ...where, ...user, kind, replyId, threadId, language };
        const outcome = await bot.action(invocation);
        const followUpMessageId = outcome.followUp ? await remember(outcome.followUp, threadId) : undefined;
        sendJson(res, 200, {
          update: outcome.update ? withHtml(outcome.update, language) : null,
          followUp: outcome.followUp ? withHtml(outcome.followUp, language) : null,
          followUpMessageId: followUpMessageId ?? null,
        });
      },
    },
    {
      method: 'GET',
      path: '/api/playground/info',
      handler: (_req, res) => {
        const t = messages(deps.language);
        sendJson(res, 200, {
          language: deps.language,
          actions: { resolve: t.actionResolve, dismiss: t.actionDismiss, more: t.actionMore },
        });
      },
    },
    {
      method: 'GET',
      path: '/api/playground/knowledge',
      handler: (req, res) => {
        const knowledge = deps.knowledge();
        if (!knowledge) {
          sendJson(res, 503, { error: 'knowledge not loaded yet' });
          return;
        }
        const params = new URL(req.url ?? '/', 'http://local').searchParams;
        const query = params.get('q')?.trim().slice(0, 4096) ?? '';
        // Titles in the page's language where the section has a translation into it.
        const language = languageOf({ language: params.get('language') }, deps.language);
        if (query === '') {
          const sections = knowledge.sections.map((s) => summary(s, language));
          sendJson(res, 200, { query, total: knowledge.sections.length, sections });
          return;
        }
        const result = knowledge.matcher.match(query, { top: 10 });
        sendJson(res, 200, {
          query,
          total: knowledge.sections.length,
          confident: result.confident,
          sections: result.matches.map((m) => ({ ...summary(m.section, language), score: round(m.score) })),
        });
      },
    },
    {
      method: 'GET',
      path: '/api/playground/section',
      handler: (req, res) => {
        const params = new URL(req.url ?? '/', 'http://local').searchParams;
        const id = params.get('id') ?? '';
        const section = deps.knowledge()?.sections.find((s) => s.id === id);
        if (!section) {
          sendJson(res, 404, { error: `no section with id "${id.slice(0, 200)}"` });
          return;
        }
        const language = languageOf({ language: params.get('language') }, deps.language);
        // Shown in that language where the section has a translation into it; id, source and lines are its own.
        const shown = { ...section, ...localizedText(section, language) };
        const learned = deps.learned?.(section.id) ?? [];
        sendJson(res, 200, { section: shown, learned, html: sectionHtml(shown, { language, learned }) });
      },
    },
  ];
  return routes.map((route) => guarded(route, deps.access ?? {}));
}

/** The route behind the playground's access check: a refusal is answered in the route's own kind. */
function guarded(route: Route, access: PlaygroundAccess): Route {
  return {
    ...route,
    handler: (req, res) => {
      const refusal = playgroundRefusal(req, access, route.method === 'POST');
      if (!refusal) return route.handler(req, res);
      // The body of a refused request is not read; the connection closes after the answer.
      res.setHeader('connection', 'close');
      if (route.path.startsWith('/api/')) {
        sendJson(res, refusal.status, { error: refusal.error });
      } else {
        res.writeHead(refusal.status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${refusal.error}\n`);
      }
    },
  };
}

function summary(section: Section, language: Language): Record<string, unknown> {
  const shown = localizedText(section, language);
  return {
    id: section.id,
    title: shown.title,
    documentTitle: shown.documentTitle,
    source: section.source,
    lines: section.lines,
    steps: section.steps.length,
    errors: section.errors.length,
    ...(section.url ? { url: section.url } : {}),
  };
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}

function languageOf(body: { readonly language?: unknown }, fallback: Language): Language {
  return typeof body.language === 'string' && isLanguage(body.language) ? body.language : fallback;
}

/** The reply with the HTML the page shows, in the language it was asked in; the updates it carries too. */
function withHtml(reply: Reply, language: Language): Reply & { html: string } {
  return {
    ...reply,
    html: toHtml(reply, { language }),
    ...(reply.updates ? { updates: reply.updates.map((u) => ({ ...u, reply: withHtml(u.reply, language) })) } : {}),
  };
}

function optionalId(value: unknown): string | undefined {
  return typeof value === 'string' && /^[\w.:-]{1,128}$/.test(value) ? value : undefined;
}

/** "/diagnose pod web-1 -n shop" → { name: "diagnose", args: "pod web-1 -n shop" }. */
export function parseCommand(text: string): { name: string; args: string } | undefined {
  const match = /^\s*\/?([a-z][a-z-]{0,31})(?:\s+([\s\S]*))?$/i.exec(text.slice(0, maxTextChars));
  if (!match?.[1]) return undefined;
  return { name: match[1].toLowerCase(), args: (match[2] ?? '').trim() };
}
