import type { Logger } from '../log.ts';
import type { PodSnapshot } from './snapshot.ts';

export type Severity = 'critical' | 'warning' | 'info';

/** One thing wrong with a pod, with the values that prove it. */
export interface Finding {
  /** The check that found it: a kebab-case id ("image-pull"). */
  readonly check: string;
  readonly severity: Severity;
  /** One sentence, safe to post once redacted. */
  readonly summary: string;
  /** Field values, event messages and log lines that prove it (redacted by `diagnose`). */
  readonly evidence: readonly string[];
  /** Error text handed to the Matcher to find the documented fix (e.g. the pull error message). */
  readonly query: string;
  /**
   * Lowercase words (English and the corpus's Korean) that a documentation section's title must contain
   * to be linked as this finding's fix, e.g. "imagepullbackoff", "보류 상태" (pending).
   */
  readonly topics?: readonly string[];
  /** kubectl commands that look further, with the pod's own names filled in. */
  readonly commands: readonly string[];
  /** The container the finding is about, when it is about one. */
  readonly container?: string;
}

/** What a check sees: the objects gathered once for the pod. Checks read nothing themselves. */
export interface CheckContext {
  readonly snapshot: PodSnapshot;
  readonly log: Logger;
}

/**
 * A pluggable diagnosis: a pure function of the snapshot. Registered in checks/index.ts. A check that
 * throws is logged and listed in `Diagnosis.failedChecks`; the others still report.
 */
export interface Check {
  /** kebab-case id, used in config, logs and replies. */
  readonly name: string;
  /** One line for help. */
  readonly description: string;
  /** The API reads it needs beyond the pod: "events", "pods/log", "nodes" (documents the RBAC). */
  readonly reads: readonly string[];
  run(ctx: CheckContext): readonly Finding[];
}
