import { describe, expect, it } from 'vitest';
import { createBot } from '../../../src/bot.ts';
import type { Bot } from '../../../src/bot-api.ts';
import type { Command } from '../../../src/commands/command.ts';
import type { IncomingMessage, Reply } from '../../../src/message.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import type { Store } from '../../../src/store/store.ts';
import { KeywordMatcher, section } from '../../fakes/keyword-matcher.ts';
import { RecordingRecorder } from '../../fakes/recording-recorder.ts';

const imagePull = section({
  id: 'knowledge/test/doc.md#image-pull',
  title: 'ImagePullBackOff: 레지스트리 인증 실패',
  causes: '이미지 풀 시크릿이 없습니다.',
  steps: [{ text: '시크릿을 확인합니다.', commands: ['kubectl get secret -n default'] }],
});
const pending = section({ id: 'knowledge/test/doc.md#pending', title: '팟이 보류 상태를 유지함' });
const matcher = new KeywordMatcher([
  { section: imagePull, keywords: ['failed to pull image', 'unauthorized'] },
  { section: pending, keywords: ['failedscheduling', 'insufficient cpu'] },
]);

const pullError = 'Failed to pull image "us.icr.io/team/api:1.2": unauthorized: authentication required';

let seq = 0;
function msg(overrides: Partial<IncomingMessage> = {}): IncomingMessage {
  seq += 1;
  return {
    platform: 'slack',
    id: `100${seq}.0001`,
    workspaceId: 'T1',
    conversationId: 'C1',
    userId: 'U1',
    text: pullError,
    addressed: false,
    ...overrides,
  };
}

function setup(options: { store?: Store; commands?: Command[]; language?: 'ko' | 'en' } = {}) {
  const recorder = new RecordingRecorder();
  const store = options.store ?? new MemoryStore();
  const bot = createBot({ matcher, store, recorder, ...options });
  return { bot, recorder, store };
}

async function answerAndPost(bot: Bot, m: IncomingMessage): Promise<Reply> {
  const reply = await bot.handle(m);
  expect(reply?.kind).toBe('answer');
  await bot.posted?.(reply!, {
    platform: 'slack',
    workspaceId: 'T1',
    conversationId: m.conversationId,
    threadId: m.threadId ?? m.id,
    messageId: `${m.id}-reply`,
    permalink: `https://example.slack.com/archives/${m.conversationId}/p${m.id}`,
  });
  return reply!;
}

describe('createBot: messages', () => {
  it('answers a recognised error unasked, in the thread, with steps, source and buttons', async () => {
    const { bot, recorder } = setup();
    const reply = await bot.handle(msg());
    expect(reply).toMatchObject({ kind: 'answer', inThread: true });
    expect(reply?.blocks.map((b) => b.type)).toEqual([
      'heading',
      'paragraph',
      'paragraph',
      'source',
      'context',
      'actions',
    ]);
    expect(reply?.text).toContain('kubectl get secret -n default');
    expect(recorder.events).toMatchObject([
      {
        type: 'opened',
        confident: true,
        unanswered: false,
        section: { id: imagePull.id },
        resource: { image: 'us.icr.io/team/api:1.2' },
      },
    ]);
  });

  it('stays quiet on chat that is not an error or a question', async () => {
    const { bot } = setup();
    expect(await bot.handle(msg({ text: 'thanks, that unauthorized lunch was great' }))).toBeUndefined();
    expect(await bot.handle(msg({ text: 'ok!' }))).toBeUndefined();
  });

  it('stays quiet when not confident unless addressed, and records what it could not answer', async () => {
    const { bot, recorder } = setup();
    const unsure = 'Failed to pull image "x/y:1" for some other reason';
    expect(await bot.handle(msg({ text: unsure }))).toBeUndefined();
    expect(recorder.events).toMatchObject([{ type: 'opened', confident: false, unanswered: true }]);
    const reply = await bot.handle(msg({ text: unsure, addressed: true }));
    expect(reply?.kind).toBe('unsure');
    expect(reply?.text).toContain('불확실: 확실한 답을 찾지 못했습니다');
    expect(reply?.text).toContain(imagePull.title);
  });

  it('says it has no match when addressed with something unrelated', async () => {
    const { bot } = setup({ language: 'en' });
    const reply = await bot.handle(msg({ text: 'what is the meaning of life', addressed: true }));
    expect(reply?.kind).toBe('unsure');
    expect(reply?.text).toContain('Not sure: no confident answer');
  });

  it('answers a message once however often it is delivered', async () => {
    const { bot } = setup();
    const m = msg();
    const replies = await Promise.all([bot.handle(m), bot.handle(m), bot.handle(m)]);
    expect(replies.filter(Boolean)).toHaveLength(1);
  });

  it('gives one answer across two bots sharing a store', async () => {
    const store = new MemoryStore();
    const a = setup({ store }).bot;
    const b = setup({ store }).bot;
    const m = msg();
    const replies = await Promise.all([a.handle(m), b.handle(m)]);
    expect(replies.filter(Boolean)).toHaveLength(1);
  });

  it('answers an edit that makes a message recognisable, once', async () => {
    const { bot } = setup();
    const original = msg({ text: 'my pod does not start, anyone?' });
    expect(await bot.handle(original)).toBeUndefined();
    const edit = { ...original, text: pullError, edited: true };
    expect((await bot.handle(edit))?.kind).toBe('answer');
    expect(await bot.handle(edit)).toBeUndefined();
    expect(await bot.handle({ ...edit, text: `${pullError} (again)` })).toBeUndefined();
  });

  it('does not answer an edit of a message it already answered', async () => {
    const { bot } = setup();
    const original = msg();
    expect((await bot.handle(original))?.kind).toBe('answer');
    expect(await bot.handle({ ...original, text: `${pullError}!`, edited: true })).toBeUndefined();
  });

  it('points a repeat of the same problem on the same image to the open thread and counts it there', async () => {
    const { bot, recorder } = setup();
    const first = msg();
    await answerAndPost(bot, first);
    const second = await bot.handle(msg({ userId: 'U2' }));
    expect(second?.kind).toBe('pointer');
    expect(second?.text).toContain(`https://example.slack.com/archives/C1/p${first.id}`);
    expect(second?.updates).toHaveLength(1);
    expect(second?.updates?.[0]).toMatchObject({ conversationId: 'C1', messageId: `${first.id}-reply` });
    expect(second?.updates?.[0]?.reply.text).toContain('2번 보고');
    const third = await bot.handle(msg({ userId: 'U3' }));
    expect(third?.updates?.[0]?.reply.text).toContain('3번 보고');
    expect(third?.updates?.[0]?.reply.text).not.toContain('2번 보고');
    expect(recorder.events.filter((e) => e.type === 'repeated')).toHaveLength(2);
  });

  it('answers in full again when the image differs or the thread was resolved', async () => {
    const { bot } = setup();
    const first = await answerAndPost(bot, msg());
    expect((await bot.handle(msg({ text: pullError.replace('api:1.2', 'web:3.0') })))?.kind).toBe('answer');
    await bot.action({
      kind: 'resolve',
      replyId: first.replyId!,
      platform: 'slack',
      conversationId: 'C1',
      userId: 'U9',
    });
    expect((await bot.handle(msg()))?.kind).toBe('answer');
  });

  it('records follow-ups in an answered thread as activity without answering them', async () => {
    const { bot, recorder } = setup();
    const root = msg();
    await answerAndPost(bot, root);
    expect(await bot.handle(msg({ threadId: root.id, text: 'still failing: unauthorized' }))).toBeUndefined();
    expect(recorder.events.at(-1)).toMatchObject({ type: 'activity', place: { threadId: root.id } });
  });

  it('keeps answering when the store fails', async () => {
    const down = () => Promise.reject(new Error('down'));
    const broken: Store = Object.assign(new MemoryStore(), { get: down, set: down, delete: down, claim: down });
    const { bot } = setup({ store: broken });
    expect((await bot.handle(msg()))?.kind).toBe('answer');
  });

  it('runs a command typed in an addressed message', async () => {
    const { bot } = setup({ language: 'en' });
    const reply = await bot.handle(msg({ text: 'help', addressed: true }));
    expect(reply?.kind).toBe('help');
  });
});

describe('createBot: buttons and reactions', () => {
  it('"This fixed it" updates the answer in place with who resolved it, once on record', async () => {
    const { bot, recorder } = setup({ language: 'en' });
    const answer = await answerAndPost(bot, msg());
    const press = {
      kind: 'resolve' as const,
      replyId: answer.replyId!,
      platform: 'slack' as const,
      conversationId: 'C1',
      userId: 'U2',
      userName: 'kim',
    };
    const outcome = await bot.action(press);
    expect(outcome.update?.kind).toBe('resolved');
    expect(outcome.update?.text).toContain('Marked resolved by kim');
    expect(outcome.update?.blocks.some((b) => b.type === 'actions')).toBe(false);
    await bot.action(press);
    expect(recorder.events.filter((e) => e.type === 'resolved')).toMatchObject([{ how: 'button', by: 'kim' }]);
  });

  it('"Not it" records the dismissal; "Other matches" lists the next candidates', async () => {
    const { bot, recorder, store } = setup({ language: 'en' });
    const answer = await answerAndPost(
      bot,
      msg({ text: `${pullError}\nWarning FailedScheduling 0/3 nodes: insufficient cpu` }),
    );
    const base = { replyId: answer.replyId!, platform: 'slack' as const, conversationId: 'C1', userId: 'U2' };
    const more = await bot.action({ ...base, kind: 'more' });
    expect(more.followUp?.kind).toBe('more');
    expect(more.followUp?.text).toContain(pending.title);
    const dismissed = await bot.action({ ...base, kind: 'dismiss' });
    expect(dismissed.update?.text).toContain('Not it');
    expect(recorder.events.at(-1)).toMatchObject({ type: 'dismissed', by: 'U2' });
    expect(JSON.parse((await store.get(`feedback:${answer.replyId}:U2`))!)).toMatchObject({ kind: 'dismiss' });
  });

  it('answers a press on a forgotten reply plainly', async () => {
    const { bot } = setup({ language: 'en' });
    const outcome = await bot.action({
      kind: 'resolve',
      replyId: 'gone',
      platform: 'slack',
      conversationId: 'C1',
      userId: 'U2',
    });
    expect(outcome.followUp?.text).toContain('no longer on record');
  });

  it('a ✅ reaction on the pasted error or the answer resolves the incident', async () => {
    const { bot, recorder } = setup();
    const root = msg();
    await answerAndPost(bot, root);
    await bot.reaction({
      name: 'thumbsup',
      platform: 'slack',
      workspaceId: 'T1',
      conversationId: 'C1',
      messageId: root.id,
      userId: 'U2',
    });
    expect(recorder.events.filter((e) => e.type === 'resolved')).toHaveLength(0);
    await bot.reaction({
      name: 'white_check_mark',
      platform: 'slack',
      workspaceId: 'T1',
      conversationId: 'C1',
      messageId: `${root.id}-reply`,
      userId: 'U2',
    });
    expect(recorder.events.filter((e) => e.type === 'resolved')).toMatchObject([{ how: 'reaction', by: 'U2' }]);
  });
});

describe('createBot: commands', () => {
  const where = { platform: 'slack' as const, conversationId: 'C1', userId: 'U1' };

  it('answers plainly that diagnose and handoff are not configured until registered', async () => {
    const { bot } = setup({ language: 'en' });
    const outcome = bot.command({ ...where, name: 'diagnose', args: 'pod web-1' });
    expect(outcome.progress).toBeUndefined();
    expect((await outcome.result).text).toContain('diagnose is not configured');
    expect((await bot.command({ ...where, name: 'handoff', args: '' }).result).text).toContain('not configured');
  });

  it('shows help for an unknown command', async () => {
    const { bot } = setup({ language: 'en' });
    const reply = await bot.command({ ...where, name: 'deploy', args: 'prod' }).result;
    expect(reply.kind).toBe('help');
    expect(reply.text).toContain('Unknown command: deploy');
    expect(reply.text).toContain('kb <query>');
  });

  it('routes to a registered command with its progress message, and turns a failure into an error reply', async () => {
    const diagnose: Command = {
      name: 'diagnose',
      usage: 'diagnose pod <name>',
      description: 'diagnose',
      progress: (inv) => ({ kind: 'progress', text: `Diagnosing ${inv.args}…`, blocks: [], inThread: true }),
      run: async (inv) => {
        if (inv.args === 'boom') throw new Error('cluster exploded at 10.0.0.1');
        return { kind: 'diagnosis', text: `ok ${inv.args}`, blocks: [], inThread: true };
      },
    };
    const { bot } = setup({ commands: [diagnose], language: 'en' });
    const outcome = bot.command({ ...where, name: 'diagnose', args: 'web-1' });
    expect(outcome.progress?.text).toBe('Diagnosing web-1…');
    expect((await outcome.result).text).toBe('ok web-1');
    const failed = await bot.command({ ...where, name: 'diagnose', args: 'boom' }).result;
    expect(failed.kind).toBe('error');
    expect(failed.text).not.toContain('10.0.0.1');
  });

  it('kb shows the best section for a query, and usage when empty', async () => {
    const { bot } = setup({ language: 'en' });
    const found = await bot.command({ ...where, name: 'kb', args: 'insufficient cpu' }).result;
    expect(found.text).toContain(pending.title);
    const empty = await bot.command({ ...where, name: 'kb', args: '  ' }).result;
    expect(empty.kind).toBe('usage');
    expect(empty.text).toContain('kb <query>');
  });
});
