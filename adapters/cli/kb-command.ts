/**
 * `kb list | show <id> | lint [--json] [--dir <knowledge dir>]`: browse and check the knowledge base as the
 * bot loads it. `lint` exits 1 when a file cannot be loaded or a section is malformed.
 */
import { resolve } from 'node:path';
import { stderr, stdout } from 'node:process';
import { FileKnowledgeSource } from '../../src/knowledge/file-knowledge-source.ts';
import { lintKnowledge } from '../../src/knowledge/lint.ts';
import type { KnowledgeBase, Section } from '../../src/knowledge/section.ts';
import type { CliCommand } from './main.ts';

const USAGE = 'usage: kb list [--json] | kb show <id> [--json] | kb lint [--json]   (--dir <knowledge dir>)';

interface Options {
  readonly json: boolean;
  readonly dir?: string;
  readonly args: readonly string[];
}

function parseArgs(argv: readonly string[]): Options | string {
  let json = false;
  let dir: string | undefined;
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--dir') {
      dir = argv[++i];
      if (!dir) return '--dir needs a directory';
    } else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else args.push(arg);
  }
  return { json, ...(dir ? { dir } : {}), args };
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

export function formatList(kb: KnowledgeBase): string {
  const rows = kb.sections.map((s) => [s.id, `${s.lines[0]}-${s.lines[1]}`, s.parentId ? `  ↳ ${s.title}` : s.title]);
  const width = Math.min(90, Math.max(2, ...rows.map((r) => r[0]!.length)));
  return [
    `${'ID'.padEnd(width)}  ${'LINES'.padEnd(9)}  TITLE`,
    ...rows.map(([id, lines, title]) => `${id!.padEnd(width)}  ${lines!.padEnd(9)}  ${title}`),
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
  if (s.parentId) lines.push(`Part of: ${s.parentId}`);
  if (parts.length > 0) lines.push('Sub-parts:', ...parts.map((p) => `  - ${p.id}  ${p.title}`));
  lines.push(`Id: ${s.id}`);
  return lines.join('\n');
}

/** Exact id first; otherwise an id that ends with the argument (e.g. "#ts_image_pull") or contains it once. */
export function findSection(kb: KnowledgeBase, query: string): { section?: Section; candidates: Section[] } {
  const exact = kb.sections.find((s) => s.id === query);
  if (exact) return { section: exact, candidates: [] };
  const suffix = kb.sections.filter((s) => s.id.endsWith(query));
  if (suffix.length === 1) return { section: suffix[0]!, candidates: [] };
  const partial = suffix.length > 1 ? suffix : kb.sections.filter((s) => s.id.includes(query));
  if (partial.length === 1) return { section: partial[0]!, candidates: [] };
  return { candidates: partial };
}

async function load(options: Options): Promise<KnowledgeBase> {
  const root = process.cwd();
  return new FileKnowledgeSource({ root, ...(options.dir ? { dir: resolve(options.dir) } : {}) }).load();
}

const command: CliCommand = {
  summary: 'kb list | show <id> | lint   browse and check the knowledge',
  async run(argv) {
    const options = parseArgs(argv);
    if (typeof options === 'string') {
      stderr.write(`${options}\n${USAGE}\n`);
      return 2;
    }
    const [sub, ...rest] = options.args;
    switch (sub) {
      case 'list': {
        const kb = await load(options);
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
        const query = rest[0];
        if (!query) {
          stderr.write(`kb show needs a section id\n${USAGE}\n`);
          return 2;
        }
        const kb = await load(options);
        const { section, candidates } = findSection(kb, query);
        if (!section) {
          stderr.write(
            candidates.length > 0
              ? `"${query}" matches ${candidates.length} sections:\n${candidates
                  .slice(0, 20)
                  .map((s) => `  ${s.id}`)
                  .join('\n')}\n`
              : `no section "${query}" (see \`kb list\`)\n`,
          );
          return 1;
        }
        const subParts = kb.sections.filter((x) => x.parentId === section.id);
        out(options.json ? JSON.stringify(section, null, 2) : formatSection(section, subParts));
        return 0;
      }
      case 'lint': {
        const started = performance.now();
        const kb = await load(options);
        const loadMs = performance.now() - started;
        const report = lintKnowledge(kb);
        if (options.json) {
          out(JSON.stringify(report, null, 2));
          return report.errors > 0 ? 1 : 0;
        }
        const lines: string[] = [];
        for (const src of report.sources) {
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
      default:
        stderr.write(`${sub ? `unknown kb command "${sub}"\n` : ''}${USAGE}\n`);
        return 2;
    }
  },
};

export default command;
