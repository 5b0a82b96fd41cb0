import { beforeAll, describe, expect, it } from 'vitest';
import { createMatcher, type IndexMatcher, unsafePattern } from '../../../src/matching/index-matcher.ts';
import { loadLexicon } from '../../../src/matching/lexicon.ts';
import { corpus, section } from './sections.fixture.ts';

let matcher: IndexMatcher;
beforeAll(async () => {
  matcher = createMatcher(corpus, { lexicon: await loadLexicon('knowledge/lexicon') });
});

const best = (text: string) => matcher.match(text).matches[0]?.section.id;

describe('createMatcher', () => {
  it('answers an English scheduler event with the Korean section about pending pods', () => {
    const r = matcher.match(
      'Warning  FailedScheduling  2m (x30 over 15m)  default-scheduler  0/8 nodes are available: 8 Insufficient cpu.',
    );
    expect(r.matches[0]?.section.id).toBe('pending');
    expect(r.confident).toBe(true);
    expect(r.matches[0]?.reasons).toContain('signature scheduling-insufficient-resources');
  });

  it('finds the Korean prose for a Korean question typed in chat', () => {
    expect(best('팟이 계속 Pending 상태예요')).toBe('pending');
    expect(best('윈도우 포드에서 DNS 가 안 돼요')).toBe('dns-windows');
  });

  it('meets a user image reference with the section placeholders', () => {
    const r = matcher.match(
      'Failed to pull image "ghcr.io/acme/billing:3.2.0": rpc error: code = Unknown desc = 401 Unauthorized',
    );
    expect(r.matches[0]?.section.id).toBe('pull-auth');
    expect(r.confident).toBe(true);
  });

  it('answers the kubelet port timeout whatever the node address', () => {
    expect(best('error: error dialing backend: dial tcp 172.31.9.14:10250: i/o timeout')).toBe('kubelet-10250');
  });

  it('takes the error out of a noisy Slack paste', () => {
    const slack =
      '<@U123> help pls &gt; ```\n\u001b[31mLast State: Terminated\n  Reason: OOMKilled\n  Exit Code: 137\u001b[0m\n```';
    expect(best(slack)).toBe('oom');
  });

  it('is not confident about an error no section documents', () => {
    const r = matcher.match(
      'Error from server (Forbidden): pods is forbidden: User "dev" cannot list resource "pods" in API group "" in the namespace "prod"',
    );
    expect(r.confident).toBe(false);
  });

  it('returns candidates best first with scores in 0..1, at most top', () => {
    const r = matcher.match('ImagePullBackOff 401 Unauthorized', { top: 2 });
    expect(r.matches).toHaveLength(2);
    expect(r.matches[0]!.score).toBeGreaterThanOrEqual(r.matches[1]!.score);
    for (const m of r.matches) expect(m.score).toBeGreaterThan(0);
    for (const m of r.matches) expect(m.score).toBeLessThanOrEqual(1);
  });

  it('reports the cleaned query', () => {
    expect(matcher.match('2024-01-01T00:00:00Z ERROR Back-off restarting failed container').query).toBe(
      'Back-off restarting failed container',
    );
  });

  it('weighs a section quoting the error over one that only mentions its words in prose', () => {
    const m = createMatcher([
      section({
        id: 'prose',
        title: 'Quota',
        text: 'When the quota is exceeded the registry refuses pushes and pulls.',
      }),
      section({
        id: 'quoted',
        title: '레지스트리 문제',
        errors: ['You have exceeded your storage quota. Delete one or more images'],
      }),
    ]);
    expect(m.match('You have exceeded your storage quota. Delete one or more images').matches[0]?.section.id).toBe(
      'quoted',
    );
  });

  it('works without a lexicon and on an empty corpus', () => {
    const plain = createMatcher(corpus);
    expect(plain.match('kubectl logs error dialing backend 10250').matches[0]?.section.id).toBe('kubelet-10250');
    expect(createMatcher([]).match('anything')).toMatchObject({ matches: [], confident: false });
  });

  it('answers with a runbook whose /regular expression/ signature matches an error line', () => {
    const m = createMatcher([
      ...corpus,
      section({
        id: 'queue',
        title: '작업 큐가 가득 참',
        errors: ['/queue "[a-z-]+" is full \\(\\d+ items\\)/'],
        causes: '소비자가 멈췄습니다.',
      }),
    ]);
    const r = m.match('worker-3 ERROR queue "billing-events" is full (10000 items), dropping message');
    expect(r.matches[0]?.section.id).toBe('queue');
    expect(r.confident).toBe(true);
    expect(r.matches[0]?.reasons).toContain('fuzzy 1.00');
  });

  it('counts a long documented error found verbatim in the paste as a quote', () => {
    const m = createMatcher([
      section({ id: 'other', title: 'Backups fail', causes: 'The bucket policy denies writes.' }),
      section({ id: 'quota', title: '백업 실패', errors: ['snapshot quota exceeded for volume group <name>'] }),
    ]);
    const r = m.match('Error: snapshot quota exceeded for volume group "vg-data-01"');
    expect(r.matches[0]?.section.id).toBe('quota');
    expect(r.matches[0]?.reasons).toContain('fuzzy 1.00');
  });

  it('uses a pattern that could backtrack for its words only', () => {
    expect(unsafePattern('/(a+)+b/')).toBe(true);
    expect(unsafePattern('/(\\w*)*x/')).toBe(true);
    expect(unsafePattern('/(x)\\1/')).toBe(true);
    expect(unsafePattern('/configmap "[^"]+" not found/')).toBe(false);
    const m = createMatcher([section({ id: 'evil', title: 'Evil', errors: ['/(a+)+b/'] })]);
    const r = m.match(`Evil ${'a'.repeat(5_000)}c failed`);
    expect(r.matches[0]?.section.id).toBe('evil');
    expect(r.matches[0]?.reasons).not.toContain('fuzzy 1.00');
  });
});

describe('quotes', () => {
  it('does not take a documented error for a quote when its distinctive words are not in the paste', () => {
    const windows = section({
      id: 'pause-windows',
      title: '문서',
      errors: ['kubelet failed to pull sandbox image pause on windows node'],
    });
    const m = createMatcher([
      windows,
      section({ id: 'disk', title: '디스크', text: '디스크' }),
      section({ id: 'net', title: '네트워크', text: 'node' }),
    ]);
    const fuzzy = (text: string) =>
      Number(
        m
          .match(text)
          .matches[0]?.reasons?.find((r) => r.startsWith('fuzzy '))
          ?.slice(6) ?? 0,
      );
    expect(fuzzy('kubelet failed to pull sandbox image pause on windows node')).toBe(1);
    // Fuse alone forgives "linux" for "windows" (0.73): the section's word must be in the paste too.
    expect(fuzzy('kubelet failed to pull sandbox image pause on linux node')).toBeLessThan(0.72);
  });
});

describe('a missing program', () => {
  it('is matched on its name, which the rest of a not-found message does not tell apart', () => {
    const matcher = createMatcher([
      section({ id: 'tar', title: 'tar is not in the image', text: 'tar is not in the image. Install tar.' }),
      section({
        id: 'copy',
        title: 'Files cannot be copied with kubectl cp',
        text: 'Copying files with kubectl cp fails. Copy the files another way.',
      }),
    ]);
    const paste =
      'kubectl cp my-pod:/tmp/out.json ./out.json\nerror: exec failed: container exec: "tar": executable file not found in $PATH';
    expect(matcher.match(paste).matches[0]?.section.id).toBe('tar');
  });

  it('does not share its message with a section that documents it for other programs', async () => {
    const lexicon = await loadLexicon('knowledge/lexicon');
    const matcher = createMatcher(
      [
        section({ id: 'tar', title: 'tar가 없음', errors: ['exec: "tar": executable file not found in $PATH'] }),
        section({ id: 'vim', title: 'vim이 없음', errors: ['bash: vim: command not found'] }),
      ],
      { lexicon },
    );
    const reasons = (paste: string, id: string) =>
      matcher.match(paste, { top: 2 }).matches.find((m) => m.section.id === id)?.reasons ?? [];
    const tar = 'OCI runtime exec failed: exec: "tar": executable file not found in $PATH';
    expect(reasons(tar, 'tar')).toContain('signature executable-not-found');
    expect(reasons(tar, 'vim')).not.toContain('signature executable-not-found');
    expect(matcher.match(tar).matches[0]?.section.id).toBe('tar');
    // No section names ps: every section that documents the message still shares it.
    const ps = 'bash: ps: command not found';
    expect(reasons(ps, 'tar')).toContain('signature executable-not-found');
    expect(reasons(ps, 'vim')).toContain('signature executable-not-found');
  });

  it('is not the shell that reports it', () => {
    const matcher = createMatcher([
      section({
        id: 'no-bash',
        title: 'bash is not in the image',
        text: 'The image has no bash: bash: command not found. Run sh instead of bash.',
      }),
      section({ id: 'no-tools', title: 'Tools are not in the image', text: 'vi is not installed in the image.' }),
    ]);
    expect(matcher.match('-bash: vi: command not found').matches[0]?.section.id).toBe('no-tools');
    // Where bash itself is missing, its name is what counts.
    expect(matcher.match('exec: "bash": executable file not found in $PATH').matches[0]?.section.id).toBe('no-bash');
  });
});
