import { beforeAll, describe, expect, it } from 'vitest';
import { type LoadedMatcher, loadMatcher } from '../../../src/matching/load-matcher.ts';

// The shipped corpus and lexicon, on pastes and questions written for these tests.
let loaded: LoadedMatcher;
beforeAll(async () => {
  loaded = await loadMatcher('knowledge');
});

const answer = (text: string) => {
  const r = loaded.matcher.match(text);
  return { id: r.matches[0]?.section.id, confident: r.confident };
};

describe('matching the shipped knowledge', () => {
  it('loads every document and the lexicon without problems', () => {
    expect(loaded.knowledge.sections.length).toBeGreaterThan(100);
    expect(loaded.problems).toEqual([]);
  });

  it('takes two FAQ answers that both quote the image GC message for one answer, and answers unasked', () => {
    // The TKE FAQ quotes "failed to garbage collect" under the full-disk question and the image-reuse one.
    const r = loaded.matcher.match(
      'Warning  ImageGCFailed  3m  kubelet  failed to garbage collect required amount of images. Wanted to free 4312135270 bytes, but freed 0 bytes',
    );
    expect(
      r.matches
        .slice(0, 2)
        .map((m) => m.section.lines[0])
        .sort(),
    ).toEqual([721, 765]);
    expect(r.confident).toBe(true);
  });

  it('answers a pod that blocks the autoscaler from removing its node with the FAQ on pods that block scale-down', () => {
    // cluster-autoscaler names a blocking pod's reason ("pod is blocking scale down because …") or the rule.
    for (const paste of [
      'I1104 09:12:44.102931 1 cluster.go:169] Fast evaluation: node gke-pool-1-3f2a cannot be removed: pod annotated as not safe to evict present: etl-worker-0',
      'noScaleDown: Pod is blocking scale down because it has local storage (kube-system/fluentd-7xk2p)',
    ]) {
      const r = loaded.matcher.match(paste);
      expect(r.matches[0]?.section.source).toBe('knowledge/tencent/tke-faq.txt');
      expect(r.matches[0]?.section.lines[0]).toBe(180);
      expect(r.matches[0]?.reasons).toContain('signature ca-scale-down-blocked');
    }
  });

  it('answers a program missing from the image with the FAQ entry that names that program', () => {
    // Five TKE FAQ entries document a command that is not found; the program decides which one answers.
    const tar = loaded.matcher.match(
      'error: Internal error occurred: error executing command in container: exec: "tar": executable file not found in $PATH',
    );
    expect(tar.matches[0]?.section.lines[0]).toBe(1540);
    expect(tar.matches[0]?.reasons).toContain('signature executable-not-found');
    expect(tar.matches[1]?.reasons).not.toContain('signature executable-not-found');
    // Given a path, Go's exec stats it: the same failure in other words.
    const bash = loaded.matcher.match(
      'OCI runtime create failed: container_linux.go:344: starting container process caused "exec: \\"/bin/bash\\": stat /bin/bash: no such file or directory": unknown',
    );
    expect(bash.matches[0]?.section.lines[0]).toBe(1366);
    expect(bash.matches[0]?.reasons).toContain('signature executable-not-found');
  });

  it('answers a package the package manager cannot find with the FAQ entry on apt-get, not the missing tools', () => {
    for (const paste of [
      'Step 4/9 : RUN apt-get install -y supervisor\nReading package lists...\nE: Unable to locate package supervisor',
      'ERROR: unable to select packages:\n  tzdata2 (no such package):\n    required by: world[tzdata2]',
    ]) {
      const r = loaded.matcher.match(paste);
      expect(r.matches[0]?.section.lines[0]).toBe(1516);
      expect(r.matches[0]?.reasons).toContain('signature package-not-found');
    }
  });

  it('answers a docker push the registry refuses with the registry guide, not the cluster pull secret', () => {
    const { id } = answer('$ docker push us.icr.io/team/api:2.0\nunauthorized: authentication required');
    expect(id).toBe('ibm-cloud/container-registry#ts_pushpull');
  });

  it('answers an image pull refused by the registry with an IBM image-pull section', () => {
    // Two documents answer it (the clusters page and the ImagePullBackOff page, which also has English);
    // whether the lead between them is enough to answer unasked is the confidence policy's call.
    const { id } = answer(
      'Warning  Failed  3s  kubelet  Failed to pull image "jp.icr.io/payments/ledger:7.1": rpc error: code = Unknown desc = failed to authorize: 401 Unauthorized',
    );
    expect(id).toBe('ibm-cloud/kubernetes-service-clusters#ts_image_pull');
  });

  it.each([
    [
      'Warning  FailedScheduling  10s  default-scheduler  0/3 nodes are available: 1 node(s) had untolerated taint, 2 Insufficient memory.',
      'ibm-cloud/kubernetes-service-clusters#cs_pods_pending',
    ],
    [
      '노드를 reload 했더니 NotReady 상태의 노드가 중복으로 보여요',
      'ibm-cloud/kubernetes-service-clusters#cs_duplicate_nodes',
    ],
    [
      "ibmcloud ks cluster-service-bind 하니까 This service doesn't support creation of keys 라고 나와요",
      'ibm-cloud/kubernetes-service-clusters#cs_service_keys',
    ],
    ['kubectl exec 하면 타임아웃 나요', 'ibm-cloud/kubernetes-service-clusters#exec_logs_fail'],
  ])('answers %s', (text, id) => {
    expect(answer(text)).toEqual({ id, confident: true });
  });

  it.each([
    'Error from server (Forbidden): deployments.apps is forbidden: User "jane" cannot create resource "deployments" in API group "apps" in the namespace "prod"',
    'error: You must be logged in to the server (Unauthorized)',
    'Warning  FailedAttachVolume  attachdetach-controller  Multi-Attach error for volume "pvc-1234" Volume is already exclusively attached to one node',
    'Error: INSTALLATION FAILED: rendered manifests contain a resource that already exists.',
    'Readiness probe failed: Get "http://10.1.2.3:8080/healthz": dial tcp 10.1.2.3:8080: connect: connection refused',
  ])('stays quiet on an error the knowledge does not document: %s', (text) => {
    expect(answer(text).confident).toBe(false);
  });

  // A channel's first message is often this short: it names only what many sections are about, and any one
  // section answered unasked would be a guess. (When the bot is addressed, it offers the closest ones.)
  it.each([
    'my pod keeps restarting',
    'my pod keeps restarting after the last change, what should I look at',
    '팟이 계속 재시작돼요',
    'my pods are crashing, help',
    'cluster is slow',
    '클러스터가 이상해요',
    'image pull fails',
    '이미지를 못 받아요',
    'network not working on my node',
    '노드가 안 돼요',
    'help, deployment broken',
    '서비스 접속이 안 돼요',
    '로그가 안 보여요',
    'pod restarts after deploy, why?',
    'why is my container slow',
    'how do I debug my pod',
    '컨테이너가 느려요',
    "what's the difference?",
    '차이가 뭐예요?',
    // Chat that reads as a question passes the channel's gate and must find no answer either.
    'anyone around?',
    'can someone review my PR',
  ])('stays quiet on a question too vague to act on: %s', (text) => {
    expect(answer(text).confident).toBe(false);
  });
});
