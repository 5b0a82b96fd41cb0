import { BotError, ErrorCode } from '../errors.ts';

/**
 * Which store keeps the bot's record (dedup claims, open answers, incidents, locks):
 *
 *   sqlite  one database file in STATE_DIR: the default, kept across restarts, for one process on one
 *           machine (a CLI or a second process beside it reads and claims the same file)
 *   redis   REDIS_URL: shared by several replicas (Sentinel and Cluster too)
 *   memory  nothing kept: for tests and throwaway runs
 */
export type StoreConfig =
  | { readonly kind: 'sqlite'; readonly stateDir: string }
  | { readonly kind: 'redis'; readonly redisUrl: string; readonly timeoutMs?: number }
  | { readonly kind: 'memory' };

export type StoreKind = StoreConfig['kind'];
const kinds: readonly StoreKind[] = ['sqlite', 'redis', 'memory'];

/** STATE_DIR's default: relative to the working directory (the container image sets /data). */
export const defaultStateDir = 'data';

/**
 * Reads STORE, STATE_DIR and REDIS_URL:
 *
 *   STORE      sqlite | redis | memory; unset: redis when REDIS_URL is set, else sqlite
 *   STATE_DIR  the SQLite store's directory (default `data`, created on start)
 *   REDIS_URL  redis://…, rediss://…, redis+sentinel://…, redis+cluster://…
 *   REDIS_TIMEOUT_MS  how long one Redis command may take before it counts as failed (default 1000)
 *
 * With `collect`, problems are appended there to be reported with the other readers'; without, they
 * throw one ConfigInvalid BotError listing them all.
 */
export function readStoreConfig(
  env: Readonly<Record<string, string | undefined>> = {},
  collect?: string[],
): StoreConfig {
  const problems: string[] = [];
  const redisUrl = env['REDIS_URL']?.trim() || undefined;
  if (redisUrl !== undefined && !/^rediss?(\+sentinel|\+cluster)?:\/\//.test(redisUrl)) {
    problems.push('REDIS_URL must start with redis://, rediss://, redis+sentinel:// or redis+cluster://');
  }
  const rawTimeout = env['REDIS_TIMEOUT_MS']?.trim() || undefined;
  const timeoutMs = rawTimeout === undefined ? undefined : Number(rawTimeout);
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs >= 50 && timeoutMs <= 60_000)) {
    problems.push(`REDIS_TIMEOUT_MS must be a whole number of milliseconds from 50 to 60000, got "${rawTimeout}"`);
  }
  const stateDir = env['STATE_DIR']?.trim() || defaultStateDir;
  const rawKind = env['STORE']?.trim().toLowerCase() || undefined;
  let kind: StoreKind = redisUrl === undefined ? 'sqlite' : 'redis';
  if (rawKind !== undefined) {
    const named = kinds.find((k) => k === rawKind);
    if (named === undefined) problems.push(`STORE must be one of ${kinds.join(', ')}, got "${env['STORE']?.trim()}"`);
    else kind = named;
  }
  if (kind === 'redis' && redisUrl === undefined) problems.push('STORE=redis needs REDIS_URL');
  if (collect) collect.push(...problems);
  else if (problems.length > 0) {
    throw new BotError(ErrorCode.ConfigInvalid, `invalid store configuration:\n- ${problems.join('\n- ')}`);
  }
  if (kind === 'redis' && redisUrl !== undefined) {
    return Object.freeze({ kind, redisUrl, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
  }
  if (kind === 'memory') return Object.freeze({ kind });
  return Object.freeze({ kind: 'sqlite', stateDir });
}
