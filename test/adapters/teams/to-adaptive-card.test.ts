import { describe, expect, it } from 'vitest';
import {
  cardBytes,
  maxCardBytes,
  toAdaptiveCard,
  toTeamsActivity,
  truncateClean,
} from '../../../adapters/teams/to-adaptive-card.ts';
import { FileKnowledgeSource } from '../../../src/knowledge/file-knowledge-source.ts';
import { parseMarkdown } from '../../../src/markdown/parse-markdown.ts';
import type { Reply } from '../../../src/message.ts';
import { answerReply, displayOf } from '../../../src/replies/answer-reply.ts';

const answer: Reply = {
  kind: 'answer',
  text: 'ImagePullBackOff: 이미지를 가져올 수 없음\n1. Check the pull secret',
  inThread: true,
  replyId: 'r-42',
  blocks: [
    { type: 'heading', text: '이미지 가져오기 실패 (ImagePullBackOff)' },
    { type: 'paragraph', label: 'Cause', text: '클러스터가 레지스트리에서 이미지를 가져올 권한이 없습니다.' },
    {
      type: 'steps',
      label: 'Steps',
      steps: [
        {
          text: 'Check that the pod has an `imagePullSecrets` entry.',
          commands: ['kubectl get pod <pod_name> -o yaml'],
        },
        { text: "Compare the secret's registry with the image's.", commands: [] },
      ],
    },
    { type: 'divider' },
    {
      type: 'source',
      title: 'ImagePullBackOff [API key]',
      path: 'knowledge/ibm-cloud/cs_troubleshoot.md',
      lines: [120, 188],
      url: 'https://cloud.ibm.com/docs/containers?topic=containers-ts-app-image-pull',
    },
    { type: 'actions', replyId: 'r-42', actions: ['resolve', 'dismiss', 'more'] },
  ],
};

describe('toAdaptiveCard', () => {
  it('renders an answer: title, cause, numbered steps with commands, source link and the three buttons', async () => {
    await expect(JSON.stringify(toTeamsActivity(answer, { language: 'en' }), null, 2)).toMatchFileSnapshot(
      'golden/answer-card.json',
    );
  });

  it('carries the reply id and the action kind in every button', () => {
    const card = toAdaptiveCard(answer, { language: 'en' });
    expect(card.actions?.map((a) => [a['title'], a['data']])).toEqual([
      ['This fixed it', { ksb: 'action', kind: 'resolve', replyId: 'r-42' }],
      ['Not it', { ksb: 'action', kind: 'dismiss', replyId: 'r-42' }],
      ['Other matches', { ksb: 'action', kind: 'more', replyId: 'r-42' }],
    ]);
  });

  it('trims a huge reply under the size limit and keeps title, source and buttons', () => {
    const steps = Array.from({ length: 60 }, (_, i) => ({
      text: `단계 ${i + 1}: ${'노드의 할당 가능한 리소스를 확인하고 팟의 요청과 비교합니다. '.repeat(20)}`,
      commands: Array.from({ length: 8 }, (_, j) => `kubectl describe node worker-${i}-${j} | grep -A 12 Allocatable`),
    }));
    const huge: Reply = {
      ...answer,
      blocks: [
        answer.blocks[0]!,
        { type: 'paragraph', label: 'Cause', text: 'x'.repeat(50_000) },
        {
          type: 'code',
          text: Array.from({ length: 400 }, (_, i) => `Warning FailedScheduling pod/web-${i}`).join('\n'),
        },
        { type: 'steps', steps },
        ...answer.blocks.slice(3),
      ],
    };
    const activity = toTeamsActivity(huge, { language: 'en' });
    expect(cardBytes(activity.attachments?.[0]?.content)).toBeLessThanOrEqual(maxCardBytes);
    const text = JSON.stringify(activity);
    expect(text).toContain('이미지 가져오기 실패');
    expect(text).toContain('https://cloud.ibm.com/docs/containers?topic=containers-ts-app-image-pull');
    expect(text).toContain('Shortened to fit a Teams message');
    expect(text).toMatch(/more steps? in the source document/);
    expect(toAdaptiveCard(huge, { language: 'en' }).actions).toHaveLength(3);
  });

  it('leaves a reply that fits untouched', () => {
    expect(JSON.stringify(toAdaptiveCard(answer, { language: 'en' }))).not.toContain('Shortened');
  });

  it('renders a reply without blocks from its text', () => {
    const card = toAdaptiveCard({ kind: 'info', text: 'no confident match', blocks: [], inThread: true });
    expect(card.body).toEqual([{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'no confident match' }] }]);
  });
});

describe('the corpus as Teams cards', () => {
  it('fits the full answer of every section in one message, the longest untrimmed', async () => {
    const { sections } = await new FileKnowledgeSource().load();
    expect(sections.length).toBeGreaterThan(100);
    const cards = sections.map((section) => {
      const reply = answerReply({ section, score: 1 }, { language: 'en', replyId: 'r' });
      return { section, reply, bytes: cardBytes(toAdaptiveCard(reply, { language: 'en' })) };
    });
    const longest = cards.sort((a, b) => b.bytes - a.bytes)[0]!;
    for (const { bytes } of cards) expect(bytes).toBeLessThanOrEqual(maxCardBytes);
    const card = JSON.stringify(toAdaptiveCard(longest.reply, { language: 'en' }));
    expect(card).not.toContain('Shortened');
    // Every top-level item of its resolution is there, numbered.
    const resolution = parseMarkdown(displayOf(longest.section).resolution);
    const items = resolution.reduce((n, b) => n + (b.type === 'list' && b.ordered ? b.items.length : 0), 0);
    if (items > 0) expect(card).toContain(`"text":"${items}."`);

    // With a quarter of the room, the same answer is cut cleanly: title, source and buttons stay.
    const small = toAdaptiveCard(longest.reply, { language: 'en', maxBytes: Math.floor(longest.bytes / 4) });
    const smallText = JSON.stringify(small);
    expect(cardBytes(small)).toBeLessThanOrEqual(Math.floor(longest.bytes / 4));
    expect(smallText).toContain(JSON.stringify(longest.section.title).slice(1, -1));
    expect(smallText).toContain(longest.section.source);
    expect(smallText).toContain('Shortened to fit a Teams message');
    expect(small.actions).toHaveLength(3);
  });
});

describe('truncateClean', () => {
  it('cuts at a word boundary and marks the cut', () => {
    expect(truncateClean('the quick brown fox jumps over the lazy dog', 20)).toBe('the quick brown fox…');
  });

  it('leaves short text alone', () => {
    expect(truncateClean('short', 20)).toBe('short');
  });

  it('never splits a surrogate pair', () => {
    const cut = truncateClean('🙂'.repeat(10), 6);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut).not.toMatch(/[\ud800-\udbff]…$/);
  });
});
