/**
 * What a busy channel sees from the bot with the shipped knowledge and model, through the bot's own
 * message handling: an error it documents is answered, while chat that reads as a question and questions
 * too vague to act on get nothing unless the bot is addressed, and then the closest sections.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot.ts';
import type { Bot } from '../../src/bot-api.ts';
import { loadMatcher } from '../../src/matching/load-matcher.ts';
import type { IncomingMessage } from '../../src/message.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import { RecordingRecorder } from '../fakes/recording-recorder.ts';

let bot: Bot;
beforeAll(async () => {
  const { matcher } = await loadMatcher('knowledge');
  bot = createBot({ matcher, store: new MemoryStore(), recorder: new RecordingRecorder(), language: 'en' });
});

let seq = 0;
const msg = (text: string, addressed = false): IncomingMessage => ({
  platform: 'slack',
  id: `200${++seq}.0001`,
  workspaceId: 'T1',
  conversationId: 'C1',
  userId: 'U1',
  text,
  addressed,
});

describe('a busy channel with the shipped knowledge', () => {
  it('answers a documented error unasked', async () => {
    const reply = await bot.handle(
      msg('Warning  FailedScheduling  2m  default-scheduler  0/3 nodes are available: 3 Insufficient cpu.'),
    );
    expect(reply?.kind).toBe('answer');
  });

  it.each(['anyone around?', 'can someone review my PR', 'my pod keeps restarting', 'why is my container slow'])(
    'says nothing unasked to %j, and offers the closest sections when addressed',
    async (text) => {
      expect(await bot.handle(msg(text))).toBeUndefined();
      const addressed = await bot.handle(msg(text, true));
      expect(addressed?.kind).toBe('unsure');
      expect(addressed?.text).toContain('Not sure: no confident answer');
    },
  );
});
