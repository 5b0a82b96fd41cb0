/**
 * `npm run -s cli -- diagnose pod <name> [-n ns] [--context c] [--json]`: the same diagnosis as the chat
 * command, against the caller's own kubeconfig (KUBECONFIG, then ~/.kube/config, as kubectl reads them),
 * so every context in it may be used. Text is framed in English unless BOT_LANGUAGE=ko. Exit codes: 0 diagnosed (healthy or not), 1 could not diagnose,
 * 2 malformed command.
 */
import { env, stderr, stdout } from 'node:process';
import { DIAGNOSE_USAGE, parseDiagnoseArgs, runDiagnosis } from '../../src/commands/diagnose-command.ts';
import { readDiagnosisConfig } from '../../src/diagnosis/diagnosis-config.ts';
import { isBotError } from '../../src/errors.ts';
import { silentLogger } from '../../src/log.ts';
import { loadMatcher } from '../../src/matching/load-matcher.ts';
import { diagnosisJson, diagnosisReply } from '../../src/replies/diagnosis-reply.ts';
import { createKubeClusterDirectory } from '../kubernetes/kube-clusters.ts';
import type { CliCommand } from './main.ts';

async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseDiagnoseArgs(argv);
  if (!parsed.ok) {
    stderr.write(`${parsed.problem.en}\nusage: npm run -s cli -- ${DIAGNOSE_USAGE} [--json]\n`);
    return 2;
  }
  // Stops loading the knowledge when the diagnosis fails, so an error exits at once.
  const knowledge = new AbortController();
  try {
    const config = readDiagnosisConfig(env);
    const clusters = createKubeClusterDirectory({
      contexts: '*',
      inCluster: config.inCluster,
      inClusterName: config.inClusterName,
      callTimeoutMs: config.callTimeoutMs,
      env,
    });
    const { target } = parsed;
    // The knowledge loads while the cluster is read; a missing corpus only loses the documented steps.
    const matcher = loadMatcher('knowledge', { signal: knowledge.signal }).then(
      (loaded) => loaded.matcher,
      (err: unknown) => {
        stderr.write(
          `knowledge not loaded, replying without documented steps: ${err instanceof Error ? err.message : String(err)}\n`,
        );
        return undefined;
      },
    );
    const result = await runDiagnosis(
      {
        clusters,
        log: silentLogger,
        defaultNamespace: config.defaultNamespace,
        budgetMs: config.budgetMs,
        matcher: await matcher,
      },
      target,
      AbortSignal.timeout(config.budgetMs + 1000),
    );
    stdout.write(
      target.json
        ? `${JSON.stringify(diagnosisJson(result.diagnosis, result.linked))}\n`
        : `${diagnosisReply(result.diagnosis, result.linked, { language: env['BOT_LANGUAGE'] === 'ko' ? 'ko' : 'en' }).text}\n`,
    );
    return 0;
  } catch (err) {
    knowledge.abort();
    const message = isBotError(err)
      ? (err.userMessage ?? err.message)
      : err instanceof Error
        ? err.message
        : String(err);
    stderr.write(`${message.replace(/`/g, '')}\n`);
    return 1;
  }
}

const command: CliCommand = {
  summary: 'diagnose pod <name> [-n ns] [--context c] [--json]  diagnose a pod in a cluster',
  run,
};
export default command;
