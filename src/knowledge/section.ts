import type { Step } from '../message.ts';

export interface Link {
  readonly text: string;
  /** Absolute where the document's base address is known; otherwise as written. */
  readonly url: string;
}

/**
 * One answerable unit of a knowledge file: a troubleshooting topic, a FAQ question, a runbook.
 * All text fields are cleaned for display: `{{site.data.keyword.*}}` resolved, kramdown attribute lines and
 * stray HTML removed.
 */
export interface Section {
  /** Stable across runs and reloads: derived from the source path and the section's anchor or title. */
  readonly id: string;
  /** Path from the project root, e.g. "knowledge/ibm-cloud/kubernetes-service-clusters.md". */
  readonly source: string;
  /** 1-based, inclusive line range of the section in its source file. */
  readonly lines: readonly [start: number, end: number];
  readonly title: string;
  /** Title of the document the section belongs to. */
  readonly documentTitle: string;
  /** The section's parent, for sub-parts that stand as their own answer. */
  readonly parentId?: string;
  /** Address of the section where the document's base address is known (with #anchor). */
  readonly url?: string;
  readonly language: string;
  readonly symptoms: string;
  readonly causes: string;
  /** The resolution as ordered steps, commands kept as code. */
  readonly steps: readonly Step[];
  /** The error strings the section documents (code blocks and quoted messages from its text). */
  readonly errors: readonly string[];
  readonly links: readonly Link[];
  /** Tags from runbook front matter or the manifest. */
  readonly tags: readonly string[];
  /** Who publishes the document, from the manifest (e.g. "IBM"). */
  readonly vendor?: string;
  /** The product the document is about, from the manifest (e.g. "IBM Cloud Kubernetes Service"). */
  readonly product?: string;
  /** The whole cleaned text of the section, for search and for display when no structure was found. */
  readonly text: string;
  /**
   * The parts as Markdown for display, structure kept: lead-ins, nested lists, sub-steps, code blocks.
   * Absent where a format has no such structure (plain pages): renderers then show `steps`.
   */
  readonly display?: SectionDisplay;
  /** The document's own id for the section (kramdown `{: #ts_login}`), where the format has one. */
  readonly anchor?: string;
  /**
   * The same section in other languages, from the translations of its document aligned to it. Matching
   * reads them too; replies show one in place of the section's own text when it is in the bot's language.
   * Id, source and lines stay the section's.
   */
  readonly translations?: readonly SectionTranslation[];
}

export interface SectionDisplay {
  readonly symptoms: string;
  readonly causes: string;
  readonly resolution: string;
}

/** A section's text in another language: the aligned part of a translation of its document. */
export interface SectionTranslation {
  readonly language: string;
  /** The translation file, path from the project root. */
  readonly source: string;
  /** 1-based, inclusive lines of this part in the translation file. */
  readonly lines: readonly [start: number, end: number];
  readonly title: string;
  readonly documentTitle: string;
  readonly symptoms: string;
  readonly causes: string;
  readonly steps: readonly Step[];
  readonly errors: readonly string[];
  readonly text: string;
  /** The parts as display Markdown, where the translation's format gives them (see `Section.display`). */
  readonly display?: SectionDisplay;
  /**
   * False for a translation that only helps matching (an older version than the document it translates):
   * replies keep the section's own text.
   */
  readonly shown: boolean;
}

/** Where sections come from: files today, a wiki or runbook API later. */
export interface KnowledgeSource {
  readonly name: string;
  load(signal?: AbortSignal): Promise<KnowledgeBase>;
}

/** Something the loader could not place, reported by `kb lint`. */
export interface LoadProblem {
  readonly source: string;
  readonly line?: number;
  readonly message: string;
  /** `error` (the default) fails `kb lint`; `warning` is reported only. */
  readonly severity?: 'error' | 'warning';
  /** A stable name for the kind of problem, e.g. "unresolved-variable". */
  readonly kind?: string;
}

/** One loaded file: how it was read and how many sections it gave. */
export interface KnowledgeDocument {
  readonly source: string;
  readonly format: string;
  readonly title: string;
  readonly url?: string;
  readonly sections: number;
  /** For a translation: the source of the document it translates, and its language. */
  readonly translates?: string;
  readonly language?: string;
}

/** How a translation lined up with the document it translates, for `kb lint`. */
export interface TranslationReport {
  /** The translation file. */
  readonly source: string;
  /** The document it translates. */
  readonly translates: string;
  readonly language: string;
  /** How parts were paired: by anchor id, heading order and level, question order per page, or page and sub-part. */
  readonly method: AlignMethod;
  /** Sections of the document, and how many of them got this translation. */
  readonly sections: number;
  readonly aligned: number;
  /** Ids of the document's sections the translation has no part for. */
  readonly missing: readonly string[];
  /** Parts of the translation that match no section ("line 696: Getting help and support"). */
  readonly unmatched: readonly string[];
  /** Why the translation, or a page of it, was left out. */
  readonly rejected: readonly string[];
}

export type AlignMethod = 'anchor' | 'heading-order' | 'question-order' | 'page' | 'single';

export interface KnowledgeBase {
  readonly sections: readonly Section[];
  readonly problems: readonly LoadProblem[];
  /** The files read, in load order (sources that are not file-based may leave it out). */
  readonly documents?: readonly KnowledgeDocument[];
  /** The translations read and how each aligned with its document. */
  readonly translations?: readonly TranslationReport[];
}
