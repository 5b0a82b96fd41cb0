/** knowledge/manifest.yml: what each knowledge file is, where it comes from, how to read it. */
import { DOCUMENT_FORMATS, type DocumentFormat } from './document.ts';

export interface ManifestEntry {
  /** Path inside knowledge/. */
  readonly path: string;
  readonly title?: string;
  readonly vendor?: string;
  readonly product?: string;
  readonly language?: string;
  readonly url?: string;
  /** False where the address could not be confirmed. */
  readonly urlChecked?: boolean;
  readonly format?: DocumentFormat;
  readonly tags?: readonly string[];
  /** Resolve `./page.md` links against `url` (sites whose layout matches the file tree). */
  readonly resolveRelativeLinks?: boolean;
  /**
   * For a translation: the path inside knowledge/ of the document it translates. The file is then read as
   * a second language of that document's sections, not as a document of its own.
   */
  readonly translates?: string;
  /** Where the file was taken from (a repository file address), at which commit, under which licence. */
  readonly sourceUrl?: string;
  readonly commit?: string;
  readonly license?: string;
  /** False for a translation that only helps matching: replies show the document's own text. */
  readonly show?: boolean;
}

interface ManifestRaw {
  readonly path?: unknown;
  readonly title?: unknown;
  readonly vendor?: unknown;
  readonly product?: unknown;
  readonly language?: unknown;
  readonly url?: unknown;
  readonly url_checked?: unknown;
  readonly format?: unknown;
  readonly tags?: unknown;
  readonly resolve_relative_links?: unknown;
  readonly translates?: unknown;
  readonly source?: unknown;
  readonly commit?: unknown;
  readonly license?: unknown;
  readonly show?: unknown;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

export function parseManifest(data: unknown): { entries: Map<string, ManifestEntry>; errors: string[] } {
  const entries = new Map<string, ManifestEntry>();
  const errors: string[] = [];
  if (data === null || data === undefined) return { entries, errors };
  const docs =
    typeof data === 'object' && !Array.isArray(data) ? (data as { documents?: unknown }).documents : undefined;
  if (!Array.isArray(docs)) return { entries, errors: ['expected "documents:" with a list of files'] };
  docs.forEach((raw, i) => {
    if (typeof raw !== 'object' || raw === null) {
      errors.push(`documents[${i}] is not a map`);
      return;
    }
    const d = raw as ManifestRaw;
    const path = str(d.path);
    if (!path) {
      errors.push(`documents[${i}] has no path`);
      return;
    }
    const format = str(d.format);
    if (format && !DOCUMENT_FORMATS.includes(format as DocumentFormat)) {
      errors.push(`${path}: unknown format "${format}" (one of ${DOCUMENT_FORMATS.join(', ')})`);
    }
    const tags = Array.isArray(d.tags) ? d.tags.filter((t): t is string => typeof t === 'string') : undefined;
    const entry: ManifestEntry = {
      path,
      ...(str(d.title) ? { title: str(d.title) } : {}),
      ...(str(d.vendor) ? { vendor: str(d.vendor) } : {}),
      ...(str(d.product) ? { product: str(d.product) } : {}),
      ...(str(d.language) ? { language: str(d.language) } : {}),
      ...(str(d.url) ? { url: str(d.url) } : {}),
      ...(d.url_checked === false ? { urlChecked: false } : {}),
      ...(format && DOCUMENT_FORMATS.includes(format as DocumentFormat) ? { format: format as DocumentFormat } : {}),
      ...(tags ? { tags } : {}),
      ...(d.resolve_relative_links === true ? { resolveRelativeLinks: true } : {}),
      ...(str(d.translates) ? { translates: str(d.translates) } : {}),
      ...(str(d.source) ? { sourceUrl: str(d.source) } : {}),
      ...(typeof d.commit === 'string' || typeof d.commit === 'number' ? { commit: String(d.commit).trim() } : {}),
      ...(str(d.license) ? { license: str(d.license) } : {}),
      ...(d.show === false ? { show: false } : {}),
    };
    if (d.translates !== undefined && !str(d.translates)) errors.push(`${path}: "translates" must name a file`);
    if (entry.translates === path) errors.push(`${path}: a file cannot translate itself`);
    if (entry.translates && !entry.language) errors.push(`${path}: a translation needs its "language"`);
    if (d.show !== undefined && typeof d.show !== 'boolean') errors.push(`${path}: "show" must be true or false`);
    entries.set(path, entry);
  });
  return { entries, errors };
}
