/**
 * `npm run -s cli -- diagnose pod <name> [-n ns] [--context c] [--json]`: the same diagnosis as the chat
 * command, against the caller's own kubeconfig (KUBECONFIG, then ~/.kube/config, as kubectl reads them),
 * so every context in it may be used. Framed in the CLI's language (--language, else BOT_LANGUAGE, else
 * ko). Exit codes: 0 diagnosed (healthy or not), 1 could not diagnose, 2 malformed command; with --json a
 * failure is `{"error": {"code", "message"}}` on stdout.
 */
import { env, stderr, stdout } from 'node:process';
import { DIAGNOSE_USAGE, parseDiagnoseArgs, runDiagnosis } from '../../src/commands/diagnose-command.ts';
import { readDiagnosisConfig } from '../../src/diagnosis/diagnosis-config.ts';
import { isBotError } from '../../src/errors.ts';
import { silentLogger } from '../../src/log.ts';
import { loadMatcher } from '../../src/matching/load-matcher.ts';
import { diagnosisJson, diagnosisReply } from '../../src/replies/diagnosis-reply.ts';
import { createKubeClusterDirectory } from '../kubernetes/kube-clusters.ts';
import { fail, usageError } from './cli-context.ts';
import type { CliCommand } from './main.ts';

const USAGE = `npm run -s cli -- ${DIAGNOSE_USAGE} [--json]`;

const command: CliCommand = {
  async run(argv, context) {
    const { language } = context;
    const parsed = parseDiagnoseArgs(argv);
    if (!parsed.ok) return usageError(context, parsed.problem[language], USAGE);
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
      const matcher = loadMatcher(context.knowledgeDir, { signal: knowledge.signal }).then(
        (loaded) => loaded.matcher,
        (err: unknown) => {
          stderr.write(`${context.messages.knowledgeNotLoaded(err instanceof Error ? err.message : String(err))}\n`);
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
          : `${diagnosisReply(result.diagnosis, result.linked, { language }).text}\n`,
      );
      return 0;
    } catch (err) {
      knowledge.abort();
      const message = isBotError(err)
        ? (err.userMessageIn(language) ?? err.message)
        : err instanceof Error
          ? err.message
          : String(err);
      const code = isBotError(err) ? err.code : 'failed';
      return fail(context, { code, message: message.replace(/`/g, '') }, 1);
    }
  },
};
export default command;
