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
    };
    entries.set(path, entry);
  });
  return { entries, errors };
}
