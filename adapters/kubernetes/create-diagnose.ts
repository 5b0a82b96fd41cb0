import type { Command } from '../../src/commands/command.ts';
import { createDiagnoseCommand } from '../../src/commands/diagnose-command.ts';
import type { DiagnosisConfig } from '../../src/diagnosis/diagnosis-config.ts';
import { isBotError } from '../../src/errors.ts';
import type { Logger } from '../../src/log.ts';
import type { Matcher } from '../../src/matching/matcher.ts';
import type { Store } from '../../src/store/store.ts';
import { createKubeClusterDirectory } from './kube-clusters.ts';

export interface DiagnoseWiring {
  readonly config: DiagnosisConfig;
  /** Where KUBECONFIG and HOME are read (process.env in adapters/main.ts). */
  readonly env: Record<string, string | undefined>;
  readonly store: Store;
  readonly log: Logger;
  readonly matcher?: Matcher;
}

/**
 * The `/diagnose` command for the composition root. Undefined (with `warning` set) when this process has
 * no Kubernetes configuration at all: the bot then answers that diagnose is not configured. A kubeconfig
 * that exists but cannot be read still throws, so a typo stops start-up instead of hiding.
 */
export function createDiagnoseFromConfig(wiring: DiagnoseWiring): { command?: Command; warning?: string } {
  const { config } = wiring;
  let clusters: ReturnType<typeof createKubeClusterDirectory>;
  try {
    clusters = createKubeClusterDirectory({
      contexts: config.contexts,
      inCluster: config.inCluster,
      inClusterName: config.inClusterName,
      callTimeoutMs: config.callTimeoutMs,
      env: wiring.env,
    });
  } catch (err) {
    if (isBotError(err) && err.message.startsWith('no Kubernetes configuration'))
      return { warning: `diagnose disabled: ${err.message}` };
    throw err;
  }
  const warning =
    clusters.clusters.length === 0
      ? `diagnose has no usable context: KUBE_CONTEXTS matches none of the kubeconfig's contexts`
      : config.access.users.size === 0
        ? 'DIAGNOSE_USERS is empty: every /diagnose from chat will be refused'
        : undefined;
  const command = createDiagnoseCommand({
    clusters,
    access: config.access,
    store: wiring.store,
    log: wiring.log,
    defaultNamespace: config.defaultNamespace,
    budgetMs: config.budgetMs,
    ...(wiring.matcher ? { matcher: wiring.matcher } : {}),
  });
  return { command, ...(warning ? { warning } : {}) };
}
