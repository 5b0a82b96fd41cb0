import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../../src/knowledge/file-knowledge-source.ts';
import { errorPhrases } from '../../../src/knowledge/signals.ts';
import { markdownFaqPageStarts } from '../../../src/knowledge/splitters/markdown-faq.ts';
import { corpus, FAQ, fileLines, PAGE, section, sectionsOf, WINDOWS } from './corpus.ts';

describe('markdown splitter: Microsoft docs page (002)', () => {
  it('makes one section per "###" topic and per "##" group that has its own text', async () => {
    const sections = await sectionsOf(WINDOWS);
    expect(sections).toHaveLength(24);
    const lines = fileLines(WINDOWS);
    for (const s of sections) expect(lines[s.lines[0] - 1]).toMatch(/^##+ /);
    expect(sections.map((s) => s.lines[0])).toContain(211);
  });

  it('tags topics with the group they sit under', async () => {
    const sections = await sectionsOf(WINDOWS);
    expect(sections.find((s) => s.lines[0] === 47)!.tags).toEqual(['일반적인 네트워킹 오류']);
    expect(sections.find((s) => s.lines[0] === 203)!.tags).toEqual(['일반적인 Windows 오류']);
    // A group with text of its own is a section, not a group.
    expect(sections.find((s) => s.lines[0] === 221)!.tags).toEqual([]);
  });

  it('strips closing hashes from headings, with or without them', async () => {
    const sections = await sectionsOf(WINDOWS);
    const lb = sections.find((s) => s.lines[0] === 47)!;
    expect(lb.title).toBe('부하 분산 장치가 클러스터 노드에 일관 되지 않게 배관 됨');
    expect(sections.find((s) => s.lines[0] === 151)!.title).toBe(
      'VSphere 실행 되는 Kubernetes 클러스터에서 호스트 간의 pod-pod 연결이 중단 되었습니다.',
    );
  });

  it('takes error output as errors, not commands, and numbered items as steps', async () => {
    const lb = (await sectionsOf(WINDOWS)).find((s) => s.lines[0] === 47)!;
    expect(lb.errors).toContain(
      'Policy creation failed: hcnCreateLoadBalancer failed in Win32: The specified port already exists.',
    );
    expect(lb.steps).toHaveLength(3);
    // The sample error is not a command; the command written inline in step 2 is.
    expect(lb.steps.flatMap((s) => s.commands)).toEqual([
      'netsh int ipv4 set dynamicportrange TCP <start_port> <port_count>',
    ]);
    expect(lb.causes).toContain('kube-proxy는 클러스터의 모든 Kubernetes 서비스에 대해 HNS 부하 분산 장치를 만듭니다');
  });

  it('keeps code blocks as commands and resolves relative links against the page', async () => {
    const hns = (await sectionsOf(WINDOWS)).find((s) => s.lines[0] === 65)!;
    expect(hns.steps.flatMap((s) => s.commands)).toContain(
      'Stop-Service HNS\nrm C:\\ProgramData\\Microsoft\\Windows\\HNS\\HNS.data\nStart-Service HNS',
    );
    expect(hns.errors).toContain('HnsCall에 오류가 발생 했습니다: 잘못 된 디스켓이 드라이브에 있습니다.');
    const bg = (await sectionsOf(WINDOWS)).find((s) => s.lines[0] === 34)!;
    expect(bg.links.map((l) => l.url)).toContain(
      'https://learn.microsoft.com/ko-kr/virtualization/windowscontainers/kubernetes/kube-windows-services',
    );
  });
});

describe('plain-page splitter: ImagePullBackOff page (003)', () => {
  it('makes the page one section that starts at its title line, and its sub-part another', async () => {
    const [s, part, ...rest] = await sectionsOf(PAGE);
    expect(rest).toHaveLength(0);
    expect(s!.lines).toEqual([2, 55]);
    expect(s!.title).toBe(
      'ImagePullBackOff 또는 인증 오류로 인해 이미지를 레지스트리에서 가져오지 못하는 이유는 무엇입니까?',
    );
    expect(part!.lines).toEqual([57, 127]);
    expect(part!.title).toBe('API 키를 사용하는 이미지 풀 시크릿 문제점 해결');
    expect(part!.parentId).toBe(s!.id);
    expect(part!.symptoms).toMatch(/^팟\(Pod\) 구성에 API 키를 사용하는 이미지 풀 시크릿이 있는 경우/);
    expect(part!.steps[0]!.commands).toEqual(['ibmcloud iam service-ids']);
  });

  it('separates symptoms with their error output from causes, and reads numbered steps with commands', async () => {
    const [s] = await sectionsOf(PAGE);
    expect(s!.symptoms).toContain('팟(Pod)에 오류가 발생하며 ImagePullBackOff 상태가 됩니다.');
    expect(s!.symptoms).not.toContain('가상 프라이빗 클라우드');
    expect(s!.causes).toMatch(/^클러스터는 이미지 풀 시크릿 에 저장된 API키를 사용하여/);
    expect(s!.errors).toContain('Failed to pull image "<image>:<tag>" ... Manifest for <image>:<tag> not found');
    expect(s!.steps[0]).toEqual({
      text: '배치 YAML 파일에서 이미지의 올바른 이름 및 태그를 사용하는지 확인하십시오.',
      commands: ['ibmcloud cr images'],
    });
    expect(s!.steps[1]!.commands).toEqual(['ibmcloud cr quota']);
    const [, part] = await sectionsOf(PAGE);
    expect(part!.steps.flatMap((x) => x.commands)).toContain(
      'ibmcloud ks cluster pull-secret apply --cluster <cluster_name_or_ID>',
    );
    // The sub-part's steps are its own, not the page's.
    expect(s!.steps).toHaveLength(5);
    expect(s!.steps.some((x) => x.text.startsWith('API 키를 사용하는 이미지 풀 시크릿 문제점 해결'))).toBe(false);
  });
});

describe('faq splitter: TKE FAQ (004)', () => {
  it('makes every bare question line a section and skips the cover, copyright and contents', async () => {
    const sections = await sectionsOf(FAQ);
    expect(sections).toHaveLength(94);
    const lines = fileLines(FAQ);
    for (const s of sections) expect(lines[s.lines[0] - 1]!.trim()).toBe(s.title);
    expect(Math.min(...sections.map((s) => s.lines[0]))).toBe(64);
  });

  it('runs an answer to the next question or heading', async () => {
    const quota = await section('tencent/tke-faq#스케일링-최대-할당량은-얼마입니까');
    expect(quota.lines).toEqual([170, 174]);
    const cluster = (await sectionsOf(FAQ)).find((s) => s.lines[0] === 220)!;
    expect(cluster.lines[1]).toBe(234);
  });

  it('takes a "do not …" caution line as an entry of its own', async () => {
    const caution = (await sectionsOf(FAQ)).find((s) => s.lines[0] === 418);
    expect(caution?.title).toBe(
      '접근 실패를 방지하기 위해 CLB IP 주소를 사용하여 클러스터의 서비스에 접근하지 마십시오.',
    );
  });

  it('splits "원인:" / "솔루션:" answers and keeps error output and annotations', async () => {
    const reuse = (await sectionsOf(FAQ)).find((s) => s.lines[0] === 721)!;
    expect(reuse.causes).toContain('no space left on device: unknown');
    expect(reuse.errors).toContain('no space left on device: unknown');
    const disk = (await sectionsOf(FAQ)).find((s) => s.lines[0] === 765)!;
    expect(disk.errors).toContain('ImageGCFailed');
    expect(disk.steps.flatMap((s) => s.commands)).toContain('eks.tke.cloud.tencent.com/image-gc-high-threshold: "80"');
    const ca = (await sectionsOf(FAQ)).find((s) => s.lines[0] === 213)!;
    expect(ca.steps[0]!.commands[0]).toContain(
      'kubectl annotate node <nodename> cluster-autoscaler.kubernetes.io/scale-down-disabled=true',
    );
  });

  it("leaves a page's introduction out of every answer without a warning, as the cover and contents", async () => {
    const kb = await corpus();
    expect(kb.problems.filter((p) => p.source === FAQ)).toEqual([]);
    // 477: "본문은 TKE Serverless 클러스터에 대한 FAQ…"; 876-888: the load balancer page's introduction,
    // prerequisites and notes, between its heading and its first question.
    const faq = await sectionsOf(FAQ);
    for (const line of [477, 876, 888]) {
      expect(faq.filter((s) => s.lines[0] <= line && line <= s.lines[1])).toEqual([]);
    }
    expect(faq.find((s) => s.lines[0] === 891)?.title).toBe(
      'TKE Serverless가 CLB 인스턴스를 생성할 수 있는 Ingress는 무엇입니까?',
    );
  });

  it('tags questions with the headings they are grouped under', async () => {
    const quota = await section('tencent/tke-faq#스케일링-최대-할당량은-얼마입니까');
    expect(quota.tags).toEqual(['클러스터', '오토 스케일링 관련']);
  });
});

describe('section ids', () => {
  it('are the anchor where the document has one, else the title cut at a word boundary', async () => {
    const kb = await corpus();
    for (const s of kb.sections) {
      const key = s.id.slice(s.id.indexOf('#') + 1);
      expect(key.length, s.id).toBeLessThanOrEqual(s.source.includes('/runbooks/') ? 80 : 60);
    }
    expect(kb.sections.map((s) => s.id)).toContain('ibm-cloud/container-registry#ts_docker_latest');
    const [faq] = await sectionsOf(FAQ);
    expect(faq!.id).toBe('tencent/tke-faq#클러스터에-로그-수집을-구성한-후-cls-콘솔에서-로그를-볼-수-없는');
  });

  it('tell apart two titles that share their first words by a longer cut, not a number', async () => {
    const ids = (await sectionsOf(FAQ)).map((s) => s.id).filter((id) => id.includes('clb-인스턴스를-생성할-수-있는'));
    expect(ids).toEqual([
      'tencent/tke-faq#tke-serverless가-clb-인스턴스를-생성할-수-있는',
      'tencent/tke-faq#tke-serverless가-clb-인스턴스를-생성할-수-있는-service는-무엇입니까',
    ]);
  });
});

describe('markdown-faq splitter: a FAQ written in Markdown pages', () => {
  const FAQ_MD = [
    '<!-- SOURCE: example.com/faq/logs.md -->',
    '## Log Collection FAQs',
    '### Why can’t I view the logs?',
    '',
    'Check the index.',
    '',
    '### Instructions for exceptional image reuse[](id:FAQ9)',
    '- `no space left on device: unknown`',
    '',
    '**Solution:**',
    'Wait a few minutes.',
    '',
    '**Cause:**',
    'The disk is full.',
    '',
    '#### Step 1: Create a super node[](id:create)',
    '1. Log in.',
    '',
    '<!-- SOURCE: example.com/faq/services.md -->',
    '### Can I specify a security group?',
    'Yes.',
    '',
    '> Do not access a service in a cluster using the CLB IP address.',
    '> The CLB may loop back.',
    '',
    '<dx-codeblock>',
    '###  yaml',
    'apiVersion: v1',
    '</dx-codeblock>',
    '',
    '## Other Differences',
    '### CNI Network',
    'A table.',
  ].join('\n');
  const split = () =>
    loadDocument('knowledge/faq.en.md', 'faq.en.md', FAQ_MD, { path: 'faq.en.md', format: 'markdown-faq' }, {});

  it('makes questions, anchored question headings and quoted cautions entries; other headings stay in the answer', () => {
    const { sections, problems } = split();
    expect(problems).toEqual([]);
    expect(sections.map((s) => [s.title, s.lines])).toEqual([
      ['Why can’t I view the logs?', [3, 5]],
      ['Instructions for exceptional image reuse', [7, 17]],
      ['Can I specify a security group?', [20, 21]],
      ['Do not access a service in a cluster using the CLB IP address.', [23, 33]],
    ]);
    expect(sections[0]!.tags).toEqual(['Log Collection FAQs']);
  });

  it("reads an answer's cause and solution labels, its quoted messages, and Tencent code blocks", () => {
    const [, reuse, , caution] = split().sections;
    expect(reuse!.causes).toMatch(/^The disk is full\./);
    expect(reuse!.steps.map((s) => s.text)).toContain('Wait a few minutes.');
    expect(reuse!.errors).toContain('no space left on device: unknown');
    expect(reuse!.text).toContain('Step 1: Create a super node');
    expect(caution!.text).toContain('apiVersion: v1');
    expect(caution!.text).not.toContain('yaml\n');
    expect(caution!.text).toContain('CNI Network');
  });

  it('finds where each page of the export starts', () => {
    expect(markdownFaqPageStarts(FAQ_MD.split('\n'))).toEqual([1, 19]);
  });
});

describe('error phrases', () => {
  it('takes runs of English words from Korean prose, and only quoted messages from English prose', () => {
    expect(errorPhrases('팟이 Back-off restarting failed container 상태입니다')).toContain(
      'Back-off restarting failed container',
    );
    expect(errorPhrases('My pods cannot launch due to "network: failed to allocate for range" errors')).toEqual([
      'network: failed to allocate for range',
    ]);
    expect(errorPhrases('This error can occur when the update failed to remove old objects.')).toEqual([]);
  });
});
