import type { Matcher } from '../../../src/matching/matcher.ts';
import { KeywordMatcher, section } from '../../fakes/keyword-matcher.ts';

/** Pastes as people send them: the corpus documents the first two; the third is too vague to answer. */
export const pastes = {
  imagePull: [
    'Events:',
    '  Type     Reason     Age   From     Message',
    '  Warning  Failed     12s   kubelet  Failed to pull image "us.icr.io/team/api:1.2": rpc error: code = Unknown desc = failed to resolve reference "us.icr.io/team/api:1.2": unexpected status: 401 Unauthorized',
    '  Warning  Failed     12s   kubelet  Error: ErrImagePull',
  ].join('\n'),
  pending: [
    'pod web-7c9f8d6b5-x2x9z stuck Pending:',
    '  Warning  FailedScheduling  3m  default-scheduler  0/3 nodes are available: 3 Insufficient cpu.',
  ].join('\n'),
  vague: 'hey, something seems off with the cluster today, any idea?',
};

/** The matcher the Slack tests run against. */
export async function testMatcher(): Promise<Matcher> {
  return new KeywordMatcher(
    [
      {
        section: section({
          id: 'knowledge/ibm-cloud/imagepullbackoff.txt#image-pull',
          title: 'ImagePullBackOff 또는 인증 오류로 인해 이미지를 레지스트리에서 가져오지 못하는 이유는 무엇입니까?',
          steps: [
            { text: '이미지 풀 시크릿을 확인합니다.', commands: ['kubectl get secrets -n default | grep icr-io'] },
          ],
        }),
        keywords: ['failed to pull image', 'unauthorized'],
      },
      {
        section: section({
          id: 'knowledge/ibm-cloud/kubernetes-service-clusters.md#pending',
          title: '팟(Pod)이 보류 상태를 유지함',
        }),
        keywords: ['failedscheduling', 'insufficient cpu'],
      },
      {
        section: section({ id: 'knowledge/ibm-cloud/container-registry.md#manifest', title: 'Manifest not found' }),
        keywords: ['errimagepull', 'manifest unknown'],
      },
      {
        section: section({ id: 'knowledge/x#cluster', title: 'Cluster problems' }),
        keywords: ['cluster', 'never-present-keyword'],
      },
    ],
    { floor: 0.99 },
  );
}
