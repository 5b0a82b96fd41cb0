/**
 * Sections from the files under knowledge/: every Markdown and text file, recursively, read with the
 * splitter its manifest entry names or its content suggests. A file that cannot be read or split becomes
 * a problem entry; loading never fails because of one file.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { parse } from 'yaml';
import { type AlignSide, alignTranslation } from './align-translation.ts';
import type { DocumentContext, DocumentFormat, Splitter } from './document.ts';
import { type KeywordMap, parseKeywordMap, resolveKeywords } from './keywords.ts';
import { type ManifestEntry, parseManifest } from './manifest.ts';
import type {
  KnowledgeBase,
  KnowledgeDocument,
  KnowledgeSource,
  LoadProblem,
  Section,
  TranslationReport,
} from './section.ts';
import { KNOWLEDGE_EXTENSIONS, sniffFormat } from './sniff.ts';
import { splitFaq } from './splitters/faq.ts';
import { splitKramdown } from './splitters/kramdown.ts';
import { splitMarkdown } from './splitters/markdown.ts';
import { splitMarkdownFaq } from './splitters/markdown-faq.ts';
import { splitPlainPage } from './splitters/plain-page.ts';
import { splitRunbook } from './splitters/runbook.ts';

export const SPLITTERS: Readonly<Record<DocumentFormat, Splitter>> = {
  kramdown: splitKramdown,
  markdown: splitMarkdown,
  'plain-page': splitPlainPage,
  faq: splitFaq,
  'markdown-faq': splitMarkdownFaq,
  runbook: splitRunbook,
};

/** Data files of knowledge/ that are not documents, and folders owned by other readers. */
const NOT_DOCUMENTS = new Set(['manifest.yml', 'keywords.yml', 'README.md']);
const SKIPPED_DIRS = new Set(['lexicon']);
const MAX_BYTES = 5 * 1024 * 1024;

export interface FileKnowledgeSourceOptions {
  /** Project root: section sources are relative to it. Default: the working directory. */
  readonly root?: string;
  /** The knowledge directory. Default: `<root>/knowledge`. */
  readonly dir?: string;
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

async function readYaml(path: string, problems: LoadProblem[], source: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      problems.push({ source, message: `cannot read: ${(err as Error).message}` });
    }
    return undefined;
  }
  try {
    return parse(text);
  } catch (err) {
    problems.push({ source, message: `not valid YAML: ${(err as Error).message.split('\n')[0]}` });
    return undefined;
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const parts = toPosix(relative(dir, full)).split('/');
    if (parts.some((p) => p.startsWith('.')) || SKIPPED_DIRS.has(parts[0] ?? '')) continue;
    if (NOT_DOCUMENTS.has(entry.name)) continue;
    if (!KNOWLEDGE_EXTENSIONS.some((ext) => entry.name.toLowerCase().endsWith(ext))) continue;
    files.push(full);
  }
  return files.sort();
}

export class FileKnowledgeSource implements KnowledgeSource {
  readonly name: string;
  readonly root: string;
  readonly dir: string;

  constructor(options: FileKnowledgeSourceOptions = {}) {
    this.root = options.root ?? process.cwd();
    this.dir = options.dir ?? join(this.root, 'knowledge');
    this.name = `files:${toPosix(relative(this.root, this.dir)) || '.'}`;
  }

  async load(signal?: AbortSignal): Promise<KnowledgeBase> {
    const problems: LoadProblem[] = [];
    const dirSource = toPosix(relative(this.root, this.dir)) || '.';
    try {
      if (!(await stat(this.dir)).isDirectory()) throw new Error('not a directory');
    } catch (err) {
      return {
        sections: [],
        problems: [{ source: dirSource, message: `cannot read: ${(err as Error).message}` }],
        documents: [],
      };
    }
    const manifestSource = `${dirSource}/manifest.yml`;
    const manifest = parseManifest(await readYaml(join(this.dir, 'manifest.yml'), problems, manifestSource));
    for (const message of manifest.errors) problems.push({ source: manifestSource, message });
    const keywordSource = `${dirSource}/keywords.yml`;
    const keywordMap = parseKeywordMap(await readYaml(join(this.dir, 'keywords.yml'), problems, keywordSource));
    for (const message of keywordMap.errors) problems.push({ source: keywordSource, message });

    const files = await listFiles(this.dir);
    signal?.throwIfAborted();
    const listed = new Set(files.map((f) => toPosix(relative(this.dir, f))));
    for (const path of manifest.entries.keys()) {
      if (!listed.has(path))
        problems.push({ source: manifestSource, message: `lists "${path}", which is not in ${dirSource}/` });
    }

    const texts = await Promise.all(
      files.map(async (file) => {
        try {
          const info = await stat(file);
          if (info.size > MAX_BYTES) return new Error(`larger than ${MAX_BYTES / 1024 / 1024} MB`);
          return await readFile(file, 'utf8');
        } catch (err) {
          return err as Error;
        }
      }),
    );
    signal?.throwIfAborted();

    const sections: Section[] = [];
    const documents: KnowledgeDocument[] = [];
    // Documents by their path in knowledge/, as translations of them are aligned.
    const loaded = new Map<string, AlignSide>();
    const translationFiles: { path: string; source: string; text: string; entry: ManifestEntry }[] = [];
    files.forEach((file, i) => {
      const path = toPosix(relative(this.dir, file));
      const source = toPosix(relative(this.root, file));
      const text = texts[i];
      if (text instanceof Error || text === undefined) {
        problems.push({ source, message: `cannot read: ${text?.message ?? 'unknown error'}` });
        return;
      }
      const entry = manifest.entries.get(path);
      if (entry?.translates) {
        translationFiles.push({ path, source, text, entry });
        return;
      }
      const result = loadDocument(source, path, text, entry, keywordMap.keywords);
      problems.push(...result.problems);
      sections.push(...result.sections);
      if (result.document && result.format) {
        documents.push(result.document);
        loaded.set(path, { source, format: result.format, lines: result.lines, sections: result.sections });
      }
    });
    const translations = this.#translate(translationFiles, loaded, sections, documents, problems, keywordMap.keywords);
    return { sections, problems, documents, translations };
  }

  /**
   * Splits each translation, aligns it with the document it translates and gives the aligned sections their
   * second language (in `sections`, in place). A translation that does not align is reported and left out;
   * the document stays as it was.
   */
  #translate(
    files: readonly { path: string; source: string; text: string; entry: ManifestEntry }[],
    loaded: ReadonlyMap<string, AlignSide>,
    sections: Section[],
    documents: KnowledgeDocument[],
    problems: LoadProblem[],
    keywords: KeywordMap,
  ): TranslationReport[] {
    const reports: TranslationReport[] = [];
    const at = new Map(sections.map((s, i) => [s.id, i]));
    for (const { path, source, text, entry } of files) {
      const target = loaded.get(entry.translates!);
      const warn = (message: string) => problems.push({ source, message, severity: 'warning', kind: 'translation' });
      if (!target) {
        warn(`translates "${entry.translates}", which is not a document in knowledge/: left out`);
        continue;
      }
      const result = loadDocument(source, path, text, entry, keywords);
      problems.push(...result.problems);
      if (!result.document || !result.format) continue;
      const language = entry.language ?? (/[가-힣]/.test(text) ? 'ko' : 'en');
      documents.push({ ...result.document, translates: target.source, language });
      const { translations, report } = alignTranslation(
        target,
        { source, format: result.format, lines: result.lines, sections: result.sections },
        { language, documentTitle: result.document.title, shown: entry.show !== false },
      );
      reports.push(report);
      for (const reason of report.rejected)
        warn(report.aligned === 0 ? `left out: ${reason}` : `part left out: ${reason}`);
      for (const [id, translation] of translations) {
        const i = at.get(id);
        const section = i === undefined ? undefined : sections[i];
        if (i === undefined || !section) continue;
        sections[i] = { ...section, translations: [...(section.translations ?? []), translation] };
      }
    }
    return reports;
  }
}

/** Splits one file's text; every failure is turned into problems. */
export function loadDocument(
  source: string,
  path: string,
  text: string,
  entry: ManifestEntry | undefined,
  keywords: KeywordMap,
): {
  sections: Section[];
  problems: LoadProblem[];
  document?: KnowledgeDocument;
  /** The lines as split (keywords resolved), and the format they were read as. */
  lines: readonly string[];
  format?: DocumentFormat;
} {
  const problems: LoadProblem[] = [];
  if (text.includes('\u0000')) {
    return { sections: [], problems: [{ source, message: 'binary content, not a text document' }], lines: [] };
  }
  const unresolved = new Map<string, number>();
  const onUnresolvedKeyword = (key: string) => unresolved.set(key, (unresolved.get(key) ?? 0) + 1);
  // Variables are resolved line by line before splitting, so code blocks and error strings get them too.
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .map((line) => resolveKeywords(line, keywords, onUnresolvedKeyword));
  const format = entry?.format ?? sniffFormat(path, lines);
  const doc: DocumentContext = {
    source,
    idBase: path.replace(/\.(?:md|markdown|txt)$/i, ''),
    ...(entry?.title ? { documentTitle: entry.title } : {}),
    language: entry?.language ?? (/[가-힣]/.test(text) ? 'ko' : 'en'),
    ...(entry?.url ? { url: entry.url } : {}),
    ...(entry?.vendor ? { vendor: entry.vendor } : {}),
    ...(entry?.product ? { product: entry.product } : {}),
    tags: entry?.tags ?? [],
    inline: {
      keywords,
      ...(entry?.url ? { pageUrl: entry.url } : {}),
      resolveRelative: entry?.resolveRelativeLinks === true,
      onUnresolvedKeyword,
    },
    problem: (line, message, severity = 'warning') =>
      problems.push({ source, ...(line !== undefined ? { line } : {}), message, severity }),
  };
  let sections: Section[];
  try {
    sections = SPLITTERS[format](lines, doc);
  } catch (err) {
    problems.push({ source, message: `could not be split as ${format}: ${(err as Error).message}` });
    return { sections: [], problems, lines };
  }
  for (const [key] of unresolved) {
    problems.push({
      source,
      message: `unresolved variable {{site.data.keyword.${key}}} (add it to knowledge/keywords.yml)`,
      severity: 'warning',
      kind: 'unresolved-variable',
    });
  }
  const title = entry?.title ?? sections[0]?.documentTitle ?? path;
  return {
    sections,
    problems,
    document: { source, format, title, ...(entry?.url ? { url: entry.url } : {}), sections: sections.length },
    lines,
    format,
  };
}
