/**
 * The process's own settings (port, logging, knowledge, language, playground), read once at start. Every problem is collected and
 * reported together, each naming the variable and what was expected, so an operator fixes a deployment in
 * one round. `process.env` is read only by the entry points (adapters/main.ts, the CLI); this module takes
 * the environment as a parameter so tests pass their own.
 */
import { BotError, ErrorCode } from './errors.ts';
import { redactValues } from './redact.ts';

export type Env = Readonly<Record<string, string | undefined>>;

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

export interface ServerConfig {
  /** The one HTTP port: Slack HTTP mode, Teams, health, metrics and the playground. */
  readonly port: number;
  readonly host: string;
  /** How long SIGTERM waits for in-flight work before closing the store anyway. */
  readonly shutdownTimeoutMs: number;
  /** Messages, commands and actions handled at once; beyond it chat events are refused with 503 (retried later). */
  readonly maxInFlight: number;
}

export interface Config {
  readonly server: ServerConfig;
  readonly logLevel: LogLevel;
  readonly knowledge: {
    /** Folder of the corpus and runbooks, relative to the working directory or absolute. */
    readonly dir: string;
    /** Reload when files change, without a restart. */
    readonly watch: boolean;
  };
  /** Language of the bot's own words. */
  readonly language: 'ko' | 'en';
  /** The web playground: `auto` serves it only when no chat platform is configured (see adapters/settings.ts). */
  readonly playground: 'auto' | 'on' | 'off';
  /**
   * The origin (`https://bot.example.com`) the playground is opened at beyond loopback; unset, it answers
   * only requests made over loopback to a loopback name.
   */
  readonly playgroundOrigin?: string;
}

/**
 * Reads the process settings, pushing every problem into `problems` and every non-fatal remark into
 * `warnings`; the composition root adds the chat platforms' own readers to the same lists.
 */
export function readConfig(env: Env, problems: string[], warnings: string[]): Config {
  const read = new EnvReader(env, problems, warnings);
  const server: ServerConfig = {
    port: read.integer('PORT', { fallback: 3000, min: 0, max: 65535 }),
    host: read.text('HOST') ?? '127.0.0.1',
    shutdownTimeoutMs: read.integer('SHUTDOWN_TIMEOUT_MS', { fallback: 10_000, min: 0, max: 600_000 }),
    maxInFlight: read.integer('MAX_IN_FLIGHT', { fallback: 256, min: 1, max: 100_000 }),
  };
  const logLevel = read.oneOf('LOG_LEVEL', logLevels, 'info');
  const knowledge = {
    dir: read.text('KNOWLEDGE_DIR') ?? 'knowledge',
    watch: read.boolean('KNOWLEDGE_WATCH', true),
  };
  const language = read.oneOf('BOT_LANGUAGE', ['ko', 'en'] as const, 'ko');
  const playground = read.oneOf('PLAYGROUND', ['auto', 'on', 'off'] as const, 'auto');
  const playgroundOrigin = read.origin('PLAYGROUND_ORIGIN');
  return Object.freeze({
    server,
    logLevel,
    knowledge,
    language,
    playground,
    ...(playgroundOrigin === undefined ? {} : { playgroundOrigin }),
  });
}

/** `readConfig` alone: throws one BotError(ConfigInvalid) listing every problem. */
export function loadConfig(env: Env): Config {
  const problems: string[] = [];
  const config = readConfig(env, problems, []);
  if (problems.length > 0) throw configInvalid(problems);
  return config;
}

export function configInvalid(problems: readonly string[]): BotError {
  return new BotError(ErrorCode.ConfigInvalid, `invalid configuration:\n- ${problems.join('\n- ')}`, {
    userMessage: { en: 'The bot is misconfigured; see its log.', ko: '봇 설정이 잘못되었습니다. 로그를 확인하세요.' },
  });
}

/**
 * A copy of `value` safe to log: every field whose name says token, secret or password is replaced, and
 * credentials in URLs (REDIS_URL) are masked.
 */
export function redactConfig<T>(value: T): T {
  return redactValues(value);
}

/** Collects problems instead of throwing at the first one. Empty strings count as unset. */
class EnvReader {
  readonly problems: string[];
  readonly warnings: string[];
  readonly #env: Env;

  constructor(env: Env, problems: string[], warnings: string[]) {
    this.#env = env;
    this.problems = problems;
    this.warnings = warnings;
  }

  problem(message: string): void {
    this.problems.push(message);
  }

  warning(message: string): void {
    this.warnings.push(message);
  }

  text(name: string): string | undefined {
    const value = this.#env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  integer(name: string, range: { fallback: number; min: number; max: number }): number {
    const raw = this.text(name);
    if (raw === undefined) return range.fallback;
    const value = /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < range.min || value > range.max) {
      this.problem(`${name} must be an integer in [${range.min}, ${range.max}], got "${raw}"`);
      return range.fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.text(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes', 'on'].includes(raw)) return true;
    if (['false', '0', 'no', 'off'].includes(raw)) return false;
    this.problem(`${name} must be true or false, got "${this.text(name)}"`);
    return fallback;
  }

  /** An http(s) origin: scheme, host and port, nothing after (a trailing slash is forgiven). */
  origin(name: string): string | undefined {
    const raw = this.text(name);
    if (raw === undefined) return undefined;
    try {
      const url = new URL(raw);
      const bare = url.pathname === '/' && url.search === '' && url.hash === '' && url.username === '';
      if ((url.protocol === 'http:' || url.protocol === 'https:') && bare && url.password === '') return url.origin;
    } catch {
      // reported below
    }
    this.problem(`${name} must be an http(s) origin such as https://bot.example.com:3000, got "${raw}"`);
    return undefined;
  }

  oneOf<const T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.text(name);
    if (raw === undefined) return fallback;
    const value = allowed.find((a) => a === raw.toLowerCase());
    if (value === undefined) {
      this.problem(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
      return fallback;
    }
    return value;
  }
}
