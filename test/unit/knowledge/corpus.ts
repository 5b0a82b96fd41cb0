/** The shipped knowledge base, loaded once for the parser tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileKnowledgeSource } from '../../../src/knowledge/file-knowledge-source.ts';
import type { KnowledgeBase, Section } from '../../../src/knowledge/section.ts';

export const ROOT = join(import.meta.dirname, '..', '..', '..');

let loaded: Promise<KnowledgeBase> | undefined;
export function corpus(): Promise<KnowledgeBase> {
  loaded ??= new FileKnowledgeSource({ root: ROOT }).load();
  return loaded;
}

export async function sectionsOf(source: string): Promise<Section[]> {
  return (await corpus()).sections.filter((s) => s.source === source);
}

export async function section(id: string): Promise<Section> {
  const found = (await corpus()).sections.find((s) => s.id === id);
  if (!found) throw new Error(`no section ${id}`);
  return found;
}

export function fileLines(source: string): string[] {
  return readFileSync(join(ROOT, source), 'utf8').split('\n');
}

export const CLUSTERS = 'knowledge/ibm-cloud/kubernetes-service-clusters.md';
export const REGISTRY = 'knowledge/ibm-cloud/container-registry.md';
export const WINDOWS = 'knowledge/microsoft/windows-kubernetes-common-problems.md';
export const PAGE = 'knowledge/ibm-cloud/imagepullbackoff.txt';
export const FAQ = 'knowledge/tencent/tke-faq.txt';
