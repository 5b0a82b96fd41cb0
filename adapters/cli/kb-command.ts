/**
 * `kb list | show <id> | lint [--json]` (and the global `--knowledge DIR`, `--dir` being the same): browse and
 * check the knowledge base as the bot loads it. `lint` exits 1 when a file cannot be loaded or a section is
 * malformed.
 */
import { resolve } from 'node:path';
import { stdout } from 'node:process';
import stringWidth from 'string-width';
import { FileKnowledgeSource } from '../../src/knowledge/file-knowledge-source.ts';
import { lintKnowledge } from '../../src/knowledge/lint.ts';
import type { KnowledgeBase, Section, TranslationReport } from '../../src/knowledge/section.ts';
import { type CliContext, fail, knowledgeProblem, usageError } from './cli-context.ts';
import { findSection } from './find-section.ts';
import { LEARNED_USAGE, runLearned } from './kb-learned.ts';
import type { CliCommand } from './main.ts';

const USAGE = `kb list [--json] | kb show <id> [--json] | kb lint [--json] | ${LEARNED_USAGE}   [--knowledge DIR]`;

interface Options {
  readonly json: boolean;
  readonly args: readonly string[];
}

function parseArgs(argv: readonly string[], context: CliContext): Options | { readonly problem: string } {
  let json = false;
  const args: string[] = [];
  for (const arg of argv) {
    if (arg === '--json') json = true;
    else if (arg.startsWith('--')) return { problem: context.messages.unknownOption(arg) };
    else args.push(arg);
  }
  return { json, args };
}

function out(text: string): void {
  stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n');
}

/** Pads to a width in terminal columns: Hangul and other wide characters take two. */
function padColumns(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

/** The widest the id column grows; a longer id stands on its own line, the row continuing under the column. */
const MAX_ID_COLUMNS = 60;

export function formatList(kb: KnowledgeBase): string {
  const rows = kb.sections.map((s) => [s.id, `${s.lines[0]}-${s.lines[1]}`, s.parentId ? `  ↳ ${s.title}` : s.title]);
  const fits = rows.map((r) => stringWidth(r[0]!)).filter((w) => w <= MAX_ID_COLUMNS);
  const width = Math.max(2, ...fits);
  const row = (id: string, lines: string, title: string): string => {
    const rest = `${lines.padEnd(9)}  ${title}`;
    return stringWidth(id) > width ? `${id}\n${' '.repeat(width)}  ${rest}` : `${padColumns(id, width)}  ${rest}`;
  };
  return [
    row('ID', 'LINES', 'TITLE'),
    ...rows.map(([id, lines, title]) => row(id!, lines!, title!)),
    `${kb.sections.length} sections`,
  ].join('\n');
}

export function formatSection(s: Section, parts: readonly Section[] = []): string {
  const lines: string[] = [s.title, '='.repeat(Math.min(60, Math.max(8, s.title.length)))];
  if (s.symptoms && s.symptoms !== s.title) lines.push('', 'Symptoms:', indent(s.symptoms, '  '));
  if (s.causes) lines.push('', 'Causes:', indent(s.causes, '  '));
  if (s.steps.length > 0) {
    lines.push('', 'Steps:');
    s.steps.forEach((step, i) => {
      const label = `${i + 1}. `;
      lines.push(indent(step.text || '(run)', ' '.repeat(2 + label.length)).replace(/^ */, `  ${label}`));
      for (const command of step.commands) lines.push(indent(command, ' '.repeat(2 + label.length + 4)));
    });
  }
  if (s.errors.length > 0) lines.push('', 'Documented errors:', ...s.errors.map((e) => `  - ${e}`));
  if (s.links.length > 0) lines.push('', 'Links:', ...s.links.map((l) => `  - ${l.text}: ${l.url}`));
  lines.push('', `Source: ${s.documentTitle} — ${s.source}:${s.lines[0]}-${s.lines[1]}`);
  if (s.url) lines.push(`        ${s.url}`);
  for (const t of s.translations ?? []) {
    const use = t.shown ? '' : ' (matching only)';
    lines.push(`In ${t.language}${use}: ${t.title} — ${t.source}:${t.lines[0]}-${t.lines[1]}`);
  }
  if (s.parentId) lines.push(`Part of: ${s.parentId}`);
  if (parts.length > 0) lines.push('Sub-parts:', ...parts.map((p) => `  - ${p.id}  ${p.title}`));
  lines.push(`Id: ${s.id}`);
  return lines.join('\n');
}

const METHODS: Record<TranslationReport['method'], string> = {
  anchor: 'by anchor id',
  'heading-order': 'by heading order and level',
  'question-order': 'by question order, page by page',
  page: 'by page and sub-part',
  single: 'as one section',
};

/** A translation's lint lines: how many of its document's sections it aligned with, and which it did not. */
export function translationLines(t: TranslationReport, format?: string): string[] {
  const lines = [
    `${t.source} (${format ? `${format}, ` : ''}${t.language}, translates ${t.translates}): ${t.aligned} of ${t.sections} sections aligned ${METHODS[t.method]}`,
  ];
  for (const id of t.missing) lines.push(`  not aligned: ${id}`);
  for (const part of t.unmatched) lines.push(`  no section for ${part}`);
  return lines;
}

async function load(context: CliContext): Promise<KnowledgeBase> {
  return new FileKnowledgeSource({ root: process.cwd(), dir: resolve(context.knowledgeDir) }).load();
}

const command: CliCommand = {
  async run(argv, context) {
    const t = context.messages;
    const options = parseArgs(argv, context);
    if ('problem' in options) return usageError(context, options.problem, USAGE);
    const [sub, ...rest] = options.args;
    if (sub === 'learned') return runLearned(rest, options.json, context);
    if (sub !== 'list' && sub !== 'show' && sub !== 'lint') {
      return usageError(context, sub ? t.unknownKbCommand(sub) : t.kbNeedsCommand, USAGE);
    }
    if (sub === 'show' && !rest[0]) return usageError(context, t.showNeedsId, USAGE);
    const missing = knowledgeProblem(context);
    if (missing) return fail(context, missing, 2);
    switch (sub) {
      case 'list': {
        const kb = await load(context);
        if (options.json) {
          out(
            JSON.stringify(
              kb.sections.map((s) => ({
                id: s.id,
                source: s.source,
                lines: s.lines,
                title: s.title,
                ...(s.parentId ? { parentId: s.parentId } : {}),
              })),
            ),
          );
        } else out(formatList(kb));
        return 0;
      }
      case 'show': {
        const query = rest[0] as string;
        const kb = await load(context);
        const { section, candidates } = findSection(kb, query);
        if (!section) {
          const message =
            candidates.length > 0
              ? `${t.ambiguous(query, candidates.length)}\n${candidates
                  .slice(0, 20)
                  .map((s) => `  ${s.id}`)
                  .join('\n')}`
              : t.noSection(query);
          return fail(context, { code: 'not_found', message }, 1);
        }
        const subParts = kb.sections.filter((x) => x.parentId === section.id);
        out(options.json ? JSON.stringify(section, null, 2) : formatSection(section, subParts));
        return 0;
      }
      case 'lint': {
        const started = performance.now();
        const kb = await load(context);
        const loadMs = performance.now() - started;
        const report = lintKnowledge(kb);
        if (options.json) {
          out(JSON.stringify(report, null, 2));
          return report.errors > 0 ? 1 : 0;
        }
        const lines: string[] = [];
        for (const src of report.sources) {
          if (src.translation) {
            lines.push(...translationLines(src.translation, src.format));
            for (const p of src.problems) {
              lines.push(`  ${p.severity ?? 'error'}: ${p.line !== undefined ? `line ${p.line}: ` : ''}${p.message}`);
            }
            continue;
          }
          lines.push(
            `${src.source}${src.format ? ` (${src.format})` : ''}: ${src.sections} sections, ${src.withoutSteps.length} without steps, ${src.unresolvedVariables.length} unresolved variables`,
          );
          for (const id of src.withoutSteps) lines.push(`  no steps: ${id}`);
          for (const key of src.unresolvedVariables) lines.push(`  unresolved: {{site.data.keyword.${key}}}`);
          for (const p of src.problems) {
            lines.push(`  ${p.severity ?? 'error'}: ${p.line !== undefined ? `line ${p.line}: ` : ''}${p.message}`);
          }
        }
        lines.push(
          `kb lint: ${report.sources.length} sources, ${report.sections} sections, ${report.errors} errors, ${report.warnings} warnings (loaded in ${loadMs.toFixed(0)} ms)`,
        );
        out(lines.join('\n'));
        return report.errors > 0 ? 1 : 0;
      }
    }
  },
};

export default command;
