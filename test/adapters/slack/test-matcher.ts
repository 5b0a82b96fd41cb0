import { fileURLToPath } from 'node:url';
import { FileKnowledgeSource } from '../../../src/knowledge/file-knowledge-source.ts';
import type { LearnedEvidence } from '../../../src/matching/learned-evidence.ts';
import { type LoadedMatcher, matcherFromSource } from '../../../src/matching/load-matcher.ts';

/**
 * Pastes as people send them, written for these tests: the corpus documents the first two and the matcher
 * is confident on them; the third is too vague to answer. (A registry's 401 on a pull is documented twice,
 * on the clusters page and the ImagePullBackOff page, and too close a call to answer unasked.)
 */
export const pastes = {
  pullQuota: [
    'Events:',
    '  Type     Reason     Age   From     Message',
    '  Warning  Failed     12s   kubelet  Failed to pull image "us.icr.io/team/api:1.2": rpc error: code = Unknown desc = Error response from daemon: denied: You have exceeded your pull traffic quota for the current month.',
    '  Warning  Failed     12s   kubelet  Error: ErrImagePull',
  ].join('\n'),
  pending: '  Warning  FailedScheduling  3m  default-scheduler  0/3 nodes are available: 3 Insufficient cpu.',
  vague: 'hey, something seems off with the cluster today, any idea?',
};

const root = fileURLToPath(new URL('../../../', import.meta.url));
let loaded: Promise<LoadedMatcher> | undefined;

/** The real knowledge/ through the real loader and matcher, loaded once per test file. */
export function loadRealMatcher(): Promise<LoadedMatcher> {
  loaded ??= matcherFromSource(new FileKnowledgeSource({ root }), `${root}knowledge/lexicon`);
  return loaded;
}

export async function testMatcher() {
  return (await loadRealMatcher()).matcher;
}

/** The real knowledge with a learned field of its own (an index built for the caller). */
export async function learningMatcher(learned: LearnedEvidence) {
  return (await matcherFromSource(new FileKnowledgeSource({ root }), `${root}knowledge/lexicon`, { learned })).matcher;
}
