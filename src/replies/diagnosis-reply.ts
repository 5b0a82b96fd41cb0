import type { Diagnosis } from '../diagnosis/diagnose.ts';
import type { LinkedFinding } from '../diagnosis/link-sections.ts';
import { formatAge } from '../diagnosis/time.ts';
import type { Block, Reply } from '../message.ts';

const marks = { critical: '🔴', warning: '🟠', info: 'ℹ️' } as const;

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
export function summaryLine(d: Diagnosis): string {
  const s = d.summary;
  return [
    `pod ${s.pod}`,
    `namespace ${s.namespace}`,
    `cluster ${s.cluster}`,
    s.reason ? `${s.phase} (${s.reason})` : s.phase,
    `${s.restarts} restart${s.restarts === 1 ? '' : 's'}`,
    `age ${s.ageMs === undefined ? 'unknown' : formatAge(s.ageMs)}`,
  ].join(' · ');
}

/**
 * The diagnosis as a neutral Reply: summary line, each finding with its evidence, the documented steps
 * and source when a section is linked, and kubectl commands to look further. Text is already redacted.
 */
export function diagnosisReply(diagnosis: Diagnosis, linked: readonly LinkedFinding[]): Reply {
  const s = diagnosis.summary;
  const blocks: Block[] = [];
  const text: string[] = [];
  const healthy = linked.length === 0;
  const completed = s.phase === 'Succeeded';
  const heading = healthy
    ? completed
      ? `Pod ${s.pod} completed successfully`
      : `Pod ${s.pod} is healthy`
    : `Pod ${s.pod}: ${linked.length} problem${linked.length === 1 ? '' : 's'} found`;
  blocks.push({ type: 'heading', text: heading });
  blocks.push({ type: 'context', text: summaryLine(diagnosis) });
  text.push(heading, summaryLine(diagnosis));
  const where = [s.owner ? `owned by ${s.owner}` : '', s.node ? `on node ${s.node}` : ''].filter(Boolean).join(', ');
  if (where) {
    blocks.push({ type: 'context', text: where });
    text.push(where);
  }
  if (healthy) {
    const line = completed
      ? 'All its containers exited successfully; a completed pod is not a crash.'
      : `${s.phase}, ${s.ready ? 'all containers ready' : 'no container reports a problem'}, ${s.restarts} restart${s.restarts === 1 ? '' : 's'}, no warning events.`;
    blocks.push({ type: 'paragraph', text: line });
    text.push(line);
  }
  for (const { finding, sections } of linked) {
    blocks.push({ type: 'divider' });
    const line = `${marks[finding.severity]} ${finding.severity}: ${finding.summary}`;
    blocks.push({ type: 'paragraph', text: line, label: finding.check });
    text.push('', line);
    if (finding.evidence.length > 0) {
      blocks.push({ type: 'list', label: 'Evidence', items: finding.evidence });
      text.push('Evidence:', ...finding.evidence.map((e) => `  - ${e}`));
    }
    const section = sections[0];
    if (section) {
      if (section.steps.length > 0) {
        blocks.push({ type: 'steps', label: `Documented fix: ${section.title}`, steps: section.steps });
        text.push(`Documented fix (${section.title}):`);
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
      text.push(`Source: ${section.source}#L${section.lines[0]}-L${section.lines[1]} (${section.title})`);
    }
    if (finding.commands.length > 0) {
      blocks.push({ type: 'code', text: finding.commands.join('\n') });
      text.push('Look further:', ...finding.commands.map((c) => `  $ ${c}`));
    }
  }
  const caveats = [
    ...diagnosis.gaps.map((g) => `Not read: ${g.what} (${g.reason})`),
    ...(diagnosis.failedChecks.length > 0
      ? [`Checks that failed and were skipped: ${diagnosis.failedChecks.join(', ')}`]
      : []),
  ];
  if (caveats.length > 0) {
    blocks.push({ type: 'context', text: caveats.join('\n') });
    text.push('', ...caveats);
  }
  return { kind: 'diagnosis', text: text.join('\n'), blocks, inThread: true };
}
