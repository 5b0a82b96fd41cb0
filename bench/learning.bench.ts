/**
 * Learning from the channel, replayed: the dev set (../shared/eval/dev.jsonl) split in two halves by
 * provenance (labelled-set.ts). Half A is pasted into the bot as a channel would, each paste in its own
 * thread, followed by the press a person would make: "This fixed it" when the answer is right; when the
 * right section is among the other matches (the first five), choosing it there; nothing otherwise. Each press
 * is made by two people (the default LEARN_CONFIRMATIONS), and in a second run by one person only. Half B and
 * fresh variants of half A (paste-variants.ts: other names, addresses, ids, times and line order) are then
 * scored before and after: top-1, confident-right and wrong-when-confident, as the eval scores them.
 *
 * Then the poisoning runs, each on a fresh record and for every answerable paste the bot gets right: one
 * person choosing the runner-up section and pressing "This fixed it" on it 50 times; two accounts doing the
 * same 10 times each. Each counts how many answers changed over the whole dev set, and checks every change
 * against the cap: the new answer was within a lift of half again of the old one, and the old one showed
 * no quote or specific signature the new one lacks.
 *
 *   npm run -s bench -- --only learning
 *   node_modules/.bin/node --disable-warning=ExperimentalWarning bench/learning.bench.ts [--seed N]
 */
import { join } from 'node:path';
import { createBot } from '../src/bot.ts';
import type { Bot } from '../src/bot-api.ts';
import { createLearner, type Learner } from '../src/learning/learner.ts';
import { defaultLearningConfig } from '../src/learning/learning-config.ts';
import { QUOTE } from '../src/matching/confidence.ts';
import { LearnedEvidence, LIFT } from '../src/matching/learned-evidence.ts';
import { loadMatcher } from '../src/matching/load-matcher.ts';
import type { Match, Matcher, MatchResult } from '../src/matching/matcher.ts';
import type { ActionKind, Block, Reply } from '../src/message.ts';
import { MemoryStore } from '../src/store/memory-store.ts';
import type { Bench, Figures } from './bench.ts';
import { type EvalCase, halfOf, type LabelledSet, loadLabelledSet } from './labelled-set.ts';
import { variantOf } from './paste-variants.ts';

const TOP = 5;

interface Scores {
  readonly top1: number;
  readonly confidentRight: number;
  readonly wrongWhenConfident: number;
}

/** As ../shared/eval/score.mjs: shares of the answerable cases, and of everything answered unasked. */
function score(set: LabelledSet, cases: readonly { c: EvalCase; text: string }[], matcher: Matcher): Scores {
  let answerable = 0;
  let top1 = 0;
  let confidentRight = 0;
  let answered = 0;
  let wrong = 0;
  for (const { c, text } of cases) {
    const r = matcher.match(text, { top: TOP });
    const best = r.matches[0];
    const confident = r.confident && best !== undefined;
    const right = best !== undefined && set.right(c, best.section);
    if (confident) answered++;
    if (c.expect.length === 0) {
      if (confident) wrong++;
      continue;
    }
    answerable++;
    if (right) top1++;
    if (confident && right) confidentRight++;
    if (confident && !right) wrong++;
  }
  return {
    top1: answerable ? top1 / answerable : 0,
    confidentRight: answerable ? confidentRight / answerable : 0,
    wrongWhenConfident: answered ? wrong / answered : 0,
  };
}

function figures(prefix: string, s: Scores): Figures {
  return {
    [`${prefix}_top1_pct`]: 100 * s.top1,
    [`${prefix}_confident_right_pct`]: 100 * s.confidentRight,
    [`${prefix}_wrong_when_confident_pct`]: 100 * s.wrongWhenConfident,
  };
}

/** One channel: a bot over a fresh record, its learner feeding the matcher's learned field. */
function channel(matcher: Matcher, view: LearnedEvidence): { bot: Bot; learner: Learner } {
  view.replace([]);
  const store = new MemoryStore();
  const learner = createLearner({ store, config: defaultLearningConfig, view });
  return { bot: createBot({ matcher, store, learning: learner, language: 'en' }), learner };
}

let messages = 0;
async function paste(bot: Bot, text: string, userId: string): Promise<{ reply: Reply; where: string }> {
  const where = `C${++messages}`;
  const reply = await bot.handle({
    platform: 'slack',
    conversationId: where,
    id: `${messages}.0`,
    userId,
    text,
    addressed: true,
  });
  if (!reply) throw new Error('an addressed paste got no reply');
  return { reply, where };
}

function press(bot: Bot, kind: ActionKind, replyId: string, where: string, userId: string) {
  return bot.action({ kind, replyId, platform: 'slack', conversationId: where, threadId: `${messages}.0`, userId });
}

const candidateIds = (r: Reply | undefined): (string | undefined)[] =>
  (r?.blocks.find((b): b is Extract<Block, { type: 'candidates' }> => b.type === 'candidates')?.candidates ?? []).map(
    (c) => c.replyId,
  );

/**
 * Chooses the candidate at `index` (0 = the answer) as a person would: "This fixed it" on an answer; on the
 * other matches, its "Show this answer" (reaching the fourth and fifth of an unsure reply through the first
 * one's "Other matches"), then "This fixed it" on what it shows.
 */
async function choose(bot: Bot, reply: Reply, index: number, where: string, userId: string): Promise<void> {
  let shownId: string | undefined;
  if (reply.kind === 'answer') {
    if (index === 0) shownId = reply.replyId;
    else shownId = candidateIds((await press(bot, 'more', reply.replyId!, where, userId)).followUp)[index - 1];
  } else {
    const closest = candidateIds(reply);
    if (index < closest.length) shownId = closest[index];
    else {
      await press(bot, 'show', closest[0]!, where, userId);
      shownId = candidateIds((await press(bot, 'more', closest[0]!, where, userId)).followUp)[index - 1];
    }
    if (shownId) await press(bot, 'show', shownId, where, userId);
  }
  if (shownId) await press(bot, 'resolve', shownId, where, userId);
}

/** Replays the cases as a channel would; resolves to how many pastes got presses. */
async function replay(
  set: LabelledSet,
  cases: readonly EvalCase[],
  bot: Bot,
  matcher: Matcher,
  people: readonly string[],
) {
  let pressed = 0;
  for (const c of cases) {
    const r = matcher.match(c.text, { top: TOP });
    const index = r.matches.findIndex((m) => set.right(c, m.section));
    const { reply, where } = await paste(bot, c.text, people[0]!);
    if (index < 0) continue;
    pressed++;
    for (const person of people) await choose(bot, reply, index, where, person);
  }
  return pressed;
}

interface Answer {
  readonly section: string | undefined;
  readonly confident: boolean;
  readonly result: MatchResult;
}

const answerOf = (matcher: Matcher, text: string): Answer => {
  const result = matcher.match(text, { top: 50 });
  return { section: result.matches[0]?.section.id, confident: result.confident, result };
};

const fuzzyOf = (m: Match | undefined) => Number(m?.reasons?.find((r) => r.startsWith('fuzzy '))?.slice(6) ?? 0);
const signaturesOf = (m: Match | undefined) =>
  (m?.reasons ?? []).filter((r) => r.startsWith('signature ')).map((r) => r.slice(10));

/** Whether a changed answer stayed within the cap: a lift of half again, and no documented evidence overruled. */
function withinCap(before: Answer, after: Answer): boolean {
  if (before.section === after.section) return true;
  const old = before.result.matches[0];
  const now = before.result.matches.find((m) => m.section.id === after.section);
  if (!old || !now) return false;
  const lifted = now.score * (1 + LIFT) >= old.score * (1 - 1e-6);
  const quoteOverruled = fuzzyOf(old) >= QUOTE && fuzzyOf(now) < QUOTE;
  const signatureOverruled = signaturesOf(old).some((s) => !signaturesOf(now).includes(s));
  return lifted && !quoteOverruled && !signatureOverruled;
}

/** For every paste the bot answers right: the runner-up pressed as the fix, by `accounts`, `times` each. */
async function poison(set: LabelledSet, matcher: Matcher, view: LearnedEvidence, accounts: number, times: number) {
  const baseline = new Map(set.cases.map((c) => [c.id, answerOf(matcher, c.text)]));
  const totals = {
    attacks: 0,
    attacksChangingAnswers: 0,
    answersChanged: 0,
    mostChangedByOne: 0,
    wrongAfter: 0,
    beyondCap: 0,
  };
  for (const target of set.cases) {
    const before = baseline.get(target.id)!;
    const runnerUp = before.result.matches.findIndex((m, i) => i > 0 && i < TOP && !set.right(target, m.section));
    if (!before.section || !set.right(target, before.result.matches[0]!.section) || runnerUp < 0) continue;
    totals.attacks++;
    const { bot } = channel(matcher, view);
    const { reply, where } = await paste(bot, target.text, 'U0MALLORY');
    for (let a = 0; a < accounts; a++) {
      for (let i = 0; i < times; i++) await choose(bot, reply, runnerUp, where, `U0MALLORY${a}`);
    }
    let changed = 0;
    for (const c of set.cases) {
      const was = baseline.get(c.id)!;
      const now = answerOf(matcher, c.text);
      if (was.section === now.section && was.confident === now.confident) continue;
      changed++;
      if (!withinCap(was, now)) totals.beyondCap++;
      if (c.expect.length > 0 && was.section && now.section !== was.section) {
        const wasRight = set.right(c, was.result.matches[0]!.section);
        if (wasRight) totals.wrongAfter++;
      }
    }
    if (changed > 0) totals.attacksChangingAnswers++;
    totals.answersChanged += changed;
    totals.mostChangedByOne = Math.max(totals.mostChangedByOne, changed);
  }
  view.replace([]);
  return totals;
}

const bench: Bench = {
  name: 'learning',
  async run(ctx) {
    const set = loadLabelledSet(ctx.root);
    if (!set) {
      ctx.log('../shared/eval/dev.jsonl not found: nothing to replay');
      return {};
    }
    const seedArg = process.argv.indexOf('--seed');
    const seed = seedArg >= 0 ? Number(process.argv[seedArg + 1]) : 1;
    const view = new LearnedEvidence();
    const { matcher } = await loadMatcher('knowledge', { root: ctx.root, learned: view });
    const halfA = set.cases.filter((c) => halfOf(c) === 'A');
    const halfB = set.cases.filter((c) => halfOf(c) === 'B');
    const original = (cases: readonly EvalCase[]) => cases.map((c) => ({ c, text: c.text }));
    const variants = halfA.map((c) => ({ c, text: variantOf(c.text, seed) }));
    ctx.log(`half A: ${halfA.length} cases, half B: ${halfB.length}; variants seeded with ${seed}`);

    const before = {
      a: score(set, original(halfA), matcher),
      b: score(set, original(halfB), matcher),
      v: score(set, variants, matcher),
    };
    const out: Record<string, Figures> = {};
    for (const [name, people] of [
      ['learning_two_people', ['U0ALICE', 'U0BOB']],
      ['learning_one_person', ['U0ALICE']],
    ] as const) {
      const { bot, learner } = channel(matcher, view);
      const pressed = await replay(set, halfA, bot, matcher, people);
      const counting = learner.list().filter((s) => s.counts).length;
      out[name] = {
        pastes_replayed: halfA.length,
        pastes_pressed: pressed,
        pairs_counting: counting,
        ...figures('half_a_variants_before', before.v),
        ...figures('half_a_variants_after', score(set, variants, matcher)),
        ...figures('half_b_before', before.b),
        ...figures('half_b_after', score(set, original(halfB), matcher)),
        ...figures('half_a_before', before.a),
        ...figures('half_a_after', score(set, original(halfA), matcher)),
      };
      ctx.log(`${name}: ${pressed} pastes pressed, ${counting} pairs counting`);
    }
    view.replace([]);

    for (const [name, accounts, times] of [
      ['learning_poison_one_person_50', 1, 50],
      ['learning_poison_two_accounts_10', 2, 10],
    ] as const) {
      const t = await poison(set, matcher, view, accounts, times);
      out[name] = {
        attacks: t.attacks,
        attacks_changing_answers: t.attacksChangingAnswers,
        answers_changed: t.answersChanged,
        most_answers_changed_by_one_attack: t.mostChangedByOne,
        right_answers_made_wrong: t.wrongAfter,
        changes_beyond_cap: t.beyondCap,
      };
      ctx.log(`${name}: ${t.attacks} attacks, ${t.answersChanged} answers changed, ${t.beyondCap} beyond the cap`);
    }
    return out;
  },
};

export default bench;

if (import.meta.url === `file://${process.argv[1]}`) {
  const groups = await bench.run({ root: join(import.meta.dirname, '..'), log: (m) => process.stderr.write(`${m}\n`) });
  process.stdout.write(`${JSON.stringify(groups, null, 2)}\n`);
}
