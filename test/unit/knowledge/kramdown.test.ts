import { describe, expect, it } from 'vitest';
import { parseBlocks } from '../../../src/knowledge/blocks.ts';
import { loadDocument } from '../../../src/knowledge/file-knowledge-source.ts';
import { CLUSTERS, corpus, fileLines, REGISTRY, section, sectionsOf } from './corpus.ts';

describe('kramdown splitter: IBM Cloud Kubernetes Service clusters page (000)', () => {
  it('makes one section per "##" topic plus the two anchored sub-parts', async () => {
    const sections = await sectionsOf(CLUSTERS);
    expect(sections).toHaveLength(25);
    expect(sections.filter((s) => s.parentId)).toHaveLength(2);
  });

  it('starts every topic at its "##" line and ends it before the next', async () => {
    const lines = fileLines(CLUSTERS);
    for (const s of (await sectionsOf(CLUSTERS)).filter((x) => !x.parentId)) {
      expect(lines[s.lines[0] - 1]).toMatch(/^## /);
    }
    const pull = await section('ibm-cloud/kubernetes-service-clusters#ts_image_pull');
    expect(pull.lines).toEqual([758, 833]);
    expect((await section('ibm-cloud/kubernetes-service-clusters#cs_pods_pending')).lines[0]).toBe(974);
  });

  it('reads the ImagePullBackOff topic: title, symptoms, causes, steps with commands, errors', async () => {
    const s = await section('ibm-cloud/kubernetes-service-clusters#ts_image_pull');
    expect(s.title).toBe('`ImagePullBackOff` 또는 권한 부여 오류로 레지스트리에서 이미지를 가져오는 데 실패함');
    expect(s.documentTitle).toBe('클러스터 및 작업자 노드 문제점 해결');
    expect(s.symptoms).toContain('IBM Cloud Container Registry에서 이미지를 가져오는 워크로드를 배치할 때');
    expect(s.causes).toMatch(/^클러스터는 API 키 또는 이미지 풀 시크릿에 저장된 토큰을 사용하여/);
    expect(s.steps.map((x) => x.commands)).toEqual([
      ['ibmcloud cr images'],
      ['kubectl get pod <pod_name> -o yaml'],
      [],
      [],
    ]);
    expect(s.steps[0]!.text).toBe('배치 YAML 파일에서 이미지의 올바른 이름 및 태그를 사용하는지 확인하십시오.');
    expect(s.errors).toContain('Failed to pull image "<region>.icr.io/<namespace>/<image>:<tag>" ... 401 Unauthorized');
    expect(s.url).toBe('https://cloud.ibm.com/docs/containers?topic=containers-cs_troubleshoot_clusters#ts_image_pull');
  });

  it('links the API-key and token sub-parts to their topic, starting at their bold title line', async () => {
    const apikey = await section('ibm-cloud/kubernetes-service-clusters#ts_image_pull_apikey');
    const token = await section('ibm-cloud/kubernetes-service-clusters#ts_image_pull_token');
    expect(apikey.parentId).toBe('ibm-cloud/kubernetes-service-clusters#ts_image_pull');
    expect(token.parentId).toBe('ibm-cloud/kubernetes-service-clusters#ts_image_pull');
    expect(apikey.lines[0]).toBe(838);
    expect(token.lines[0]).toBe(925);
    expect(apikey.title).toBe('API 키를 사용하는 이미지 풀 시크릿 문제점 해결');
    expect(token.title).toBe('더 이상 사용되지 않음: 토큰을 사용하는 이미지 풀 시크릿 문제점 해결');
    expect(token.steps).toHaveLength(6);
    expect(token.steps[4]!.commands).toEqual([
      'docker login -u token -p <password_string> registry.<region>.bluemix.net',
    ]);
  });

  it('keeps nested sub-steps in their step and their commands in order', async () => {
    const s = await section('ibm-cloud/kubernetes-service-clusters#cs_credentials');
    expect(s.steps).toHaveLength(3);
    expect(s.steps[0]!.commands).toEqual([
      'ibmcloud ks api-key-info --cluster <cluster_name_or_ID>',
      'ibmcloud ks credential-get --region <us-south>',
    ]);
    expect(s.steps[0]!.text).toContain('클러스터의 지역 및 리소스 그룹에 대한 API 키를 확인하십시오.');
  });

  it('reads steps from an HTML list with <pre><code> commands', async () => {
    const s = await section('ibm-cloud/kubernetes-service-clusters#pods_fail');
    expect(s.steps[0]).toEqual({
      text: '팟(Pod)의 이름을 가져오십시오. 레이블을 사용한 경우에는 이를 포함시켜 결과를 필터링할 수 있습니다.',
      commands: ["kubectl get pods --selector='app=wasliberty'"],
    });
  });

  it('takes messages quoted in causes and resolutions as documented errors, but not example output', async () => {
    expect((await section('ibm-cloud/kubernetes-service-clusters#pods_fail')).errors).toContain('OOM Killed');
    expect((await section('ibm-cloud/kubernetes-service-clusters#ts_image_pull_apikey')).errors).toContain(
      'access denied',
    );
    // "(E0011)" is the output a successful check prints, not the problem.
    expect((await section('ibm-cloud/kubernetes-service-clusters#cs_credentials')).errors.join('\n')).not.toContain(
      'E0011',
    );
  });

  it('resolves keyword variables, inside code blocks too', async () => {
    const s = await section('ibm-cloud/kubernetes-service-clusters#cs_credentials');
    expect(s.errors).toContain("IBM Cloud Infrastructure Exception: 'Item' must be ordered with permission.");
    expect(s.symptoms).not.toContain('{{');
    const missing = await section('ibm-cloud/kubernetes-service-clusters#cs_not_found_services');
    expect(missing.causes).toContain('IBM Cloud Kubernetes Service에 대한 IBM Cloud IAM 편집자 플랫폼 액세스 권한');
  });

  it('makes relative links absolute and anchors point into the page', async () => {
    const s = await section('ibm-cloud/kubernetes-service-clusters#cs_credentials');
    expect(s.links).toContainEqual({
      text: '인프라 권한',
      url: 'https://cloud.ibm.com/docs/containers?topic=containers-access_reference#infra',
    });
    expect(s.links.map((l) => l.url)).toContain(
      'https://cloud.ibm.com/docs/containers?topic=containers-cs_troubleshoot_clusters#orphaned',
    );
    for (const x of await sectionsOf(CLUSTERS)) {
      for (const link of x.links) expect(link.url).not.toMatch(/^\/|^#/);
    }
  });
});

describe('kramdown splitter: IBM Cloud Container Registry page (001)', () => {
  it('makes 14 sections, the two "###" key parts linked to their topic', async () => {
    const sections = await sectionsOf(REGISTRY);
    expect(sections).toHaveLength(14);
    const repoKey = await section('ibm-cloud/container-registry#trustedcontent_lostrepokey');
    expect(repoKey.title).toBe('저장소 키');
    expect(repoKey.lines[0]).toBe(351);
    expect(repoKey.parentId).toBe('ibm-cloud/container-registry#ts_recoveringtrustedcontent');
    expect((await section('ibm-cloud/container-registry#trustedcontent_lostrootkey')).parentId).toBe(
      'ibm-cloud/container-registry#ts_recoveringtrustedcontent',
    );
  });

  it('resolves variables in titles and keeps the quoted error as an error string', async () => {
    const login = await section('ibm-cloud/container-registry#ts_login');
    expect(login.title).toBe('IBM Cloud Container Registry에 로그인 실패');
    expect(login.causes).toContain('IBM Cloud 로그인 신임 정보가 만료되었습니다.');
    const notRegistered = await section('ibm-cloud/container-registry#ts_login_error');
    expect(notRegistered.errors).toContain("'cr' is not a registered command. See 'ibmcloud help'.");
  });

  it('keeps an unanchored "###" inside a resolution as a heading among its steps', async () => {
    const ppa = await section('ibm-cloud/container-registry#ts_ppa');
    expect(ppa.steps[0]!.text).toBe('IBM Cloud에 사용할 IBM Passport Advantage 제품 가져오기');
    expect(ppa.steps.flatMap((x) => x.commands)).toContain('ibmcloud cr region-set <region>');
  });
});

describe('display text of every section', () => {
  it('carries no kramdown attribute lines, layout HTML or unresolved variables', async () => {
    const kb = await corpus();
    for (const s of kb.sections) {
      const fields = [s.title, s.symptoms, s.causes, s.text, ...s.steps.map((x) => x.text)];
      for (const field of fields) {
        expect(field, s.id).not.toMatch(/^\s*\{:.*\}\s*$/m);
        expect(field, s.id).not.toMatch(/<\/?(?:p|br|li|ol|pre|code)\b[^>]*>|<\/br>/i);
        expect(field, s.id).not.toContain('{{site.data.keyword');
      }
    }
  });

  it('gives every section a unique id, a title and a range inside its file, without overlaps', async () => {
    const kb = await corpus();
    expect(new Set(kb.sections.map((s) => s.id)).size).toBe(kb.sections.length);
    const bySource = Map.groupBy(kb.sections, (s) => s.source);
    for (const [source, sections] of bySource) {
      const length = fileLines(source).length;
      const sorted = [...sections].sort((a, b) => a.lines[0] - b.lines[0]);
      sorted.forEach((s, i) => {
        expect(s.title.trim(), s.id).not.toBe('');
        expect(s.lines[0]).toBeGreaterThanOrEqual(1);
        expect(s.lines[1]).toBeGreaterThanOrEqual(s.lines[0]);
        expect(s.lines[1]).toBeLessThanOrEqual(length);
        const next = sorted[i + 1];
        if (next) expect(s.lines[1], `${s.id} overlaps ${next.id}`).toBeLessThan(next.lines[0]);
      });
    }
  });
});

describe('kramdown splitter: a one-topic page written with block attributes after their blocks', () => {
  const PAGE = [
    '# Why do images fail to pull?',
    '{: #ts-image-pull}',
    '{: support}',
    '',
    'When you deploy a workload, your pods fail with an `ImagePullBackOff` status.',
    '{: tsSymptoms}',
    '',
    '```sh',
    'Failed to pull image "<image>:<tag>" ... 401 Unauthorized',
    '```',
    '{: screen}',
    '',
    'Your cluster uses an API key that is stored in an image pull secret.',
    '{: tsCauses}',
    '',
    '1. Verify the name and tag of the image.',
    '{: tsResolve}',
    '',
    '    ```sh',
    '    ibmcloud cr images',
    '    ```',
    '    {: pre}',
    '',
    '2. Check your quota.',
    '',
    '## Troubleshooting image pull secrets that use API keys',
    '{: #img-pull-api-key}',
    '',
    'If your pod configuration has an image pull secret that uses an API key, check it.',
    '{: shortdesc}',
    '',
    '1. Find the service ID.',
  ].join('\n');

  it('makes the anchored title the topic, and its "##" parts its sub-parts', () => {
    const { sections } = loadDocument('knowledge/page.en.md', 'page.en.md', PAGE, undefined, {});
    expect(sections.map((s) => [s.id, s.parentId, s.lines])).toEqual([
      ['page.en#ts-image-pull', undefined, [1, 24]],
      ['page.en#img-pull-api-key', 'page.en#ts-image-pull', [26, 32]],
    ]);
  });

  it('gives a marker written under a block to that block', () => {
    const [topic] = loadDocument('knowledge/page.en.md', 'page.en.md', PAGE, undefined, {}).sections;
    expect(topic!.symptoms).toMatch(/^When you deploy a workload/);
    expect(topic!.causes).toBe('Your cluster uses an API key that is stored in an image pull secret.');
    expect(topic!.steps.map((s) => s.text)).toEqual(['Verify the name and tag of the image.', 'Check your quota.']);
    expect(topic!.steps[0]!.commands).toEqual(['ibmcloud cr images']);
    expect(topic!.errors).toContain('Failed to pull image "<image>:<tag>" ... 401 Unauthorized');
  });
});

describe('code fences', () => {
  it('end a fence left open inside a list item with the item, as CommonMark does, not at the next fence', () => {
    const lines = [
      '1. Set the credentials.',
      '    ```',
      '    ibmcloud ks credentials-set --infrastructure-username <user>',
      '',
      '2. Check the network.',
      '',
      '## Next topic',
      '',
      '  ```',
      '  ibmcloud ks clusters',
      '  ```',
    ];
    const problems: string[] = [];
    const blocks = parseBlocks(lines, 0, lines.length, {
      onProblem: (line, message) => problems.push(`${line} ${message}`),
    });
    expect(blocks.map((b) => b.kind)).toEqual(['item', 'code', 'item', 'heading', 'code']);
    expect(blocks[1]).toMatchObject({ code: 'ibmcloud ks credentials-set --infrastructure-username <user>' });
    expect(problems).toEqual([]);
  });
});
