import type { Section } from '../knowledge/section.ts';
import type { PasteEvidence } from './paste-evidence.ts';

export interface Match {
  readonly section: Section;
  /** 0..1, higher is better; comparable within one result, calibrated against the confidence policy. */
  readonly score: number;
  /** Why it matched (signatures, terms): for `--json`, logs and "other matches". */
  readonly reasons?: readonly string[];
  /**
   * Near copies of the best section in other documents (one page republishing another's section): the same
   * answer, cited with it rather than listed as other matches. Only on the best match.
   */
  readonly alsoIn?: readonly Section[];
}

export interface MatchResult {
  readonly matches: readonly Match[];
  /** True only when it would be right to answer unasked in a busy channel. */
  readonly confident: boolean;
  /** 0..1: the calibrated probability that the best match is right (0 without matches). */
  readonly probability: number;
  /** The error text the matcher took out of the paste (after cleaning), for logs and replies. */
  readonly query: string;
  /** What the paste could teach if a person confirms an answer for it (masked and redacted). */
  readonly evidence?: PasteEvidence;
}

export interface MatchOptions {
  readonly top?: number;
}

export interface Matcher {
  match(text: string, options?: MatchOptions): MatchResult;
  /** A section of the knowledge in use by its id (to show a candidate's answer later); optional. */
  section?(id: string): Section | undefined;
}
