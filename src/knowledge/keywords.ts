/**
 * `{{site.data.keyword.<key>}}` variables of IBM Cloud docs, resolved from knowledge/keywords.yml.
 * An unknown key is reported (for `kb lint`) and rendered as its bare key, so text stays readable.
 */
const VARIABLE = /\{\{\s*site\.data\.keyword\.([A-Za-z0-9_-]+)\s*\}\}/g;

export type KeywordMap = Readonly<Record<string, string>>;

export function resolveKeywords(text: string, keywords: KeywordMap, unresolved?: (key: string) => void): string {
  if (!text.includes('{{')) return text;
  return text.replace(VARIABLE, (_match, key: string) => {
    const name = Object.hasOwn(keywords, key) ? keywords[key] : undefined;
    if (name !== undefined) return name;
    unresolved?.(key);
    return key.replace(/_notm$/, '');
  });
}

/** Validates the parsed YAML of a keyword file: a flat map of strings. */
export function parseKeywordMap(data: unknown): { keywords: KeywordMap; errors: string[] } {
  const keywords: Record<string, string> = {};
  const errors: string[] = [];
  if (data === null || data === undefined) return { keywords, errors };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { keywords, errors: ['expected a map of keyword: product name'] };
  }
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === 'string') keywords[key] = value;
    else errors.push(`keyword "${key}" is not a string`);
  }
  return { keywords, errors };
}
