/**
 * How the bot learns from the channel's presses (src/learning/learner.ts), from the environment:
 *
 *   LEARN                 on | off (default on): whether presses teach the matcher
 *   LEARN_CONFIRMATIONS   distinct people whose presses make a pair count, 1..20 (default 2)
 *   LEARN_ADMINS          knowledge admins, one press of whom is enough: `slack:U0123,teams:29:1ab…`
 *                         (a bare id matches on any platform), separated by commas or spaces
 *   LEARN_RETENTION_DAYS  how long a press counts unless confirmed again, 1..3650 (default 180)
 */
export interface LearningConfig {
  readonly enabled: boolean;
  readonly confirmations: number;
  /** `platform:user` ids, or bare user ids for any platform. */
  readonly admins: ReadonlySet<string>;
  readonly retentionDays: number;
}

export const defaultLearningConfig: LearningConfig = {
  enabled: true,
  confirmations: 2,
  admins: new Set(),
  retentionDays: 180,
};

/** The variables and their defaults (empty: unset), for .env.example and the README. */
export const learningVariables: Readonly<Record<string, string>> = {
  LEARN: 'on',
  LEARN_CONFIRMATIONS: '2',
  LEARN_ADMINS: '',
  LEARN_RETENTION_DAYS: '180',
};

/** Reads the variables, appending every problem to `problems`. */
export function readLearningConfig(
  env: Readonly<Record<string, string | undefined>>,
  problems: string[],
): LearningConfig {
  const text = (name: string) => env[name]?.trim() || undefined;
  const rawEnabled = text('LEARN')?.toLowerCase() ?? 'on';
  const enabled = ['on', 'true', '1', 'yes'].includes(rawEnabled);
  if (!enabled && !['off', 'false', '0', 'no'].includes(rawEnabled)) {
    problems.push(`LEARN must be on or off, got "${text('LEARN')}"`);
  }
  const whole = (name: string, fallback: number, max: number): number => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(value >= 1 && value <= max)) {
      problems.push(`${name} must be a whole number from 1 to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  };
  const admins = new Set<string>();
  for (const id of (text('LEARN_ADMINS') ?? '').split(/[\s,]+/)) {
    if (id === '') continue;
    if (!/^(?:(?:slack|teams|web|cli):)?[^\s:,][^\s,]{0,199}$/.test(id)) {
      problems.push(`LEARN_ADMINS must list chat user ids such as slack:U0123, got "${id.slice(0, 60)}"`);
    } else admins.add(id);
  }
  return {
    enabled,
    confirmations: whole('LEARN_CONFIRMATIONS', defaultLearningConfig.confirmations, 20),
    admins,
    retentionDays: whole('LEARN_RETENTION_DAYS', defaultLearningConfig.retentionDays, 3650),
  };
}

/** Whether a chat user is a knowledge admin: listed as `platform:user`, or by the bare id. */
export function isKnowledgeAdmin(config: LearningConfig, platform: string, userId: string): boolean {
  return config.admins.has(`${platform}:${userId}`) || config.admins.has(userId);
}
