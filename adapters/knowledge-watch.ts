/**
 * The knowledge in use, and its reload when files in the knowledge folder change. A reload that fails, or
 * that reports errors the last good load did not have (a runbook with broken front matter, a file the
 * loader cannot place), is reported and the last good knowledge stays in use. New warnings (an unresolved
 * variable, a section without steps) are logged and the reload goes ahead: `kb lint` passes them too.
 */
import { type FSWatcher, watch } from 'node:fs';
import type { KnowledgeBase, LoadProblem } from '../src/knowledge/section.ts';
import type { Logger } from '../src/log.ts';
import type { Matcher } from '../src/matching/matcher.ts';

export interface LoadedKnowledge {
  readonly base: KnowledgeBase;
  readonly matcher: Matcher;
  readonly loadedAtMs: number;
}

export type ReloadResult =
  | { readonly ok: true; readonly sections: number }
  | { readonly ok: false; readonly reason: string; readonly problems: readonly LoadProblem[] };

export interface KnowledgeHolder {
  /** Undefined until the first load succeeded. */
  current(): LoadedKnowledge | undefined;
  /** Loads again; swaps in the result only when it is at least as sound as the one in use. */
  reload(): Promise<ReloadResult>;
}

export interface KnowledgeHolderDeps {
  /** Reads the knowledge folder and builds a matcher over it (sections, vocabulary, signatures). */
  readonly load: () => Promise<{ readonly base: KnowledgeBase; readonly matcher: Matcher }>;
  readonly log: Logger;
  readonly onReload?: (result: ReloadResult) => void;
}

const problemKey = (p: LoadProblem): string => `${p.source}\u0000${p.message}`;
/** As `kb lint` reads them: a problem without a severity is an error. */
const isError = (p: LoadProblem): boolean => (p.severity ?? 'error') === 'error';

export function createKnowledgeHolder(deps: KnowledgeHolderDeps): KnowledgeHolder {
  let loaded: LoadedKnowledge | undefined;
  let running: Promise<ReloadResult> | undefined;

  const load = async (): Promise<ReloadResult> => {
    let base: KnowledgeBase;
    let matcher: Matcher;
    try {
      ({ base, matcher } = await deps.load());
    } catch (err) {
      deps.log.error({ err, kind: 'knowledge_reload' }, 'knowledge load failed; keeping the knowledge in use');
      return { ok: false, reason: err instanceof Error ? err.message : String(err), problems: [] };
    }
    if (base.sections.length === 0) {
      deps.log.error({ kind: 'knowledge_reload', problems: base.problems }, 'knowledge has no sections');
      return { ok: false, reason: 'no sections found', problems: base.problems };
    }
    if (loaded) {
      const known = new Set(loaded.base.problems.map(problemKey));
      const fresh = base.problems.filter((p) => !known.has(problemKey(p)));
      const errors = fresh.filter(isError);
      if (errors.length > 0) {
        deps.log.error(
          { kind: 'knowledge_reload', problems: errors.slice(0, 20), count: errors.length },
          'knowledge files have new errors; keeping the last good knowledge',
        );
        return { ok: false, reason: 'new load problems', problems: errors };
      }
      if (fresh.length > 0) {
        deps.log.warn(
          { problems: fresh.slice(0, 20), count: fresh.length },
          'knowledge files have new warnings; reloading anyway',
        );
      }
    } else if (base.problems.length > 0) {
      // At start there is no last good knowledge: use what loaded and say what did not.
      deps.log.warn({ problems: base.problems.slice(0, 20), count: base.problems.length }, 'knowledge load problems');
    }
    loaded = { base, matcher, loadedAtMs: Date.now() };
    deps.log.info({ sections: base.sections.length, problems: base.problems.length }, 'knowledge loaded');
    return { ok: true, sections: base.sections.length };
  };

  let again = false;
  const reload = (): Promise<ReloadResult> => {
    if (running) {
      // Reloads never overlap; a change during one is loaded right after it.
      again = true;
      return running;
    }
    running = load()
      .then((result) => {
        deps.onReload?.(result);
        return result;
      })
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          void reload();
        }
      });
    return running;
  };

  return { current: () => loaded, reload };
}

/**
 * Calls `onChange` once per burst of file events under `dir` (editors write several). Returns a stop
 * function. Recursive watching works on Linux from Node 20; a mounted ConfigMap swaps its `..data` link,
 * which shows up here as a rename.
 */
export function watchKnowledge(
  dir: string,
  onChange: () => void,
  options: { readonly debounceMs?: number; readonly log: Logger },
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { recursive: true, persistent: false }, () => {
      clearTimeout(timer);
      timer = setTimeout(onChange, options.debounceMs ?? 250);
    });
    watcher.on('error', (err) => options.log.error({ err, kind: 'knowledge_watch' }, 'knowledge watcher failed'));
  } catch (err) {
    options.log.error({ err, dir, kind: 'knowledge_watch' }, 'cannot watch the knowledge folder; reloads are off');
  }
  return () => {
    clearTimeout(timer);
    watcher?.close();
  };
}
