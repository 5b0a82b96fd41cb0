/**
 * Telling commands, error messages and output apart in documentation text, so that sections can list the
 * error strings they document and keep their commands as code. Heuristics, kept small and general.
 */

/** Programs whose invocations the documents show; a line starting with one of them is a command. */
const COMMAND_WORDS = [
  'kubectl',
  'ibmcloud',
  'docker',
  'helm',
  'calicoctl',
  'crictl',
  'ctr',
  'az',
  'aws',
  'gcloud',
  'tccli',
  'notary',
  'nssm',
  'hnsdiag',
  'netsh',
  'curl',
  'wget',
  'echo',
  'export',
  'cat',
  'apt-get',
  'apt',
  'yum',
  'dnf',
  'systemctl',
  'journalctl',
  'kubeadm',
  'kubelet',
  'ssh',
  'base64',
  'openssl',
  'rm',
  'mkdir',
  'cp',
  'mv',
  'chmod',
  'grep',
  'df',
  'du',
  'ls',
  'ping',
  'nslookup',
  'dig',
  'git',
  'npm',
  'node',
  'sudo',
  'C:\\k\\',
  'c:\\k\\',
] as const;
const COMMAND_LINE = new RegExp(
  `^(?:\\$ |PS [A-Z]:[^>]*> ?|# )?(?:${COMMAND_WORDS.map((w) => w.replace(/[\\.*+?^${}()|[\]]/g, '\\$&')).join('|')})(?:\\s|$|\\.exe)|^(?:\\$ |PS [A-Z]:[^>]*> )|^(?:Get|Set|New|Remove|Stop|Start|Restart)-[A-Z]\\w+`,
);

export function looksLikeCommand(line: string): boolean {
  return COMMAND_LINE.test(line.trim());
}

const ERROR_WORDS =
  /\b(?:error|errors|fail(?:ed|ure|s)?|denied|unauthori[sz]ed|forbidden|not found|could not|cannot|can't|unable|timed out|timeout|refused|invalid|exceeded|not a registered|already exists?|no such|not permitted|insufficient|unavailable|unreachable|no route|backoff|back-off|oomkilled|oom|killed|crashloop|exception|unknown|not ready|notready|evicted|rejected|mismatch|inconsistent|no available|does not|doesn't|not allowed|not set|expired|missing|invalid)\b|\b(?:401|403|404|500|502|503)\b|\(E\d{4}\)|\bE\d{4}\b/i;

/** A message worth matching on: a few words and an error word (not a bare "FAILED" or a table header). */
export function looksLikeError(text: string): boolean {
  const t = text.trim();
  if (t.length < 8 || t.length > 400) return false;
  if (!/[A-Za-z]{2,}/.test(t)) return false;
  const words = t.split(/\s+/).filter(Boolean);
  if (words.length < 2 && !KUBE_REASON.test(t)) return false;
  return ERROR_WORDS.test(t) || KUBE_REASON.test(t);
}

/** Kubernetes event and status reasons that name a failure: FailedScheduling, ImagePullBackOff, ImageGCFailed. */
const KUBE_REASON =
  /\b(?:(?:Failed|Err|Error)[A-Z][A-Za-z]+|[A-Z][a-z]+(?:[A-Z][A-Za-z]*)*(?:Failed|Error|BackOff|Killed|Unavailable|Pressure)|[A-Z][A-Za-z]*Insufficient[A-Z][A-Za-z]*)\b/;

export function kubeReasons(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(new RegExp(KUBE_REASON.source, 'g'))) found.add(match[0]);
  return [...found];
}

/** A YAML or config line (`terminationMessagePolicy: File`) other than a message, reason or error field. */
function isConfigLine(line: string): boolean {
  const key = /^-?\s*([A-Za-z][\w.-]*)\s*[:=]\s/.exec(line)?.[1];
  return key !== undefined && !/^(?:message|reason|error|err|status|msg|description|warning)$/i.test(key);
}

/** A table header such as "NAME  READY  STATUS  RESTARTS  AGE". */
function isTableHeader(line: string): boolean {
  const words = line.trim().split(/\s{2,}|\t/);
  return words.length >= 3 && words.every((w) => /^[A-Z][A-Z ()_-]*$/.test(w));
}

/**
 * The error strings a code block documents. Output blocks (`screen`, or any block in a symptoms part)
 * give their message lines; a wrapped multi-line message is joined into one string.
 */
export function errorsFromCode(code: string, asOutput: boolean): string[] {
  const lines: string[] = [];
  for (const raw of code.split('\n')) {
    const line = raw.trim();
    // Prose (Korean explanations), commands, table headers and configuration are not messages.
    if (line === '' || line === '...' || /[가-힣]/.test(line) || isTableHeader(line) || looksLikeCommand(line))
      continue;
    if (isConfigLine(line)) continue;
    // A row of `kubectl get` output: its status reason is the signal, not the pod name or age.
    if (/\S\s{2,}\S+\s{2,}\S+\s{2,}\S/.test(line)) {
      const reasons = kubeReasons(line);
      const rest = reasons.reduce((text, reason) => text.replaceAll(reason, ' '), line);
      if (!looksLikeError(rest)) {
        lines.push(...reasons);
        continue;
      }
    }
    lines.push(line.replace(/\s+/g, ' '));
  }
  if (lines.length === 0) return [];
  const errorLines = lines.filter(looksLikeError);
  if (!asOutput) return errorLines;
  if (errorLines.length === lines.length) return lines;
  if (lines.length <= 4) {
    const joined = lines.join(' ');
    return joined.length <= 400 && (errorLines.length > 0 || lines.length === 1) ? [joined] : errorLines;
  }
  return errorLines;
}

/** Messages quoted as code spans: "`access denied` 오류 메시지가 표시되는 경우". */
export function quotedErrors(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/`([^`]+)`/g)) {
    const span = (match[1] ?? '').trim();
    if (span.split(/\s+/).length >= 2 && looksLikeError(span) && !looksLikeCommand(span)) found.push(span);
    else if (/^Error:/.test(span)) found.push(span);
  }
  return found;
}

/** Messages in double quotes: `I am seeing errors such as "hnsCall failed in Win32: …"`. */
function doubleQuotedErrors(text: string): string[] {
  return [...text.matchAll(/"([^"]{8,200})"/g)].map((m) => (m[1] ?? '').trim()).filter(looksLikeError);
}

/**
 * Error messages quoted in prose: code spans, and runs of English words in Korean text that read as errors.
 * In English prose a run of English words is just the sentence, so there only quoted messages count.
 */
export function errorPhrases(text: string): string[] {
  const found = quotedErrors(text);
  const prose = text.replace(/`[^`]*`/g, ' ');
  if (!/[^\P{L}\p{Script=Latin}]/u.test(prose)) {
    return [...new Set([...found, ...doubleQuotedErrors(prose), ...kubeReasons(text)])];
  }
  for (const match of prose.matchAll(/[A-Za-z][A-Za-z0-9'":./_-]*(?:[ ][A-Za-z0-9'":./_()-]+){2,}/g)) {
    const run = match[0].trim().replace(/^['"(]+|['"),.:]+$/g, '');
    if (looksLikeError(run)) found.push(run);
  }
  for (const reason of kubeReasons(text)) found.push(reason);
  return [...new Set(found)];
}
