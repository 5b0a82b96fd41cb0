import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { LearnedSummary } from '../../../src/learning/learned-record.ts';
import { learnedRunbook, readableLine } from '../../../src/learning/learned-runbook.ts';
import { normalizeVariables } from '../../../src/matching/normalize-query.ts';
import { section } from '../../fakes/keyword-matcher.ts';

const pending = section({
  id: 'knowledge/test/doc.md#pending',
  title: '팟이 보류 상태를 유지함',
  causes: '노드의 자원이 부족합니다.',
  steps: [{ text: '노드를 확인합니다.', commands: ['kubectl describe nodes'] }],
});

const lines = [
  normalizeVariables('0/3 nodes are available: pod "web-7c9f8d6b5-x2k4q" on 10.0.3.7:10250 Insufficient cpu'),
];

function pair(over: Partial<LearnedSummary> = {}): LearnedSummary {
  return {
    id: 'p1.c.abc',
    paste: 'p1',
    section: pending.id,
    kind: 'confirm',
    people: 2,
    admin: false,
    counts: true,
    lastAtMs: 0,
    expiresAtMs: 0,
    evidence: { signatures: [], concepts: [], terms: [], lines },
    ...over,
  };
}

const collapse = (t: string) =>
  normalizeVariables(t)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

describe('learnedRunbook', () => {
  it('writes placeholders as the documents do, and they normalise back to what was learned', () => {
    const readable = readableLine(lines[0]!);
    expect(readable).toBe('0/3 nodes are available: pod "<pod_name>" on <ip_address> 10250 Insufficient cpu');
    expect(collapse(readable)).toBe(collapse(lines[0]!));
  });

  it('turns the confirmed pastes into a runbook citing the section', () => {
    const runbook = learnedRunbook(pending, [pair(), pair({ id: 'p2.r.abc', kind: 'reject' })])!;
    const front = parse(runbook.text.split('---\n')[1]!) as { title: string; errors: string[]; tags: string[] };
    expect(front).toMatchObject({ title: '팟이 보류 상태를 유지함 (learned)', tags: ['learned'] });
    expect(front.errors).toEqual([readableLine(lines[0]!)]);
    expect(runbook.text).toContain(
      '## Resolution\n\n1. 노드를 확인합니다.\n\n   ```\n   kubectl describe nodes\n   ```',
    );
    expect(runbook.text).toContain('`knowledge/test/doc.md:1-10`');
    expect(runbook.fileName).toMatch(/^learned-knowledge-test-doc-md-pending-[a-z0-9]{6}\.md$/);
  });

  it('writes nothing for a section nobody confirmed yet', () => {
    expect(learnedRunbook(pending, [pair({ counts: false }), pair({ kind: 'reject' })])).toBeUndefined();
  });
});
