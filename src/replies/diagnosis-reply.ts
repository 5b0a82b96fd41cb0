import type { Diagnosis } from '../diagnosis/diagnose.ts';
import type { LinkedFinding } from '../diagnosis/link-sections.ts';
import { formatAge } from '../diagnosis/time.ts';
import type { Language } from '../i18n/messages.ts';
import { localizedText } from '../knowledge/localize.ts';
import { literal, literalOutsideCode } from '../markdown/escape-markdown.ts';
import type { Block, Reply } from '../message.ts';
import { displayOf } from './answer-reply.ts';

const marks = { critical: '🔴', warning: '🟠', info: 'ℹ️' } as const;

/** The reply's frame in the bot's language; findings and evidence stay as Kubernetes states them. */
const words = {
  en: {
    severity: { critical: 'critical', warning: 'warning', info: 'info' },
    problems: (pod: string, n: number) => `Pod ${pod}: ${n} problem${n === 1 ? '' : 's'} found`,
    healthy: (pod: string) => `Pod ${pod} is healthy`,
    completed: (pod: string) => `Pod ${pod} completed successfully`,
    completedLine: 'All its containers exited successfully; a completed pod is not a crash.',
    healthyLine: (phase: string, ready: boolean, restarts: number) =>
      `${phase}, ${ready ? 'all containers ready' : 'no container reports a problem'}, ${restarts} restart${restarts === 1 ? '' : 's'}, no warning events.`,
    line: {
      pod: 'pod',
      namespace: 'namespace',
      cluster: 'cluster',
      restarts: (n: number) => `${n} restart${n === 1 ? '' : 's'}`,
      age: 'age',
      unknown: 'unknown',
    },
    owner: (o: string) => `owned by ${o}`,
    node: (n: string) => `on node ${n}`,
    evidence: 'Evidence',
    fix: (title: string) => `Documented fix: ${title}`,
    source: 'Source',
    further: 'Look further',
    notRead: (what: string, reason: string) => `Not read: ${what} (${reason})`,
    failedChecks: (names: string) => `Checks that failed and were skipped: ${names}`,
    progress: (pod: string) => `Diagnosing pod ${pod}…`,
  },
  ko: {
    severity: { critical: '심각', warning: '경고', info: '참고' },
    problems: (pod: string, n: number) => `팟 ${pod}: 문제 ${n}건`,
    healthy: (pod: string) => `팟 ${pod}은(는) 정상입니다`,
    completed: (pod: string) => `팟 ${pod}은(는) 정상적으로 완료되었습니다`,
    completedLine: '모든 컨테이너가 정상 종료했습니다. 완료된 팟은 장애가 아닙니다.',
    healthyLine: (phase: string, ready: boolean, restarts: number) =>
      `${phase}, ${ready ? '모든 컨테이너 준비됨' : '문제를 보고하는 컨테이너 없음'}, 재시작 ${restarts}회, 경고 이벤트 없음.`,
    line: {
      pod: '팟',
      namespace: '네임스페이스',
      cluster: '클러스터',
      restarts: (n: number) => `재시작 ${n}회`,
      age: '생성 후',
      unknown: '알 수 없음',
    },
    owner: (o: string) => `소유자 ${o}`,
    node: (n: string) => `노드 ${n}`,
    evidence: '근거',
    fix: (title: string) => `문서의 해결 방법: ${title}`,
    source: '출처',
    further: '더 살펴보기',
    notRead: (what: string, reason: string) => `읽지 못함: ${what} (${reason})`,
    failedChecks: (names: string) => `오류로 건너뛴 검사: ${names}`,
    progress: (pod: string) => `팟 ${pod} 진단 중…`,
  },
} as const;

export function diagnosisProgressText(pod: string, language: Language = 'ko'): string {
  return words[language].progress(pod);
}

/** The `--json` shape: stable, documented in the README, consumed by scripts. */
export interface DiagnosisJson {
  readonly pod: string;
  readonly namespace: string;
  readonly phase: string;
  readonly findings: readonly {
    readonly check: string;
    readonly severity: 'critical' | 'warning' | 'info';
    readonly summary: string;
    readonly evidence: readonly string[];
    readonly sections: readonly { id: string; source: string; lines: readonly [number, number]; title: string }[];
  }[];
}

export function diagnosisJson(diagnosis: Diagnosis, linked: readonly LinkedFinding[]): DiagnosisJson {
  return {
    pod: diagnosis.summary.pod,
    namespace: diagnosis.summary.namespace,
    phase: diagnosis.summary.phase,
    findings: linked.map(({ finding, sections }) => ({
      check: finding.check,
      severity: finding.severity,
      summary: finding.summary,
      evidence: finding.evidence,
      sections: sections.map((s) => ({ id: s.id, source: s.source, lines: s.lines, title: s.title })),
    })),
  };
}

/** "pod web-1 · namespace shop · cluster prod · Running · 3 restarts · age 2h" */
export function summaryLine(d: Diagnosis, language: Language = 'ko'): string {
  const s = d.summary;
  const w = words[language].line;
  return [
    `${w.pod} ${s.pod}`,
    `${w.namespace} ${s.namespace}`,
    `${w.cluster} ${s.cluster}`,
    s.reason ? `${s.phase} (${s.reason})` : s.phase,
    w.restarts(s.restarts),
    `${w.age} ${s.ageMs === undefined ? w.unknown : formatAge(s.ageMs)}`,
  ].join(' · ');
}

/**
 * The diagnosis as a neutral Reply: summary line, each finding with its evidence, the documented steps
 * and source when a section is linked, and kubectl commands to look further. Text is already redacted.
 */
export function diagnosisReply(
  diagnosis: Diagnosis,
  linked: readonly LinkedFinding[],
  options: { readonly language?: Language } = {},
): Reply {
  const language = options.language ?? 'ko';
  const w = words[language];
  const s = diagnosis.summary;
  const blocks: Block[] = [];
  const text: string[] = [];
  // Notes alone (an OOMKill long ago) on a pod whose containers are all ready leave it healthy.
  const healthy = linked.length === 0 || (s.ready && linked.every(({ finding }) => finding.severity === 'info'));
  const completed = s.phase === 'Succeeded';
  const heading = healthy ? (completed ? w.completed(s.pod) : w.healthy(s.pod)) : w.problems(s.pod, linked.length);
  // Names, messages and log lines come from the cluster: shown as they are, never as markup.
  blocks.push({ type: 'heading', text: literal(heading) });
  const line = summaryLine(diagnosis, language);
  blocks.push({ type: 'context', text: literal(line) });
  text.push(heading, line);
  const where = [s.owner ? w.owner(s.owner) : '', s.node ? w.node(s.node) : ''].filter(Boolean).join(', ');
  if (where) {
    blocks.push({ type: 'context', text: literal(where) });
    text.push(where);
  }
  if (healthy) {
    const state = completed ? w.completedLine : w.healthyLine(s.phase, s.ready, s.restarts);
    blocks.push({ type: 'paragraph', text: state });
    text.push(state);
  }
  for (const { finding, sections } of linked) {
    blocks.push({ type: 'divider' });
    const head = `${marks[finding.severity]} ${w.severity[finding.severity]}: ${finding.summary}`;
    blocks.push({ type: 'paragraph', text: literalOutsideCode(head), label: finding.check });
    text.push('', head);
    if (finding.evidence.length > 0) {
      blocks.push({ type: 'list', label: w.evidence, items: finding.evidence.map(literalOutsideCode) });
      text.push(`${w.evidence}:`, ...finding.evidence.map((e) => `  - ${e}`));
    }
    const linkedSection = sections[0];
    if (linkedSection) {
      const section = { ...linkedSection, ...localizedText(linkedSection, language) };
      const resolution = displayOf(section).resolution;
      if (resolution) blocks.push({ type: 'paragraph', label: w.fix(section.title), text: resolution });
      if (section.steps.length > 0) {
        text.push(`${w.fix(section.title)}:`);
        section.steps.forEach((step, i) => {
          text.push(`  ${i + 1}. ${step.text}`, ...step.commands.map((c) => `     $ ${c}`));
        });
      }
      blocks.push({
        type: 'source',
        title: section.title,
        path: section.source,
        lines: section.lines,
        ...(section.url ? { url: section.url } : {}),
      });
      text.push(`${w.source}: ${section.source}#L${section.lines[0]}-L${section.lines[1]} (${section.title})`);
    }
    if (finding.commands.length > 0) {
      blocks.push({ type: 'code', text: finding.commands.join('\n') });
      text.push(`${w.further}:`, ...finding.commands.map((c) => `  $ ${c}`));
    }
  }
  const caveats = [
    ...diagnosis.gaps.map((g) => w.notRead(g.what, g.reason)),
    ...(diagnosis.failedChecks.length > 0 ? [w.failedChecks(diagnosis.failedChecks.join(', '))] : []),
  ];
  if (caveats.length > 0) {
    blocks.push({ type: 'context', text: literal(caveats.join('\n')) });
    text.push('', ...caveats);
  }
  return { kind: 'diagnosis', text: text.join('\n'), blocks, inThread: true };
}
