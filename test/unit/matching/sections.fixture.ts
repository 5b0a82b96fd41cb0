import type { Section } from '../../../src/knowledge/section.ts';

/** A section with defaults for what a test does not care about. */
export function section(over: Partial<Section> & Pick<Section, 'id' | 'title'>): Section {
  return {
    source: 'knowledge/test/runbook.md',
    lines: [1, 10],
    documentTitle: 'Test runbook',
    language: 'ko',
    symptoms: '',
    causes: '',
    steps: [],
    errors: [],
    links: [],
    tags: [],
    text: '',
    ...over,
    ...(over.text === undefined
      ? { text: [over.title, over.symptoms ?? '', ...(over.errors ?? []), over.causes ?? ''].join('\n') }
      : {}),
  };
}

/** A small corpus written for the tests: Korean prose with English error strings, like the real one. */
export const corpus: readonly Section[] = [
  section({
    id: 'pending',
    title: '팟(Pod)이 보류 상태에서 벗어나지 않음',
    symptoms: '`kubectl get pods` 결과에서 팟이 계속 보류 상태입니다.',
    causes: '노드에 팟을 배치할 용량이 없거나, 팟의 리소스 요청이 노드의 CPU 또는 메모리보다 큽니다.',
    steps: [{ text: '노드 용량을 확인하십시오.', commands: ['kubectl describe nodes'] }],
  }),
  section({
    id: 'pull-auth',
    title: '레지스트리 인증 오류로 이미지를 가져오지 못함',
    symptoms: '팟이 ImagePullBackOff 상태가 됩니다.',
    errors: ['Failed to pull image "<registry>/<namespace>/<image>:<tag>": 401 Unauthorized'],
    causes: '이미지 풀 시크릿이 없거나 만료되었습니다.',
    steps: [{ text: '풀 시크릿을 다시 작성하십시오.', commands: ['kubectl create secret docker-registry regcred'] }],
  }),
  section({
    id: 'pull-auth-token',
    parentId: 'pull-auth',
    title: '토큰을 사용하는 이미지 풀 시크릿 확인',
    text: '토큰 인증 정보가 올바른지 확인합니다. 시크릿의 .dockerconfigjson 값을 디코딩하십시오.',
  }),
  section({
    id: 'kubelet-10250',
    title: 'kubectl logs 및 exec 명령이 제한시간 초과로 실패함',
    errors: ['Error from server: error dialing backend: dial tcp <node_ip>:10250: i/o timeout'],
    causes: '마스터와 작업자 노드 사이의 VPN 연결이 끊어졌습니다.',
  }),
  section({
    id: 'oom',
    title: '컨테이너가 메모리 부족으로 다시 시작됨',
    causes: '컨테이너가 메모리 한계를 넘어 OOMKilled 로 종료됩니다.',
  }),
  section({
    id: 'dns-windows',
    title: 'Windows 노드의 포드가 DNS 이름을 해석하지 못함',
    causes: 'Windows DNS 캐시 문제입니다.',
  }),
];
