import type { KnowledgeBase, Section } from '../../src/knowledge/section.ts';

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
