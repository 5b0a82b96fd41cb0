/**
 * Checks on a loaded knowledge base, per source: how many sections, which have no steps, unresolved
 * variables, what the loader could not place, and markup that must never reach a reply; per translation,
 * how many of its document's sections it aligned with and which it did not.
 */
import type { KnowledgeBase, LoadProblem, Section, TranslationReport } from './section.ts';

export interface SourceReport {
  readonly source: string;
  readonly format?: string;
  readonly sections: number;
  readonly withoutSteps: readonly string[];
  readonly unresolvedVariables: readonly string[];
  readonly problems: readonly LoadProblem[];
  /** For a translation: how it aligned with the document it translates. */
  readonly translation?: TranslationReport;
}

export interface LintReport {
  readonly sources: readonly SourceReport[];
  readonly sections: number;
  readonly errors: number;
  readonly warnings: number;
}

const ATTRIBUTE_LINE = /^\s*\{:[^}]*\}\s*$/m;
const HTML = /<\/?(?:p|br|ol|ul|li|pre|code|span|div)\b[^>]*>|<\/br>/i;
const VARIABLE = /\{\{\s*site\.data\.keyword\./;

/** Markup a section's display fields must not contain. */
export function leftoverMarkup(section: Section): string | undefined {
  const fields: [string, string][] = [
    ['title', section.title],
    ['symptoms', section.symptoms],
    ['causes', section.causes],
    ['text', section.text],
    ...section.steps.map((s, i): [string, string] => [`step ${i + 1}`, s.text]),
  ];
  for (const [name, value] of fields) {
    if (ATTRIBUTE_LINE.test(value)) return `kramdown attribute line in ${name}`;
    if (HTML.test(value)) return `HTML in ${name}`;
    if (VARIABLE.test(value)) return `unresolved variable in ${name}`;
  }
  return undefined;
}

export function lintKnowledge(kb: KnowledgeBase): LintReport {
  const problems: LoadProblem[] = [...kb.problems];
  const seen = new Map<string, Section>();
  const ids = new Set(kb.sections.map((s) => s.id));
  for (const section of kb.sections) {
    const at = { source: section.source, line: section.lines[0] };
    if (seen.has(section.id)) problems.push({ ...at, message: `duplicate section id "${section.id}"` });
    seen.set(section.id, section);
    if (!section.title.trim()) problems.push({ ...at, message: `section "${section.id}" has no title` });
    const [start, end] = section.lines;
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 1 && end >= start)) {
      problems.push({ ...at, message: `section "${section.id}" has an invalid line range ${start}-${end}` });
    }
    const markup = leftoverMarkup(section);
    if (markup) problems.push({ ...at, message: `section "${section.id}": ${markup}` });
    if (section.parentId && !ids.has(section.parentId)) {
      problems.push({ ...at, message: `section "${section.id}" names a missing parent "${section.parentId}"` });
    }
  }

  const order: string[] = [];
  const add = (source: string) => {
    if (!order.includes(source)) order.push(source);
  };
  for (const d of kb.documents ?? []) add(d.source);
  for (const s of kb.sections) add(s.source);
  for (const p of problems) add(p.source);

  const sources = order.map((source): SourceReport => {
    const sections = kb.sections.filter((s) => s.source === source);
    const own = problems.filter((p) => p.source === source);
    const translation = kb.translations?.find((t) => t.source === source);
    return {
      source,
      ...(translation ? { translation } : {}),
      ...(kb.documents?.find((d) => d.source === source)?.format
        ? { format: kb.documents.find((d) => d.source === source)!.format }
        : {}),
      sections: sections.length,
      withoutSteps: sections.filter((s) => s.steps.length === 0).map((s) => s.id),
      unresolvedVariables: own
        .filter((p) => p.kind === 'unresolved-variable')
        .map((p) => /\{\{site\.data\.keyword\.([\w-]+)\}\}/.exec(p.message)?.[1] ?? p.message),
      problems: own.filter((p) => p.kind !== 'unresolved-variable'),
    };
  });
  return {
    sources,
    sections: kb.sections.length,
    errors: problems.filter((p) => (p.severity ?? 'error') === 'error').length,
    warnings: problems.filter((p) => p.severity === 'warning').length,
  };
}
