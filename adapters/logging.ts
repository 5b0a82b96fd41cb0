/**
 * The process logger: pino, one JSON object per line on stdout. Secrets are removed by path before a line
 * is written, whoever logs them; every error-level line is counted by kind for /metrics.
 */
import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from '../src/config.ts';

/** Paths pino censors. One `*` is one level, so the common nestings are listed. */
export const redactPaths: readonly string[] = [
  ...['botToken', 'appToken', 'signingSecret', 'appPassword', 'password', 'token', 'secret', 'clientSecret'].flatMap(
    (key) => [key, `*.${key}`, `*.*.${key}`],
  ),
  'authorization',
  'headers.authorization',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'request.headers.authorization',
  '*.headers.authorization',
  '*.headers["x-slack-signature"]',
  'headers["x-slack-signature"]',
  'config.store.redisUrl',
  'redisUrl',
  '*.redisUrl',
];

export interface LoggerOptions {
  readonly level: LogLevel;
  /** Defaults to stdout; tests pass a recording stream. */
  readonly destination?: DestinationStream;
  /** Called for every line at error level or above, with the error's code or name. */
  readonly onError?: (kind: string) => void;
}

export function createLogger(options: LoggerOptions): Logger {
  const onError = options.onError;
  return pino(
    {
      level: options.level,
      base: { service: 'kube-support-bot' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...redactPaths], censor: '[redacted]' },
      hooks: onError
        ? {
            logMethod(args, method, level) {
              if (level >= 50) onError(errorKind(args[0]));
              method.apply(this, args);
            },
          }
        : {},
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

/** `err.code` (BotError codes, Node's ECONNREFUSED…), else the error's name, else "unknown". */
export function errorKind(first: unknown): string {
  const err = first instanceof Error ? first : (first as { err?: unknown } | undefined)?.err;
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && /^[\w.-]{1,64}$/.test(code)) return code;
    return err.name || 'Error';
  }
  const kind = (first as { kind?: unknown } | undefined)?.kind;
  return typeof kind === 'string' && /^[\w.-]{1,64}$/.test(kind) ? kind : 'unknown';
}
