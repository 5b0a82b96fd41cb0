import type { Step } from '../message.ts';
import type { Section, SectionDisplay } from './section.ts';

/** What a reply shows of a section: its own text, or its translation into the reader's language. */
export interface SectionText {
  readonly language: string;
  readonly title: string;
  readonly documentTitle: string;
  readonly symptoms: string;
  readonly causes: string;
  readonly steps: readonly Step[];
  readonly text: string;
  /**
   * The parts as display Markdown where the shown text has them (see `Section.display`); undefined, not left
   * out, where it has not, so that spread over a section it hides the other language's.
   */
  readonly display: SectionDisplay | undefined;
}

/**
 * The section as a reader of `language` should see it: a shown translation into that language where the
 * section has one, else the section's own text. Which section it is (id, source, lines, address) does not
 * change: citations stay those of the document the section comes from.
 */
export function localizedText(section: Section, language?: string): SectionText {
  const translation =
    language && section.language !== language
      ? section.translations?.find((t) => t.language === language && t.shown)
      : undefined;
  const from = translation ?? section;
  return {
    language: from.language,
    title: from.title,
    documentTitle: from.documentTitle,
    symptoms: from.symptoms,
    causes: from.causes,
    steps: from.steps,
    text: from.text,
    display: from.display,
  };
}
