import type { Logger } from '../../src/log.ts';

export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly msg: string;
  readonly obj: object;
}

/** A Logger that keeps every line (with its child bindings merged in), for asserting what was logged. */
export function recordingLogger(
  lines: LogLine[] = [],
  bindings: Record<string, unknown> = {},
): Logger & {
  readonly lines: LogLine[];
} {
  const at =
    (level: LogLine['level']) =>
    (obj: object, msg = ''): void => {
      lines.push({ level, msg, obj: { ...bindings, ...obj } });
    };
  return {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (more) => recordingLogger(lines, { ...bindings, ...more }),
  };
}
