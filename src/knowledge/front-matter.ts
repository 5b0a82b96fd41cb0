/** YAML front matter between `---` lines at the top of a Markdown file. */
import { parse } from 'yaml';

/** The keys the splitters read, on top of whatever else the YAML holds. */
export type FrontMatterData = Readonly<Record<string, unknown>> & {
  readonly title?: unknown;
  readonly errors?: unknown;
  readonly tags?: unknown;
  readonly symptoms?: unknown;
  readonly causes?: unknown;
  readonly language?: unknown;
  readonly id?: unknown;
  readonly url?: unknown;
};

export interface FrontMatter {
  /** Parsed YAML; an empty object when there is none or it does not parse to a map. */
  readonly data: FrontMatterData;
  /** 0-based index of the first line after the front matter (0 when there is none). */
  readonly bodyStart: number;
  readonly error?: string;
}

export function readFrontMatter(lines: readonly string[]): FrontMatter {
  if ((lines[0] ?? '').trim() !== '---') return { data: {}, bodyStart: 0 };
  let end = -1;
  for (let i = 1; i < lines.length; i++) {
    if (/^(?:---|\.\.\.)\s*$/.test(lines[i] ?? '')) {
      end = i;
      break;
    }
  }
  if (end < 0) return { data: {}, bodyStart: 0, error: 'front matter is never closed' };
  try {
    const data: unknown = parse(lines.slice(1, end).join('\n'));
    if (data === null || data === undefined) return { data: {}, bodyStart: end + 1 };
    if (typeof data !== 'object' || Array.isArray(data)) {
      return { data: {}, bodyStart: end + 1, error: 'front matter is not a map' };
    }
    return { data: data as Record<string, unknown>, bodyStart: end + 1 };
  } catch (err) {
    return {
      data: {},
      bodyStart: end + 1,
      error: `front matter is not valid YAML: ${(err as Error).message.split('\n')[0]}`,
    };
  }
}
