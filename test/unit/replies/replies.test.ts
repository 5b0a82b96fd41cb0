import { describe, expect, it } from 'vitest';
import { answerReply } from '../../../src/replies/answer-reply.ts';
import { dismissedReply, resolvedReply, withRepeatCount } from '../../../src/replies/mark-reply.ts';
import { pointerReply } from '../../../src/replies/pointer-reply.ts';
import { unsureReply } from '../../../src/replies/unsure-reply.ts';
import { section } from '../../fakes/keyword-matcher.ts';

const answer = answerReply(
  {
    section: section({ id: 's1', title: '팟(Pod)이 보류 상태를 유지함', causes: '노드 자원이 부족합니다.' }),
    score: 0.87,
  },
  { replyId: 'r1' },
);

describe('replies', () => {
  it('speaks Korean by default and English when asked', () => {
    expect(answer.text).toContain('원인: 노드 자원이 부족합니다.');
    expect(answer.text).toContain('해결 방법:');
    const en = answerReply(
      { section: section({ id: 's1', title: 'T' }), score: 0.5 },
      { replyId: 'r', language: 'en' },
    );
    expect(en.text).toContain('Cause: A cause.');
    expect(en.blocks.find((b) => b.type === 'context')).toEqual({
      type: 'context',
      text: 'Confident: the pasted error matches an error this section documents.',
    });
  });

  it('cites a near copy of the section in another document with it', () => {
    const copy = section({
      id: 'ibm-cloud/imagepullbackoff#pull',
      source: 'knowledge/ibm-cloud/imagepullbackoff.txt',
      title: '이미지 풀 실패',
      documentTitle: 'ImagePullBackOff 문제 해결',
      lines: [2, 55],
    });
    const cited = answerReply(
      { section: section({ id: 's1', title: '이미지 풀 실패' }), score: 0.9, alsoIn: [copy] },
      { replyId: 'r' },
    );
    expect(cited.text).toContain(
      '같은 내용이 있는 문서: ImagePullBackOff 문제 해결 (knowledge/ibm-cloud/imagepullbackoff.txt:L2-L55)',
    );
    expect(cited.blocks).toContainEqual({
      type: 'context',
      text: '같은 내용이 있는 문서: ImagePullBackOff 문제 해결 (knowledge/ibm-cloud/imagepullbackoff.txt:L2-L55)',
    });
    expect(answer.text).not.toContain('같은 내용이 있는 문서');
  });

  it("shows a section in the bot's language where it has a translation to show, with its own citation", () => {
    const translated = section({
      id: 'ibm-cloud/registry#ts_login',
      source: 'knowledge/ibm-cloud/registry.md',
      lines: [43, 61],
      title: '로그인 실패',
      causes: '플러그인이 오래되었습니다.',
      translations: [
        {
          language: 'en',
          source: 'knowledge/ibm-cloud/registry.en.md',
          lines: [40, 58],
          title: 'Logging in fails',
          documentTitle: 'Registry troubleshooting',
          symptoms: '',
          causes: 'The plug-in is out of date.',
          steps: [{ text: 'Update the plug-in.', commands: ['ibmcloud plugin update container-registry'] }],
          errors: [],
          text: 'Logging in fails',
          shown: true,
        },
      ],
    });
    const en = answerReply({ section: translated, score: 0.9 }, { replyId: 'r', language: 'en' });
    expect(en.blocks[0]).toEqual({ type: 'heading', text: 'Logging in fails' });
    expect(en.text).toContain('Cause: The plug-in is out of date.');
    expect(en.text).toContain('1. Update the plug-in.');
    expect(en.blocks).toContainEqual(
      expect.objectContaining({ type: 'source', path: 'knowledge/ibm-cloud/registry.md', lines: [43, 61] }),
    );
    const ko = answerReply({ section: translated, score: 0.9 }, { replyId: 'r' });
    expect(ko.blocks[0]).toEqual({ type: 'heading', text: '로그인 실패' });
    const matchingOnly = section({
      ...translated,
      translations: translated.translations!.map((t) => ({ ...t, shown: false })),
    });
    const kept = answerReply({ section: matchingOnly, score: 0.9 }, { replyId: 'r', language: 'en' });
    expect(kept.blocks[0]).toEqual({ type: 'heading', text: '로그인 실패' });
  });

  it('marks an answer resolved: buttons and reply id gone, who resolved it shown', () => {
    const resolved = resolvedReply(answer, 'kim');
    expect(resolved.kind).toBe('resolved');
    expect(resolved.replyId).toBeUndefined();
    expect(resolved.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(resolved.blocks.at(-1)).toEqual({ type: 'context', text: '✅ kim 님이 해결됨으로 표시했습니다.' });
  });

  it('keeps only "Other matches" on a dismissed answer', () => {
    const dismissed = dismissedReply(answer, 'kim', { language: 'en' });
    expect(dismissed.blocks.find((b) => b.type === 'actions')).toMatchObject({ actions: ['more'] });
    expect(dismissed.text).toContain('Marked "Not it" by kim.');
  });

  it('shows one repeat count, the latest, above the buttons', () => {
    const twice = withRepeatCount(withRepeatCount(answer, 2), 3);
    const notes = twice.blocks.filter((b) => b.type === 'context' && b.text.startsWith('🔁'));
    expect(notes).toEqual([{ type: 'context', text: '🔁 같은 문제가 3번 보고되었습니다.' }]);
    expect(twice.blocks.at(-1)?.type).toBe('actions');
    expect(twice.text.match(/🔁/g)).toHaveLength(1);
  });

  it('points to the open thread by link when there is one', () => {
    const pointer = pointerReply({
      count: 2,
      title: 'T',
      permalink: 'https://x.slack.com/archives/C1/p1',
      language: 'en',
    });
    expect(pointer.kind).toBe('pointer');
    expect(pointer.text).toBe(
      'The same problem is being handled in an open thread (reported 2 times).\nT\nhttps://x.slack.com/archives/C1/p1',
    );
  });

  it('lists the closest candidates when unsure, or says nothing looks related', () => {
    const none = unsureReply({ matches: [], confident: false, probability: 0, query: '' }, { language: 'en' });
    expect(none.text).toContain('Nothing in the documents looks related');
    const some = unsureReply({
      matches: [{ section: section({ id: 'a', title: 'Alpha' }), score: 0.4 }],
      confident: false,
      probability: 0.3,
      query: '',
    });
    expect(some.text).toContain('1. Alpha (Test document) — knowledge/test/doc.md:L1-L10');
  });
});
