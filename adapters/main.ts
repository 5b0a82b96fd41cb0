/**
 * `npm start`: the bot as one process. Reads the environment once (every problem reported together),
 * loads the knowledge, starts the configured chat platforms, health, metrics and, with nothing
 * configured, the web playground on http://127.0.0.1:3000. Once listening it writes one line for a person
 * on stderr (stdout carries the logs). SIGTERM and SIGINT stop it gracefully.
 */
import { env, exit, stderr } from 'node:process';
import { ErrorCode, isBotError } from '../src/errors.ts';
import type { LoadProblem } from '../src/knowledge/section.ts';
import { loadMatcher } from '../src/matching/load-matcher.ts';
import { type RunningApp, startApp } from './app.ts';
import { loadSettings, type Settings } from './settings.ts';
import { listenProblem, startLine } from './start-line.ts';

function readSettings(): Settings {
  try {
    return loadSettings(env);
  } catch (err) {
    // Before a logger exists: one readable message that names every wrong or missing variable.
    stderr.write(
      `kube-support-bot: ${isBotError(err) ? err.message : String(err)}\nSee .env.example for every variable.\n`,
    );
    return exit(78); // EX_CONFIG
  }
}

const settings = readSettings();
let app: RunningApp;
try {
  app = await startApp({
    settings,
    env,
    // The documents and runbooks, and the lexicon beside them; lexicon problems count as load problems,
    // so a broken vocabulary file on reload keeps the last good knowledge too.
    loadKnowledge: async (config, { learned }) => {
      const loaded = await loadMatcher(config.knowledge.dir, { learned });
      const lexiconProblems: LoadProblem[] = loaded.problems.map((message) => ({ source: 'lexicon', message }));
      return {
        base: { ...loaded.knowledge, problems: [...loaded.knowledge.problems, ...lexiconProblems] },
        matcher: loaded.matcher,
      };
    },
  });
} catch (err) {
  const problem = listenProblem(err, settings.config.server) ?? (err instanceof Error ? err.message : String(err));
  stderr.write(`kube-support-bot: could not start: ${problem}\n`);
  // A setting that cannot work (STATE_DIR read-only or full) is a configuration error like the others.
  exit(isBotError(err) && err.code === ErrorCode.ConfigInvalid ? 78 : 1);
}
stderr.write(`${startLine(app, settings)}\n`);

let signals = 0;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    signals += 1;
    // A second signal means "now": skip the drain.
    if (signals > 1) exit(130);
    void app.stop(signal).then(
      () => exit(0),
      () => exit(1),
    );
  });
}
