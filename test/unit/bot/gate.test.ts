import { describe, expect, it } from 'vitest';
import { findResource } from '../../../src/gate/find-resource.ts';
import { looksLikeProblem } from '../../../src/gate/looks-like-problem.ts';
import { summarize } from '../../../src/gate/summarize.ts';

describe('looksLikeProblem', () => {
  it.each([
    { name: 'a pull error', text: 'Failed to pull image "nginx:1.2": rpc error: code = Unknown', expected: 'error' },
    {
      name: 'a describe Events row',
      text: '  Warning  FailedScheduling  3m  default-scheduler  0/3 nodes are available',
      expected: 'error',
    },
    { name: 'a Korean complaint', text: '팟이 계속 재시작되는데 원인을 모르겠어요', expected: 'error' },
    { name: 'an English question', text: 'how do I rotate the registry token for my cluster', expected: 'question' },
    { name: 'a Korean question', text: '노드 추가는 어떻게 하나요', expected: 'question' },
    { name: 'thanks', text: 'thanks a lot, that worked great', expected: undefined },
    { name: 'too short', text: 'error', expected: undefined },
  ])('$name → $expected', ({ text, expected }) => {
    expect(looksLikeProblem(text)).toBe(expected);
  });

  it('classifies a 2 MB paste by its head without choking', () => {
    expect(looksLikeProblem(`Error: boom\n${'x'.repeat(2_000_000)}`)).toBe('error');
  });
});

describe('findResource', () => {
  it('finds the image of a pull error', () => {
    expect(findResource('Failed to pull image "us.icr.io/team/api:1.2": unauthorized')).toEqual({
      image: 'us.icr.io/team/api:1.2',
    });
  });

  it('finds namespace and pod from a scheduler event', () => {
    expect(
      findResource('Normal Scheduled 2m default-scheduler Successfully assigned shop/web-7c9f-x2x9z to node-1'),
    ).toEqual({
      namespace: 'shop',
      pod: 'web-7c9f-x2x9z',
    });
  });

  it('finds the pod of kubectl describe output', () => {
    expect(findResource('Name:         api-5d8f6-abcde\nNamespace:    prod\nImage:  nginx:1.25')).toEqual({
      namespace: 'prod',
      pod: 'api-5d8f6-abcde',
      image: 'nginx:1.25',
    });
  });

  it('finds nothing in prose', () => {
    expect(findResource('something is broken')).toBeUndefined();
  });
});

describe('summarize', () => {
  it('keeps the first line, bounded, with secrets removed', () => {
    const summary = summarize(
      '\n\ncurl -H "Authorization: Bearer abcdefghijklmnop" https://x --password=hunter22\nmore',
    );
    expect(summary).not.toContain('abcdefghijklmnop');
    expect(summary).not.toContain('hunter22');
    expect(summarize('x'.repeat(500)).length).toBe(200);
  });

  it('redacts before it cuts, so half a token cannot slip through', () => {
    const token = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
    const summary = summarize(`${'x'.repeat(180)} ${token}`);
    expect(summary).not.toContain(token.slice(0, 12));
    expect(summary).toContain('[redacted]');
  });
});
