/**
 * One language per reply: every kind of reply, as the core builds it and as each platform renders it,
 * carries only the words of the language it was asked in: the bot's setting, or a person's own choice.
 */
import { describe, expect, it } from 'vitest';
import { toHtml } from '../../../adapters/playground/to-html.ts';
import { toBlockKit } from '../../../adapters/slack/to-block-kit.ts';
import { toAdaptiveCard } from '../../../adapters/teams/to-adaptive-card.ts';
import { createBot } from '../../../src/bot.ts';
import { createHandoffCommand } from '../../../src/commands/handoff-command.ts';
import { handoffLabels } from '../../../src/handoff/handoff-labels.ts';
import { type Language, messages } from '../../../src/i18n/messages.ts';
import { IncidentLog } from '../../../src/incidents/incident-log.ts';
import type { IncomingMessage, Reply } from '../../../src/message.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import { KeywordMatcher, section } from '../../fakes/keyword-matcher.ts';

// Document text is shown as written; these sections hold none of the bot's own words.
const imagePull = section({
  id: 'knowledge/test/doc.md#image-pull',
  title: 'ImagePullBackOff',
  causes: '`imagePullSecrets` → registry',
  steps: [{ text: '`kubectl get secret`', commands: ['kubectl get secret -n default'] }],
  url: 'https://docs.example/pull',
});
const pending = section({
  id: 'knowledge/test/doc.md#pending',
  title: 'FailedScheduling',
  url: 'https://docs.example/p',
});
const matcher = new KeywordMatcher([
  { section: imagePull, keywords: ['failed to pull image', 'unauthorized'] },
  { section: pending, keywords: ['failedscheduling', 'insufficient cpu'] },
]);

/** The fixed parts of every message in one language, long enough to be words rather than punctuation. */
function wordsOf(language: Language): Set<string> {
  const sample = { headLines: 7, tailLines: 7, middleLines: 7, omittedLines: 7 };
  const out = new Set<string>();
  for (const value of [...Object.values(messages(language)), ...Object.values(handoffLabels(language))]) {
    let text: string;
    try {
      text = typeof value === 'string' ? value : String((value as (a: unknown, b: unknown) => string)('§', sample));
    } catch {
      continue; // a label that needs a shape the sample is not
    }
    // Words, not identifiers or syntax: action ids (`more`) and window examples (`since 09:00`) are shared.
    for (const part of text.split(/§|7|`/).map((p) => p.trim()))
      if (part.length >= (/[가-힣]/.test(part) ? 3 : 6) && !/\d/.test(part)) out.add(part);
  }
  return out;
}
const other: Record<Language, Set<string>> = { ko: wordsOf('en'), en: wordsOf('ko') };

let seq = 0;
const msg = (text: string, extra: Partial<IncomingMessage> = {}): IncomingMessage => ({
  platform: 'web',
  id: `m${++seq}`,
  conversationId: 'C1',
  userId: 'U1',
  userName: 'Ana',
  text,
  addressed: true,
  ...extra,
});

/** One reply of every kind the bot gives, asked for in `language` (`asked`: by the person, not the setting). */
async function everyReply(language: Language, asked: boolean): Promise<Reply[]> {
  const setting: Language = asked ? (language === 'ko' ? 'en' : 'ko') : language;
  const store = new MemoryStore();
  const incidents = new IncidentLog({ store });
  const handoff = createHandoffCommand({ incidents, timeZone: 'UTC', language: setting });
  const bot = createBot({
    matcher,
    store,
    recorder: incidents,
    commands: [handoff],
    language: setting,
  });
  const own = asked ? { language } : {};
  const replies: Reply[] = [];
  const keep = (reply: Reply | undefined) => {
    expect(reply).toBeDefined();
    replies.push(reply!);
    return reply!;
  };
  const origin = { platform: 'web' as const, conversationId: 'C1', userId: 'U1', userName: 'Ana', ...own };
  const answer = keep(await bot.handle(msg('Failed to pull image "a/b:1": unauthorized', own)));
  await bot.posted?.(answer, { platform: 'web', conversationId: 'C1', threadId: 'm1', messageId: 'p1' });
  keep(await bot.handle(msg('Failed to pull image "a/b:1": unauthorized', own))); // pointer
  keep((await bot.action({ ...origin, kind: 'more', replyId: answer.replyId!, threadId: 't' })).followUp);
  keep((await bot.action({ ...origin, kind: 'dismiss', replyId: answer.replyId!, threadId: 't' })).update);
  keep((await bot.action({ ...origin, kind: 'resolve', replyId: answer.replyId!, threadId: 't' })).update);
  const unsure = keep(await bot.handle(msg('my laptop is loud, unauthorized maybe', own)));
  const show = unsure.blocks.flatMap((b) => (b.type === 'candidates' ? b.candidates : []))[0]?.replyId;
  if (show) keep((await bot.action({ ...origin, kind: 'show', replyId: show, threadId: 't' })).followUp);
  keep(await bot.handle(msg('nothing related at all here', own)));
  keep(await bot.handle(msg('\u0000\u0001\u0002\u0003'.repeat(500), own)));
  keep(
    await bot.handle(
      msg(
        `${'INFO fine\n'.repeat(8000)}Failed to pull image "a/b:1": unauthorized\n${'INFO fine\n'.repeat(8000)}`,
        own,
      ),
    ),
  );
  for (const [name, args] of [
    ['help', ''],
    ['deploy', 'x'],
    ['diagnose', 'pod a'],
    ['handoff', '1h'],
    ['handoff', 'since yesterday-ish'],
    ['handoff', 'resolve'],
    ['kb', ''],
    ['kb', 'zzzz'],
    ['kb', 'FailedScheduling'],
  ] as const)
    keep(await bot.command({ ...origin, name, args, threadId: 't' }).result);
  keep((await bot.action({ ...origin, kind: 'more', replyId: 'gone', threadId: 't' })).followUp);
  return replies;
}

describe.each([
  { language: 'ko' as const, asked: false, how: 'BOT_LANGUAGE=ko' },
  { language: 'en' as const, asked: false, how: 'BOT_LANGUAGE=en' },
  { language: 'ko' as const, asked: true, how: 'ko asked by the person, the bot set to en' },
  { language: 'en' as const, asked: true, how: 'en asked by the person, the bot set to ko' },
])('every reply in one language: $how', ({ language, asked }) => {
  it('in the core reply and as Slack, Teams and the playground render it', async () => {
    const replies = await everyReply(language, asked);
    expect(new Set(replies.map((r) => r.kind)).size).toBeGreaterThanOrEqual(8);
    for (const reply of replies) {
      const shown = [
        reply.text,
        JSON.stringify(reply.blocks),
        JSON.stringify(toBlockKit(reply, { language })),
        JSON.stringify(toAdaptiveCard(reply, { language })),
        toHtml(reply, { language }),
      ].join('\n');
      const foreign = [...other[language]].filter((word) => shown.includes(word));
      expect(foreign, `${reply.kind}: ${reply.text.slice(0, 80)}`).toEqual([]);
    }
  });
});
