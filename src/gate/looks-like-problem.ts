/**
 * Decides whether a message in a busy channel is worth matching at all: an error paste or a question.
 * Chat ("thanks!", "lunch?") never reaches the matcher unasked, so a lucky fuzzy hit cannot make the
 * bot talk over people. Addressed messages skip this gate.
 */
export type ProblemKind = 'error' | 'question';

/** Words and shapes that error output carries: runtimes, kubectl, registries, cloud CLIs. */
const errorPatterns: readonly RegExp[] = [
  /\b(error|errors|err[A-Z]\w*|failed|failure|fail(s|ing)?|fatal|panic|exception|traceback)\b/i,
  /\b(denied|unauthori[sz]ed|forbidden|refused|timed? ?out|timeout|unreachable|not found|no such|cannot|can't|unable to|invalid|insufficient|evicted|oomkilled|backoff|back-off|crashloop\w*|pending|terminating|unhealthy|deadline exceeded)\b/i,
  /\b(exit(ed)? (code|status)|status code|code = \w+|x509|tls handshake|certificate)\b/i,
  /\b[45]\d\d (bad request|unauthorized|forbidden|not found|conflict|too many requests|internal server error|bad gateway|service unavailable|gateway timeout)\b/i,
  /^\s*(Warning|Normal)\s+\w+\s+/m, // kubectl describe Events rows
  /\b(Failed\w+|ImagePull\w*|ErrImage\w*|CreateContainer\w*Error|Unhealthy|NodeNotReady|FailedScheduling)\b/,
  // Korean: error, failure, problem, does not work, cannot connect, stuck
  /(오류|에러|실패|문제|안\s?돼|안\s?됩|안\s?되|되지 않|안 떠|연결할 수 없|접속이 안|멈춰|멈춤|보류|대기 상태|재시작|권한|거부|시간 초과|제한시간)/,
];

const questionPatterns: readonly RegExp[] = [
  /[?？]\s*$/m,
  /^\s*(how|why|what|where|when|which|who|can|could|should|is|are|does|do|did|has|have|will|would)\b.{6,}/i,
  // Korean question endings and question words
  /(나요|까요|을까|ㄹ까|인가요|한가요|되나요|있나요|없나요|하죠|뭔가요|어떻게|왜|무엇|뭐가|어디)/,
];

/** Too short to be an error paste or a real question ("ok", "thx", "+1"). */
const minLength = 8;

export function looksLikeProblem(text: string): ProblemKind | undefined {
  const trimmed = text.trim();
  if (trimmed.length < minLength) return undefined;
  // Bounded: a 2 MB paste is classified by its head, which is where errors and questions start.
  const head = trimmed.length > 20_000 ? trimmed.slice(0, 20_000) : trimmed;
  if (errorPatterns.some((p) => p.test(head))) return 'error';
  if (questionPatterns.some((p) => p.test(head))) return 'question';
  return undefined;
}
