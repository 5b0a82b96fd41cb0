import { type AccessConfig, decideAccess } from '../access/access-policy.ts';
import { writeAudit } from '../access/audit.ts';
import { reviewedReader } from '../access/reviewed-reader.ts';
import type { ClusterDirectory, ClusterReader } from '../diagnosis/cluster-reader.ts';
import { type Diagnosis, diagnose } from '../diagnosis/diagnose.ts';
import { type LinkedFinding, linkSections } from '../diagnosis/link-sections.ts';
import { gatherPodSnapshot } from '../diagnosis/snapshot.ts';
import { BotError, ErrorCode, isBotError, type LocalizedText } from '../errors.ts';
import type { Language } from '../i18n/messages.ts';
import type { Logger } from '../log.ts';
import type { Matcher } from '../matching/matcher.ts';
import type { Reply } from '../message.ts';
import { redactSecrets } from '../redact.ts';
import { diagnosisProgressText, diagnosisReply } from '../replies/diagnosis-reply.ts';
import { errorReply } from '../replies/error-reply.ts';
import { usageReply } from '../replies/usage-reply.ts';
import type { Store } from '../store/store.ts';
import type { Command, CommandInvocation } from './command.ts';
import { diagnoseOffText, playgroundAllowHint } from './diagnose-setup.ts';

export const DIAGNOSE_USAGE = 'diagnose pod <name> [-n namespace] [--context cluster]';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const CONTEXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:@/-]{0,252}$/;

export interface DiagnoseTarget {
  readonly pod: string;
  readonly namespace?: string;
  readonly context?: string;
  readonly json: boolean;
}

export type ParsedArgs =
  | { readonly ok: true; readonly target: DiagnoseTarget }
  | { readonly ok: false; readonly problem: LocalizedText };

const problem = (en: string, ko: string): ParsedArgs => ({ ok: false, problem: { en, ko } });

/** An argument as echoed in the reply: redacted (a token pasted into the wrong place), printable, short. */
function show(value: string): string {
  const flat = redactSecrets(value).replace(/[^\x20-\x7e]/g, '?');
  return flat.length > 40 ? `${flat.slice(0, 40)}…` : flat;
}

/**
 * `pod <name> [-n ns | --namespace ns | -n=ns] [--context c] [--json]`, also `pod/<name>` and `po`.
 * Names are checked as Kubernetes names (a namespace is a DNS label) before they can reach a URL.
 */
export function parseDiagnoseArgs(args: string | readonly string[]): ParsedArgs {
  const words = typeof args === 'string' ? args.trim().split(/\s+/).filter(Boolean) : [...args];
  let pod: string | undefined;
  let namespace: string | undefined;
  let context: string | undefined;
  let json = false;
  let kindSeen = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const [flag, inline] =
      word.startsWith('-') && word.includes('=')
        ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)]
        : [word, undefined];
    const value = () => inline ?? words[++i];
    if (flag === '-n' || flag === '--namespace') {
      namespace = value();
      if (namespace === undefined)
        return problem(`${flag} needs a namespace name`, `${flag} 뒤에 네임스페이스 이름이 필요합니다`);
    } else if (flag === '--context' || flag === '--cluster') {
      context = value();
      if (context === undefined)
        return problem(`${flag} needs a context name`, `${flag} 뒤에 컨텍스트 이름이 필요합니다`);
    } else if (flag === '--json') json = true;
    else if (word.startsWith('-')) return problem(`unknown option "${show(word)}"`, `알 수 없는 옵션 "${show(word)}"`);
    else if (!kindSeen && /^(pods?|po)(\/.+)?$/i.test(word)) {
      kindSeen = true;
      const slash = word.indexOf('/');
      if (slash > 0) pod = word.slice(slash + 1);
    } else if (!kindSeen)
      return problem(
        `only pods can be diagnosed, not "${show(word)}"`,
        `팟만 진단할 수 있습니다 ("${show(word)}" 불가)`,
      );
    else if (pod === undefined) pod = word;
    else return problem(`unexpected "${show(word)}"`, `예상하지 못한 인자 "${show(word)}"`);
  }
  if (!kindSeen || pod === undefined) return problem('which pod?', '어느 팟을 진단할까요?');
  if (!DNS_SUBDOMAIN.test(pod))
    return problem(
      `"${show(pod)}" is not a valid pod name (lowercase letters, digits, "-" and ".")`,
      `"${show(pod)}"은(는) 올바른 팟 이름이 아닙니다 (소문자, 숫자, "-", "."만 가능)`,
    );
  if (namespace !== undefined && !DNS_LABEL.test(namespace))
    return problem(
      `"${show(namespace)}" is not a valid namespace name (a DNS label: lowercase letters, digits and "-", at most 63)`,
      `"${show(namespace)}"은(는) 올바른 네임스페이스 이름이 아닙니다 (DNS 레이블: 소문자, 숫자, "-"로 63자 이내)`,
    );
  if (context !== undefined && !CONTEXT_NAME.test(context))
    return problem(
      `"${show(context)}" is not a valid context name`,
      `"${show(context)}"은(는) 올바른 컨텍스트 이름이 아닙니다`,
    );
  return { ok: true, target: { pod, json, ...(namespace ? { namespace } : {}), ...(context ? { context } : {}) } };
}

export interface DiagnoseDeps {
  readonly clusters: ClusterDirectory;
  /** Links each finding to the corpus's fix; without it the reply carries evidence and commands only. */
  readonly matcher?: Matcher;
  readonly log: Logger;
  readonly defaultNamespace?: string;
  /** The whole diagnosis, even when the API server hangs. Default 10 000. */
  readonly budgetMs?: number;
  readonly now?: () => number;
  /** The reply's frame (headings, labels); default Korean, the bot's default. */
  readonly language?: Language;
}

export interface DiagnoseResult {
  readonly diagnosis: Diagnosis;
  readonly linked: readonly LinkedFinding[];
}

/** Reads, checks and links one pod; rejects with a BotError for not found, forbidden, unreachable, timeout. */
export async function runDiagnosis(
  deps: DiagnoseDeps,
  target: { readonly pod: string; readonly namespace?: string; readonly context?: string },
  signal: AbortSignal,
  options: { readonly reader?: ClusterReader } = {},
): Promise<DiagnoseResult> {
  const reader = options.reader ?? deps.clusters.reader(target.context);
  const namespace = target.namespace ?? deps.defaultNamespace ?? 'default';
  const budget = AbortSignal.any([signal, AbortSignal.timeout(deps.budgetMs ?? 10_000)]);
  const snapshot = await gatherPodSnapshot(reader, namespace, target.pod, {
    signal: budget,
    log: deps.log,
    nowMs: (deps.now ?? Date.now)(),
  });
  const diagnosis = diagnose(snapshot, deps.log);
  return { diagnosis, linked: linkSections(diagnosis.findings, deps.matcher) };
}

export interface DiagnoseCommandDeps extends DiagnoseDeps {
  /** Who may diagnose where; chat users are mapped to Kubernetes identities checked by the API server. */
  readonly access: AccessConfig;
  /** Where audit records go. */
  readonly store: Store;
}

function refusal(reason: LocalizedText, language: Language): Reply {
  return errorReply(new BotError(ErrorCode.NotAllowed, reason.en, { userMessage: reason }), '', { language });
}

const DESCRIPTION = 'Read a pod from the cluster and say what is wrong, with evidence and the documented fix.';

/**
 * `/diagnose pod <name> [-n ns] [--context c]`: the bot's allowlists, then the cluster's RBAC for the
 * user's mapped identity (SubjectAccessReview), then the diagnosis. Every request is audited.
 */
export function createDiagnoseCommand(deps: DiagnoseCommandDeps): Command {
  const now = deps.now ?? Date.now;
  // The person's own language (the playground's switch) wins over the bot's setting.
  const languageOf = (invocation: CommandInvocation): Language => invocation.language ?? deps.language ?? 'ko';
  return {
    name: 'diagnose',
    usage: DIAGNOSE_USAGE,
    description: DESCRIPTION,
    progress(invocation) {
      const parsed = parseDiagnoseArgs(invocation.args);
      if (!parsed.ok) return undefined;
      const text = diagnosisProgressText(parsed.target.pod, languageOf(invocation));
      return { kind: 'progress', text, blocks: [{ type: 'context', text }], inThread: true };
    },
    async run(invocation: CommandInvocation, signal: AbortSignal): Promise<Reply> {
      const language = languageOf(invocation);
      const log = deps.log.child({
        command: 'diagnose',
        platform: invocation.platform,
        conversationId: invocation.conversationId,
      });
      const parsed = parseDiagnoseArgs(invocation.args);
      if (!parsed.ok) {
        return usageReply({ name: 'diagnose', usage: DIAGNOSE_USAGE }, { language, problem: parsed.problem[language] });
      }
      const { target } = parsed;
      const namespace = target.namespace ?? deps.defaultNamespace ?? 'default';
      const cluster = target.context ?? deps.clusters.defaultCluster ?? '(none)';
      const audit = (allowed: boolean, outcome: string, identity?: string) =>
        writeAudit(
          deps.store,
          {
            atMs: now(),
            platform: invocation.platform,
            ...(invocation.workspaceId ? { workspaceId: invocation.workspaceId } : {}),
            conversationId: invocation.conversationId,
            userId: invocation.userId,
            ...(invocation.userName ? { userName: invocation.userName } : {}),
            ...(identity ? { identity } : {}),
            cluster,
            namespace,
            pod: target.pod,
            allowed,
            outcome,
          },
          log,
        );
      try {
        const reader = deps.clusters.reader(target.context);
        const decision = decideAccess(deps.access, invocation, reader.cluster, namespace);
        if (!decision.allowed) {
          await audit(false, decision.reason.en);
          const hint = { en: playgroundAllowHint(invocation, 'en'), ko: playgroundAllowHint(invocation, 'ko') };
          return refusal(
            hint.en && hint.ko
              ? { en: `${decision.reason.en} ${hint.en}`, ko: `${decision.reason.ko} ${hint.ko}` }
              : decision.reason,
            language,
          );
        }
        const who = decision.identity.user;
        // Every read the diagnosis makes is asked for this identity first; the pod itself must be allowed.
        const asUser = reviewedReader(reader, decision.identity);
        const review = await asUser.review({ verb: 'get', resource: 'pods', namespace, name: target.pod }, signal);
        if (!review.allowed) {
          const why = review.reason ? ` (${review.reason})` : '';
          const reason = {
            en: `Kubernetes RBAC does not let \`${who}\` get pods in namespace \`${namespace}\` of cluster \`${reader.cluster}\`${why}.`,
            ko: `Kubernetes RBAC가 \`${who}\`에게 클러스터 \`${reader.cluster}\`의 네임스페이스 \`${namespace}\`에서 팟 조회(get pods)를 허용하지 않습니다${why}.`,
          };
          await audit(false, reason.en, who);
          return refusal(reason, language);
        }
        const leftOut = () => (asUser.denied.length > 0 ? `; left out (RBAC): ${asUser.denied.join(', ')}` : '');
        const result = await runDiagnosis(deps, target, signal, { reader: asUser }).catch(async (err: unknown) => {
          await audit(true, `failed: ${isBotError(err) ? err.code : 'error'}${leftOut()}`, who);
          throw err;
        });
        await audit(true, `diagnosed: ${result.diagnosis.findings.length} finding(s)${leftOut()}`, who);
        log.info(
          { cluster: reader.cluster, namespace, findings: result.diagnosis.findings.map((f) => f.check) },
          'diagnosed',
        );
        return diagnosisReply(result.diagnosis, result.linked, { language });
      } catch (err) {
        if (isBotError(err) && err.code === ErrorCode.NotAllowed) await audit(false, err.userMessage ?? err.message);
        const ref = Math.random().toString(16).slice(2, 8);
        if (!isBotError(err) || !err.userMessage) log.error({ err, ref }, 'diagnosis failed');
        else log.warn({ err, ref }, 'diagnosis refused or failed');
        return errorReply(err, ref, { language });
      }
    },
  };
}

/**
 * /diagnose where no cluster can be read (no kubeconfig, no ServiceAccount): without arguments its usage,
 * as where it works, then what to set; with arguments, what to set.
 */
export function createDiagnoseOffCommand(options: {
  /** Why no cluster can be read, e.g. no kubeconfig found. */
  readonly reason: LocalizedText;
  readonly language?: Language;
}): Command {
  const language = options.language ?? 'ko';
  return {
    name: 'diagnose',
    usage: DIAGNOSE_USAGE,
    description: DESCRIPTION,
    async run(invocation): Promise<Reply> {
      const off = diagnoseOffText(options.reason, invocation, invocation.language ?? language);
      if (invocation.args.trim() !== '') {
        return { kind: 'info', text: off, blocks: [{ type: 'paragraph', text: off }], inThread: true };
      }
      const usage = usageReply(
        { name: 'diagnose', usage: DIAGNOSE_USAGE },
        { language: invocation.language ?? language },
      );
      return { ...usage, text: `${usage.text}\n${off}`, blocks: [...usage.blocks, { type: 'paragraph', text: off }] };
    },
  };
}
