/**
 * The process logger: pino, one JSON object per line on stdout, or pino-pretty's coloured lines when stdout
 * is a terminal. Secrets are removed before a line is written, whoever logs them: by path (below), and by
 * the bot's one redactor over every string, the message and the error's message and stack included. Every
 * error-level line is counted by kind for /metrics.
 */
import { stdout } from 'node:process';
import { type DestinationStream, type Logger, pino } from 'pino';
import pretty from 'pino-pretty';
import type { LogLevel } from '../src/config.ts';
import { redactSecrets, redactValues } from '../src/redact.ts';

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

export type LogFormat = 'json' | 'pretty';

export interface LoggerOptions {
  readonly level: LogLevel;
  /** Defaults to stdout; tests pass a recording stream. */
  readonly destination?: DestinationStream;
  /** How stdout is written: `pretty` when it is a terminal, else `json`. Ignored with a destination. */
  readonly format?: LogFormat;
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
      formatters: { level: (label) => ({ level: label }), log: (object) => redactValues(object) },
      serializers: { err: redactError },
      redact: { paths: [...redactPaths], censor: '[redacted]' },
      hooks: {
        logMethod(args, method, level) {
          if (onError && level >= 50) onError(errorKind(args[0]));
          method.apply(this, redactArgs(args));
        },
      },
    },
    options.destination ?? stdoutDestination(options.format ?? (stdout.isTTY ? 'pretty' : 'json')),
  );
}

/** The message and its format arguments; an error logged without a message gives its own, redacted. */
function redactArgs(args: Parameters<pino.LogFn>): Parameters<pino.LogFn> {
  const [first, ...rest] = args;
  const text = rest.map((a: unknown) => (typeof a === 'string' ? redactSecrets(a) : a));
  if (typeof first === 'string') return [redactSecrets(first), ...text] as Parameters<pino.LogFn>;
  if (first instanceof Error && text.length === 0) return [first, redactSecrets(first.message)];
  return [first, ...text] as Parameters<pino.LogFn>;
}

/** pino's error serializer, then the redactor over every string it kept (message, stack, userMessage…). */
function redactError(err: unknown): unknown {
  const serialized = pino.stdSerializers.err(err as Error) as unknown;
  if (serialized === null || typeof serialized !== 'object') return serialized;
  const fields = serialized as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (typeof value === 'string') fields[key] = redactSecrets(value);
  }
  return fields;
}

function stdoutDestination(format: LogFormat): DestinationStream {
  if (format === 'json') return pino.destination({ dest: 1, sync: false });
  // For a person at a terminal: the start line already sums up the settings, so their dump is left out
  // here (piped or redirected, stdout gets every field as JSON).
  return pretty({
    destination: 1,
    sync: true,
    colorize: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'service,settings',
  });
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
