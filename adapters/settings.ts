/**
 * Everything the process reads from its environment, gathered at start: the process settings
 * (src/config.ts) and each chat platform's own reader. Every problem from every reader is reported together.
 */
import { type Config, configInvalid, type Env, readConfig } from '../src/config.ts';
import { type DiagnosisConfig, diagnosisVariables, readDiagnosisConfig } from '../src/diagnosis/diagnosis-config.ts';
import { type HandoffConfig, readHandoffConfig } from '../src/handoff/handoff-config.ts';
import { type LearningConfig, learningVariables, readLearningConfig } from '../src/learning/learning-config.ts';
import { readStoreConfig, type StoreConfig } from '../src/store/store-config.ts';
import { readSlackConfig, type SlackConfig } from './slack/slack-config.ts';
import { readTeamsConfig, type TeamsConfig } from './teams/teams-config.ts';

export interface Settings {
  readonly config: Config;
  readonly slack?: SlackConfig;
  readonly teams?: TeamsConfig;
  readonly diagnosis: DiagnosisConfig;
  /** STORE, STATE_DIR, REDIS_URL, REDIS_TIMEOUT_MS: where the record is kept. */
  readonly store: StoreConfig;
  /** RETENTION_DAYS, the handoff's time zone and schedules. */
  readonly handoff: HandoffConfig;
  /** LEARN, LEARN_CONFIRMATIONS, LEARN_ADMINS, LEARN_RETENTION_DAYS: learning from presses on answers. */
  readonly learning: LearningConfig;
  /** Resolved from PLAYGROUND: `auto` means on only when no chat platform is configured. */
  readonly playground: boolean;
  /** Not fatal; logged once at start. */
  readonly warnings: readonly string[];
}

/**
 * Every variable, with its default (empty: unset). `.env.example` and the README's configuration table list
 * the same, and a test keeps them in step.
 */
export const settingVariables: Readonly<Record<string, string>> = {
  PORT: '3000',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'info',
  SHUTDOWN_TIMEOUT_MS: '10000',
  MAX_IN_FLIGHT: '256',
  KNOWLEDGE_DIR: 'knowledge',
  KNOWLEDGE_WATCH: 'true',
  STORE: '',
  STATE_DIR: 'data',
  REDIS_URL: '',
  REDIS_TIMEOUT_MS: '1000',
  RETENTION_DAYS: '30',
  BOT_LANGUAGE: 'ko',
  PLAYGROUND: 'auto',
  PLAYGROUND_ORIGIN: '',
  SLACK_MODE: 'socket',
  SLACK_BOT_TOKEN: '',
  SLACK_APP_TOKEN: '',
  SLACK_SIGNING_SECRET: '',
  SLACK_API_URL: '',
  TEAMS_APP_ID: '',
  TEAMS_APP_PASSWORD: '',
  TEAMS_TENANT_ID: '',
  TEAMS_ALLOW_UNAUTHENTICATED: 'false',
  ...diagnosisVariables,
  HANDOFF_TIMEZONE: 'UTC',
  HANDOFF_SCHEDULES: '',
  HANDOFF_CHANNEL_ACCESS: '',
  ...learningVariables,
};

export function loadSettings(env: Env): Settings {
  const problems: string[] = [];
  const warnings: string[] = [];
  const config = readConfig(env, problems, warnings);
  // PORT is the process's and checked above; the Slack adapter's own port is for running it alone.
  const slack = readSlackConfig({ ...env, PORT: undefined }, problems);
  const teams = readTeamsConfig(env as NodeJS.ProcessEnv, problems);
  const diagnosis = readDiagnosisConfig(env, problems);
  const store = readStoreConfig(env, problems);
  const handoff = readHandoffConfig(env, problems);
  const learning = readLearningConfig(env, problems);
  if (problems.length > 0) throw configInvalid([...new Set(problems)]);

  const chat = slack !== undefined || teams !== undefined;
  const playground = config.playground === 'on' || (config.playground === 'auto' && !chat);
  if (store.kind === 'memory' && chat) {
    warnings.push('STORE=memory: the record is neither kept across restarts nor shared between replicas');
  }
  if (playground && config.playgroundOrigin) {
    warnings.push(
      `PLAYGROUND_ORIGIN=${config.playgroundOrigin}: anyone who can open it can run commands as the playground admin`,
    );
  }
  return {
    config,
    ...(slack ? { slack } : {}),
    ...(teams ? { teams } : {}),
    diagnosis,
    store,
    handoff,
    learning,
    playground,
    warnings,
  };
}
