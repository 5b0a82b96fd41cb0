/**
 * Learning from the channel, end to end through the bot and the real matcher, on each store the bot runs
 * on: presses on answers become votes in the store, and the pairs they make count change what the matcher
 * answers for the next paste of the same failure (names, pods and addresses changed).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RedisStore } from '../../adapters/redis/redis-store.ts';
import { SqliteStore, sqlitePath } from '../../adapters/sqlite/sqlite-store.ts';
import { createBot } from '../../src/bot.ts';
import type { Bot } from '../../src/bot-api.ts';
import { createLearner, type Learner } from '../../src/learning/learner.ts';
import { defaultLearningConfig, type LearningConfig } from '../../src/learning/learning-config.ts';
import { silentLogger } from '../../src/log.ts';
import { createMatcher } from '../../src/matching/index-matcher.ts';
import { type CompiledLexicon, compileLexicon, loadLexicon } from '../../src/matching/lexicon.ts';
import type { ActionKind, Block, Reply } from '../../src/message.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import type { Store } from '../../src/store/store.ts';
import { eventually } from '../contract/store-contract.ts';
import { type RedisServer, startRedisServer } from '../fakes/redis-server.ts';
import { corpus } from '../unit/matching/sections.fixture.ts';

// A paste about several things at once: the image pull section ranks first, the pending pods one close behind.
const paste =
  'pod web-7c9f8d6b5-x2k4q stuck on node ip-10-0-1-5.ec2.internal, image pull token expired 401 node memory';
const variant =
  'pod api-5d4c3b2a1-q9w8e stuck on node ip-10-8-3-77.ec2.internal, image pull token expired 401 node memory';
const day = 86_400_000;

let lexicon: CompiledLexicon;
let redis: RedisServer;
let dir: string;

beforeAll(async () => {
  lexicon = compileLexicon(await loadLexicon('knowledge/lexicon'));
  redis = await startRedisServer();
  dir = await mkdtemp(join(tmpdir(), 'ksb-learning-'));
}, 30_000);

afterAll(async () => {
  await redis?.close();
  await rm(dir, { recursive: true, force: true });
});

type ClosableStore = Store & { close?(): Promise<void> };

/** One backing store per test; `connect()` is one replica's connection to it. */
interface Backing {
  readonly name: string;
  fresh(): Promise<{ connect(): Promise<ClosableStore> }>;
}

let files = 0;
const backings: readonly Backing[] = [
  {
    name: 'MemoryStore',
    fresh: async () => {
      const store = new MemoryStore();
      return { connect: async () => store };
    },
  },
  {
    name: 'SqliteStore',
    fresh: async () => {
      const path = sqlitePath(join(dir, `state-${++files}`));
      return { connect: async () => new SqliteStore({ path, log: silentLogger }) };
    },
  },
  {
    name: 'RedisStore',
    fresh: async () => {
      const connect = async () => {
        const store = new RedisStore({ url: redis.url });
        await store.ready();
        return store;
      };
      const first = await connect();
      await first.client.flushall();
      await first.close();
      return { connect };
    },
  },
];

describe.each(backings)('learning on $name', (backing) => {
  let connect: () => Promise<ClosableStore>;
  const opened: ClosableStore[] = [];
  const learners: Learner[] = [];

  beforeEach(async () => {
    ({ connect } = await backing.fresh());
    return async () => {
      for (const learner of learners.splice(0)) learner.stop();
      for (const store of opened.splice(0)) await store.close?.();
    };
  });

  /** One replica: its own store connection, learner, matcher and bot. */
  async function replica(options: { config?: Partial<LearningConfig>; now?: () => number } = {}) {
    const store = await connect();
    opened.push(store);
    const learner = createLearner({
      store,
      config: { ...defaultLearningConfig, ...options.config },
      ...(options.now ? { now: options.now } : {}),
    });
    learners.push(learner);
    await learner.sync();
    const matcher = createMatcher(corpus, { lexicon, learned: learner.view });
    const bot = createBot({ matcher, store, learning: learner, language: 'en' });
    return { bot, learner, matcher };
  }

  let seq = 0;
  const ask = (bot: Bot, text: string, userId = 'U0ALICE'): Promise<Reply | undefined> =>
    bot.handle({
      platform: 'slack',
      workspaceId: 'T1',
      conversationId: 'C1',
      id: `${++seq}.0001`,
      userId,
      text,
      addressed: true,
    });
  const press = (bot: Bot, kind: ActionKind, replyId: string, userId: string, conversationId = 'C1') =>
    bot.action({
      kind,
      replyId,
      platform: 'slack',
      workspaceId: 'T1',
      conversationId,
      threadId: `${seq}.0001`,
      userId,
    });

  /** Asks about the paste and presses "Show this answer" on the candidate whose title has `title`. */
  async function choose(bot: Bot, title: string, userId: string, conversationId = 'C1'): Promise<string> {
    const reply = await ask(bot, paste, userId);
    expect(reply?.kind).toBe('unsure');
    const candidates = reply!.blocks.find((b): b is Extract<Block, { type: 'candidates' }> => b.type === 'candidates');
    const chosen = candidates?.candidates.find((c) => c.title.includes(title));
    expect(chosen?.replyId).toBeDefined();
    await press(bot, 'show', chosen!.replyId!, userId, conversationId);
    return chosen!.replyId!;
  }

  const top = (r: { matches: readonly { section: { id: string } }[] }) => r.matches[0]?.section.id;

  it('lifts the section two people chose, for a variant of the same paste', async () => {
    const { bot, matcher } = await replica();
    expect(top(matcher.match(variant))).toBe('pull-auth');
    await choose(bot, '보류', 'U0ALICE');
    await choose(bot, '보류', 'U0BOB');
    const after = matcher.match(variant);
    expect(top(after)).toBe('pending');
    expect(after.confident).toBe(true);
    // Asked again, the bot answers it outright.
    expect((await ask(bot, variant))?.kind).toBe('answer');
  });

  it('does not move for one person, however often they press', async () => {
    const { bot, matcher, learner } = await replica();
    for (let i = 0; i < 50; i++) await choose(bot, '보류', 'U0MALLORY');
    expect(top(matcher.match(variant))).toBe('pull-auth');
    expect(learner.list()).toMatchObject([{ section: 'pending', kind: 'confirm', people: 1, counts: false }]);
  });

  it('counts one press of a knowledge admin', async () => {
    const { bot, matcher } = await replica({ config: { admins: new Set(['slack:U0ADMIN']) } });
    await choose(bot, '보류', 'U0ADMIN');
    expect(top(matcher.match(variant))).toBe('pending');
  });

  it('demotes a section two people said was not it, without hiding it', async () => {
    const { bot, matcher } = await replica();
    for (const user of ['U0ALICE', 'U0BOB']) {
      const shown = await choose(bot, '레지스트리 인증', user);
      await press(bot, 'dismiss', shown, user);
    }
    const ids = matcher.match(variant).matches.map((m) => m.section.id);
    expect(ids[0]).not.toBe('pull-auth');
    expect(ids).toContain('pull-auth');
  });

  it('does not count presses made outside the conversation the answer was posted in', async () => {
    const { bot, matcher, learner } = await replica();
    await choose(bot, '보류', 'U0ALICE', 'C0ELSEWHERE');
    await choose(bot, '보류', 'U0BOB', 'C0ELSEWHERE');
    expect(learner.list()).toEqual([]);
    expect(top(matcher.match(variant))).toBe('pull-auth');
  });

  it('lets the evidence expire after the retention unless confirmed again', async () => {
    let clock = Date.now();
    const { bot, matcher, learner } = await replica({ config: { retentionDays: 30 }, now: () => clock });
    await choose(bot, '보류', 'U0ALICE');
    await choose(bot, '보류', 'U0BOB');
    expect(top(matcher.match(variant))).toBe('pending');
    clock += 31 * day;
    await learner.sync();
    expect(top(matcher.match(variant))).toBe('pull-auth');
    expect(learner.list().filter((s) => s.counts)).toEqual([]);
  });

  it('reaches the other replicas: a press in one changes the answers of another', async () => {
    const first = await replica();
    const second = await replica();
    first.learner.start(50);
    await choose(second.bot, '보류', 'U0ALICE');
    await choose(first.bot, '보류', 'U0BOB');
    await eventually(async () => expect(top(first.matcher.match(variant))).toBe('pending'));
    second.learner.start(50);
    await eventually(async () => expect(top(second.matcher.match(variant))).toBe('pending'));
  });

  it('forgets a pair on request, on every replica', async () => {
    const first = await replica();
    const second = await replica();
    second.learner.start(50);
    await choose(first.bot, '보류', 'U0ALICE');
    await choose(first.bot, '보류', 'U0BOB');
    await eventually(async () => expect(top(second.matcher.match(variant))).toBe('pending'));
    const [pair] = first.learner.list();
    expect(await first.learner.forget(pair!.id, 'cli')).toHaveLength(1);
    expect(top(first.matcher.match(variant))).toBe('pull-auth');
    await eventually(async () => expect(top(second.matcher.match(variant))).toBe('pull-auth'));
    // Pressed again after being forgotten, the pair stays forgotten.
    await choose(first.bot, '보류', 'U0CAROL');
    expect(top(first.matcher.match(variant))).toBe('pull-auth');
  });
});
