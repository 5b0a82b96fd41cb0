import { describe, expect, it } from 'vitest';
import { splitMrkdwn, toBlockKit } from '../../../adapters/slack/to-block-kit.ts';
import type { Step } from '../../../src/message.ts';
import { answerReply } from '../../../src/replies/answer-reply.ts';
import { section } from '../../fakes/keyword-matcher.ts';
import { slackLimitViolations } from './slack-limits.ts';
import { loadRealMatcher } from './test-matcher.ts';

const longStep = (i: number): Step => ({
  text: `Step ${i}: ${'check the node & its <labels> carefully, '.repeat(20)}`,
  commands: [`kubectl describe node worker-${i} | grep -A 40 Conditions`, 'x'.repeat(400)],
});

describe('toBlockKit', () => {
  it('renders an answer as header, cause, numbered steps with code, source and buttons', () => {
    const reply = answerReply(
      { section: section({ id: 's', title: 'Pod stays Pending', url: 'https://docs.example/p#pending' }), score: 0.91 },
      { replyId: 'r1', language: 'en' },
    );
    const message = toBlockKit(reply, { language: 'en' });
    expect(message.blocks.map((b) => b.type)).toEqual([
      'header',
      'section',
      'section',
      'context',
      'context',
      'actions',
    ]);
    expect(JSON.stringify(message.blocks[2])).toContain('1. Do the thing.\\n```\\nkubectl get pods\\n```');
    expect(JSON.stringify(message.blocks[3])).toContain(
      '<https://docs.example/p#pending|Test document › Pod stays Pending>',
    );
    expect(message.blocks[5]?.['elements']).toMatchObject([
      { action_id: 'ksb:resolve', value: 'r1', style: 'primary' },
      { action_id: 'ksb:dismiss', value: 'r1' },
      { action_id: 'ksb:more', value: 'r1' },
    ]);
  });

  it('escapes Slack control characters from the documents', () => {
    const reply = answerReply(
      { section: section({ id: 's', title: 'T', causes: 'run <pod_name> & wait', steps: [] }), score: 0.9 },
      { replyId: 'r', language: 'en' },
    );
    const text = JSON.stringify(toBlockKit(reply).blocks);
    expect(text).toContain('&lt;pod_name&gt; &amp; wait');
    expect(text).not.toContain('<pod_name>');
  });

  it('keeps a huge section within every Slack limit, with the title, source and buttons kept', () => {
    const huge = section({
      id: 'huge',
      title: `A very long title ${'x'.repeat(300)}`,
      causes: 'cause line\n'.repeat(1000),
      steps: Array.from({ length: 120 }, (_, i) => longStep(i + 1)),
    });
    const message = toBlockKit(answerReply({ section: huge, score: 0.8 }, { replyId: 'r', language: 'en' }), {
      language: 'en',
    });
    expect(slackLimitViolations(message)).toEqual([]);
    expect(message.blocks[0]?.type).toBe('header');
    expect(message.blocks.at(-1)?.type).toBe('actions');
    expect(JSON.stringify(message.blocks)).toMatch(/the rest is in the source document/);
  });

  it('splits a long code block so each piece closes and reopens its fence', () => {
    const code = `\`\`\`${Array.from({ length: 400 }, (_, i) => `line ${i} ${'y'.repeat(20)}`).join('\n')}\`\`\``;
    const pieces = splitMrkdwn(code, 3000);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(3000);
      expect((piece.match(/```/g)?.length ?? 0) % 2).toBe(0);
    }
    expect(pieces.join('').replace(/```/g, '').replace(/\n/g, '')).toBe(code.replace(/```/g, '').replace(/\n/g, ''));
  });

  it('cuts a single line longer than a section', () => {
    const pieces = splitMrkdwn('z'.repeat(7000), 3000);
    expect(pieces.every((p) => p.length <= 3000)).toBe(true);
    expect(pieces.join('')).toBe('z'.repeat(7000));
  });
});

describe('toBlockKit on the shipped corpus', () => {
  it('keeps the answer for every section, the longest included, within Slack limits', async () => {
    const { knowledge } = await loadRealMatcher();
    expect(knowledge.sections.length).toBeGreaterThan(10);
    const rendered = knowledge.sections.map((s) => ({
      id: s.id,
      size: s.text.length,
      message: toBlockKit(answerReply({ section: s, score: 0.9 }, { replyId: 'abcdefghijkl' }), { language: 'ko' }),
    }));
    const longest = rendered.reduce((a, b) => (b.size > a.size ? b : a));
    expect(longest.size).toBeGreaterThan(3000);
    expect(slackLimitViolations(longest.message)).toEqual([]);
    expect(longest.message.blocks[0]?.type).toBe('header');
    expect(longest.message.blocks.at(-1)?.type).toBe('actions');
    for (const r of rendered) expect(slackLimitViolations(r.message), r.id).toEqual([]);
  });
});
