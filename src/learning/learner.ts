/**
 * Learning from the channel: each press on an answer becomes a vote on (this paste, that section), kept in
 * the store so that every replica learns from a press in any of them and the teaching survives restarts.
 * The learner keeps the matcher's LearnedEvidence in step: at once for presses it takes itself, and by
 * `sync()` (every few seconds while started) for what other replicas wrote.
 *
 * Guards: a pair counts only once LEARN_CONFIRMATIONS distinct people (or one knowledge admin) pressed for
 * it within the retention; one person pressing again and again is one vote. What a pair does to a ranking is
 * bounded in learned-evidence.ts.
 */
import type { Logger } from '../log.ts';
import { silentLogger } from '../log.ts';
import { LearnedEvidence, type LearnedKind } from '../matching/learned-evidence.ts';
import type { PasteEvidence } from '../matching/paste-evidence.ts';
import type { Platform } from '../message.ts';
import type { Store } from '../store/store.ts';
import {
  countingPairs,
  forgetField,
  isForgotten,
  type LearnedSummary,
  type PasteRecord,
  pasteId,
  pasteKey,
  pastesKey,
  readPasteRecord,
  summarize,
  voteField,
} from './learned-record.ts';
import { isKnowledgeAdmin, type LearningConfig } from './learning-config.ts';

/** A press that teaches: who, on which paste, for or against which section. */
export interface LearningPress {
  readonly kind: LearnedKind;
  readonly section: string;
  readonly platform: Platform;
  readonly userId: string;
}

/** What the bot needs of learning: a port, so the core knows nothing of how votes are kept. */
export interface Learning {
  /** Resolves once the vote is kept (or its failure logged); never rejects. */
  vote(evidence: PasteEvidence, press: LearningPress): Promise<void>;
}

/** A change worth a log line and a metric. */
export interface LearnedChange {
  /** `vote`: a press was kept; `counts`: a pair began to count; `lapsed`: it stopped; `forgotten`: an admin forgot it. */
  readonly change: 'vote' | 'counts' | 'lapsed' | 'forgotten';
  readonly kind: LearnedKind;
  readonly section: string;
  readonly pair: string;
  readonly people: number;
}

export interface LearnerDeps {
  readonly store: Store;
  readonly config: LearningConfig;
  readonly log?: Logger;
  readonly now?: () => number;
  /** The matcher's side field; one is made when not given. */
  readonly view?: LearnedEvidence;
  readonly onChange?: (change: LearnedChange) => void;
}

export interface Learner extends Learning {
  readonly view: LearnedEvidence;
  /** Reads what changed in the store since the last sync (everything, the first time). */
  sync(): Promise<void>;
  /** Every pair on record, counting or waiting for more people. */
  list(): LearnedSummary[];
  /** Forgets a pair (by its id) or everything a paste taught (by the paste's id); resolves to what was forgotten. */
  forget(id: string, by: string): Promise<LearnedSummary[]>;
  /** Syncs every `intervalMs` until stopped. */
  start(intervalMs?: number): void;
  stop(): void;
}

/** Pastes this alike (share of their terms and signatures) are one paste: their votes add up. */
const SAME_PASTE = 0.85;
/** A sync reads again what changed this long before the last one: replicas' clocks differ a little. */
const SYNC_OVERLAP_MS = 60_000;

export function createLearner(deps: LearnerDeps): Learner {
  const { store, config } = deps;
  const log = deps.log ?? silentLogger;
  const now = deps.now ?? Date.now;
  const view = deps.view ?? new LearnedEvidence({ now });
  const retentionMs = config.retentionDays * 86_400_000;
  const records = new Map<string, PasteRecord>();
  /** The pairs each paste made count at the last look, to tell what changed. */
  const counted = new Map<string, ReadonlyMap<string, LearnedSummary>>();
  let syncedTo: number | undefined;
  let lastVoteAtMs = 0;
  let timer: NodeJS.Timeout | undefined;
  let syncing: Promise<void> | undefined;

  const rule = () => ({ confirmations: config.confirmations, retentionMs, nowMs: now() });

  /** Puts a paste's pairs in the view and reports what began or stopped counting. */
  function apply(record: PasteRecord): void {
    records.set(record.id, record);
    const summaries = summarize(record, rule());
    const before = counted.get(record.id) ?? new Map<string, LearnedSummary>();
    const after = new Map(summaries.filter((s) => s.counts).map((s) => [s.id, s]));
    for (const [id, was] of before) {
      if (after.has(id)) continue;
      view.remove(id);
      // A forgotten pair is reported by forget().
      if (!isForgotten(record, was.kind, was.section)) changed({ ...change(was), change: 'lapsed' });
    }
    for (const pair of countingPairs([...after.values()])) {
      const was = before.get(pair.id);
      if (was && was.expiresAtMs === pair.expiresAtMs && was.people === pair.people) continue;
      view.put(pair);
      if (!was) changed({ ...change(after.get(pair.id)!), change: 'counts' });
    }
    counted.set(record.id, after);
  }

  const change = (s: LearnedSummary) => ({ kind: s.kind, section: s.section, pair: s.id, people: s.people });

  function changed(change: LearnedChange): void {
    log.info({ ...change }, 'learned evidence');
    deps.onChange?.(change);
  }

  /** The paste a new press belongs to: one on record that reads the same, else its own. */
  function pasteFor(evidence: PasteEvidence): string {
    const id = pasteId(evidence);
    if (records.has(id)) return id;
    const keys = new Set([...evidence.terms, ...evidence.signatures.map((s) => `s:${s}`)]);
    let best: { id: string; overlap: number } | undefined;
    for (const record of records.values()) {
      if (record.evidence.signatures.join() !== evidence.signatures.join()) continue;
      const other = [...record.evidence.terms, ...record.evidence.signatures.map((s) => `s:${s}`)];
      const shared = other.filter((k) => keys.has(k)).length;
      const overlap = (2 * shared) / (other.length + keys.size);
      if (overlap >= SAME_PASTE && overlap > (best?.overlap ?? 0)) best = { id: record.id, overlap };
    }
    return best?.id ?? id;
  }

  async function load(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const all = await store.hashGetAllMany(ids.map(pasteKey));
    ids.forEach((id, i) => {
      const record = readPasteRecord(id, all[i] ?? {});
      if (record) apply(record);
      else if (records.delete(id)) {
        for (const pair of counted.get(id)?.keys() ?? []) view.remove(pair);
        counted.delete(id);
      }
    });
  }

  async function sync(): Promise<void> {
    syncing ??= (async () => {
      try {
        const nowMs = now();
        const from = syncedTo === undefined ? nowMs - retentionMs : syncedTo - SYNC_OVERLAP_MS;
        const ids = await store.indexRange(pastesKey, from, Number.MAX_SAFE_INTEGER);
        await load(ids);
        syncedTo = nowMs;
        // Pairs whose presses aged out stop counting even when nothing was written.
        for (const record of records.values()) apply(record);
      } finally {
        syncing = undefined;
      }
    })();
    return syncing;
  }

  async function vote(evidence: PasteEvidence, press: LearningPress): Promise<void> {
    if (!config.enabled || press.userId === '') return;
    // Strictly increasing, so that of two presses in one millisecond (show, then "not it") the later wins.
    const atMs = Math.max(now(), lastVoteAtMs + 1);
    lastVoteAtMs = atMs;
    const person = `${press.platform}:${press.userId}`;
    const admin = isKnowledgeAdmin(config, press.platform, press.userId);
    const id = pasteFor(evidence);
    const key = pasteKey(id);
    try {
      const existing = records.get(id);
      await store.hashSet(
        key,
        {
          ...(existing ? {} : { evidence: JSON.stringify(evidence) }),
          [voteField({ kind: press.kind, person, section: press.section })]: JSON.stringify({
            section: press.section,
            atMs,
            ...(admin ? { admin: true } : {}),
          }),
        },
        retentionMs,
      );
      await store.indexAdd(pastesKey, id, atMs, { ttlMs: retentionMs, trimBelow: atMs - retentionMs });
      // Read back: another replica may have voted on the same paste meanwhile.
      await load([id]);
    } catch (err) {
      log.warn({ err, kind: press.kind, section: press.section }, 'learned vote not kept');
      return;
    }
    const summary = summarize(records.get(id)!, rule()).find(
      (s) => s.kind === press.kind && s.section === press.section,
    );
    changed({
      change: 'vote',
      kind: press.kind,
      section: press.section,
      pair: summary?.id ?? id,
      people: summary?.people ?? 1,
    });
  }

  async function forget(target: string, by: string): Promise<LearnedSummary[]> {
    const matching = list().filter((s) => s.id === target || s.paste === target);
    const atMs = now();
    for (const s of matching) {
      await store.hashSet(
        pasteKey(s.paste),
        { [forgetField(s.kind, s.section)]: JSON.stringify({ atMs, by }) },
        retentionMs,
      );
      await store.indexAdd(pastesKey, s.paste, atMs, { ttlMs: retentionMs, trimBelow: atMs - retentionMs });
    }
    await load([...new Set(matching.map((s) => s.paste))]);
    for (const s of matching)
      changed({ change: 'forgotten', kind: s.kind, section: s.section, pair: s.id, people: s.people });
    return matching;
  }

  function list(): LearnedSummary[] {
    const r = rule();
    return [...records.values()].flatMap((record) => summarize(record, r));
  }

  return {
    view,
    vote: (evidence, press) => vote(evidence, press).catch((err: unknown) => log.error({ err }, 'learned vote failed')),
    sync,
    list,
    forget,
    start(intervalMs = 5_000) {
      if (timer) return;
      timer = setInterval(() => {
        sync().catch((err: unknown) => log.warn({ err }, 'learned evidence not synced'));
      }, intervalMs);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
