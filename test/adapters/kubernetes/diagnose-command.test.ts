import { afterEach, describe, expect, it } from 'vitest';
import { createKubeClusterDirectory } from '../../../adapters/kubernetes/kube-clusters.ts';
import type { CommandInvocation } from '../../../src/commands/command.ts';
import { createDiagnoseCommand } from '../../../src/commands/diagnose-command.ts';
import { readDiagnosisConfig } from '../../../src/diagnosis/diagnosis-config.ts';
import { silentLogger } from '../../../src/log.ts';
import type { Matcher } from '../../../src/matching/matcher.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import { type FakeApiServer, type FakeCluster, startFakeApiServer } from '../../fakes/fake-apiserver.ts';
import { clusterFromFixture, readFixture } from '../../fakes/k8s-fixtures.ts';

/** The Store port, recording what was written (the audit). */
class RecordingStore extends MemoryStore {
  readonly writes: { key: string; value: string }[] = [];
  override async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.writes.push({ key, value });
    await super.set(key, value, ttlMs);
  }
  audits() {
    return this.writes.filter((w) => w.key.startsWith('audit:diagnose:')).map((w) => JSON.parse(w.value));
  }
}

let server: FakeApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const access = readDiagnosisConfig({
  DIAGNOSE_CHANNELS: 'C1',
  DIAGNOSE_NAMESPACES: '*',
  DIAGNOSE_USERS: '{"slack:U1": {"user": "alice@example.com", "groups": ["sre"]}}',
}).access;

async function setup(
  cluster: FakeCluster,
  options: { callTimeoutMs?: number; budgetMs?: number; language?: 'ko' | 'en'; matcher?: Matcher } = {},
) {
  server = await startFakeApiServer(cluster);
  const kubeconfig = server.kubeconfig(['prod', 'staging']);
  const clusters = createKubeClusterDirectory({
    contexts: ['prod'],
    inCluster: 'never',
    inClusterName: 'in-cluster',
    callTimeoutMs: options.callTimeoutMs ?? 2000,
    env: { KUBECONFIG: kubeconfig },
  });
  const store = new RecordingStore();
  const command = createDiagnoseCommand({
    clusters,
    access,
    store,
    log: silentLogger,
    budgetMs: options.budgetMs ?? 5000,
    language: options.language ?? 'en',
    ...(options.matcher ? { matcher: options.matcher } : {}),
  });
  const invocation = (args: string, who: Partial<CommandInvocation> = {}): CommandInvocation => ({
    name: 'diagnose',
    args,
    platform: 'slack',
    conversationId: 'C1',
    userId: 'U1',
    ...who,
  });
  const invoke = (args: string, who: Partial<CommandInvocation> = {}) =>
    command.run(invocation(args, who), AbortSignal.timeout(10_000));
  const progress = (args: string) => command.progress?.(invocation(args));
  return { invoke, progress, store, server };
}

describe('/diagnose through client-node and a fake API server', () => {
  it('diagnoses a pod after the API server allows the mapped identity, and audits it', async () => {
    const { invoke, store, server: s } = await setup(clusterFromFixture('crashloopbackoff-3'));
    const reply = await invoke('pod frontend-service -n default');
    expect(reply.kind).toBe('diagnosis');
    expect(reply.text).toContain('pod frontend-service · namespace default · cluster prod · Running · 7 restarts');
    expect(reply.text).toContain('exec format error');
    const review = s.requests.find((r) => r.url.includes('subjectaccessreviews'));
    expect(review?.method).toBe('POST');
    expect(store.audits()).toMatchObject([
      {
        userId: 'U1',
        identity: 'alice@example.com',
        cluster: 'prod',
        namespace: 'default',
        pod: 'frontend-service',
        allowed: true,
      },
    ]);
  });

  it("frames the reply in Korean, the bot's default language, keeping Kubernetes' own words", async () => {
    const { invoke, progress } = await setup(
      clusterFromFixture('crashloopbackoff-3', { fault: ({ path }) => (path.endsWith('/log') ? 403 : undefined) }),
      { language: 'ko' },
    );
    const reply = await invoke('pod frontend-service');
    expect(reply.text).toContain('팟 frontend-service: 문제 1건');
    expect(reply.text).toContain('팟 frontend-service · 네임스페이스 default · 클러스터 prod · Running · 재시작 7회');
    expect(reply.text).toContain('근거:');
    expect(reply.text).toContain('읽지 못함: logs of stress');
    expect(reply.text).toContain('exec format error');
    expect(progress('pod web-1')?.text).toBe('팟 web-1 진단 중…');
  });

  it('shows progress before the work', async () => {
    const { progress } = await setup({});
    expect(progress('pod web-1')?.text).toBe('Diagnosing pod web-1…');
  });

  it("refuses when the cluster's RBAC denies the mapped identity, and audits the refusal", async () => {
    const seen: unknown[] = [];
    const { invoke, store } = await setup(
      clusterFromFixture('crashloopbackoff-3', {
        review: (spec) => {
          seen.push(spec);
          return { allowed: false, reason: 'no RBAC policy matched' };
        },
      }),
    );
    const reply = await invoke('pod frontend-service');
    expect(reply.kind).toBe('error');
    expect(reply.text).toContain('Kubernetes RBAC does not let `alice@example.com` get pods in namespace `default`');
    expect(reply.text).toContain('no RBAC policy matched');
    expect(seen).toMatchObject([
      {
        user: 'alice@example.com',
        groups: ['sre'],
        resourceAttributes: { verb: 'get', resource: 'pods', namespace: 'default', name: 'frontend-service' },
      },
    ]);
    expect(store.audits()).toMatchObject([{ allowed: false, identity: 'alice@example.com' }]);
  });

  it('keeps a secret an authorizer quotes out of the reply and the audit record', async () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ3ZWJob29rIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    const { invoke, store } = await setup(
      clusterFromFixture('crashloopbackoff-3', {
        review: () => ({
          allowed: false,
          reason: `webhook denied the request sent with Authorization: Bearer ${token}`,
        }),
      }),
    );
    const reply = await invoke('pod frontend-service');
    expect(reply.text).toContain('webhook denied the request');
    expect(JSON.stringify(reply)).not.toContain(token);
    expect(store.audits()).toHaveLength(1);
    expect(JSON.stringify(store.writes)).not.toContain(token);
  });

  it.each([
    { why: 'a channel that is not on the list', who: { conversationId: 'C9' }, text: /not enabled in this channel/ },
    { why: 'a chat user with no Kubernetes identity', who: { userId: 'U9' }, text: /not mapped to a Kubernetes user/ },
  ])('refuses $why without asking the cluster', async ({ who, text }) => {
    const { invoke, store, server: s } = await setup(clusterFromFixture('crashloopbackoff-3'));
    const reply = await invoke('pod frontend-service', who);
    expect(reply.text).toMatch(text);
    expect(s.requests).toEqual([]);
    expect(store.audits()).toMatchObject([{ allowed: false }]);
  });

  it('suggests the closest pod names when the pod does not exist', async () => {
    const { invoke } = await setup(clusterFromFixture('crashloopbackoff-1'));
    const reply = await invoke('pod my-pdo -n argocd');
    expect(reply.kind).toBe('error');
    expect(reply.text).toBe(
      'Pod `my-pdo` was not found in namespace `argocd` of cluster `prod`. Did you mean `my-pod`?',
    );
  });

  it('explains a pod that was never created because admission rejected it', async () => {
    const { invoke } = await setup(
      clusterFromFixture('crashloopbackoff-1', {
        events: [
          {
            apiVersion: 'v1',
            kind: 'Event',
            metadata: { name: 'web-7c9f8d6b5.1', namespace: 'argocd' },
            involvedObject: { kind: 'ReplicaSet', name: 'web-7c9f8d6b5', namespace: 'argocd' },
            type: 'Warning',
            reason: 'FailedCreate',
            message:
              'Error creating: pods "web-7c9f8d6b5-abcde" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false',
            count: 12,
          },
        ],
      }),
    );
    const reply = await invoke('pod web-7c9f8d6b5-abcde -n argocd');
    expect(reply.text).toMatch(
      /^Pod `web-7c9f8d6b5-abcde` does not exist in namespace `argocd`: ReplicaSet `web-7c9f8d6b5` cannot create its pods — .*violates PodSecurity/,
    );
  });

  it('says when the namespace does not exist', async () => {
    const { invoke } = await setup(clusterFromFixture('crashloopbackoff-1'));
    const reply = await invoke('pod my-pod -n argcd');
    expect(reply.text).toMatch(/^Namespace `argcd` does not exist in cluster `prod`/);
  });

  it('names the verb and resource the bot lacks on a 403', async () => {
    const { invoke } = await setup(
      clusterFromFixture('crashloopbackoff-1', {
        fault: ({ path }) => (path.endsWith('/pods/my-pod') ? 403 : undefined),
      }),
    );
    const reply = await invoke('pod my-pod -n argocd');
    expect(reply.text).toContain('the bot lacks `get` on `pods` in namespace `argocd`');
  });

  it('still diagnoses when logs are forbidden, and says what it could not read', async () => {
    const { invoke } = await setup(
      clusterFromFixture('crashloopbackoff-3', { fault: ({ path }) => (path.endsWith('/log') ? 403 : undefined) }),
    );
    const reply = await invoke('pod frontend-service');
    expect(reply.kind).toBe('diagnosis');
    expect(reply.text).toContain('CrashLoopBackOff');
    expect(reply.text).toMatch(/Not read: logs of stress \(.*lacks `get` on `pods\/log`/);
  });

  describe("the user's access, asked for every read", () => {
    const previousLog = 'loading config\npanic: open /data/ledger-7f3a.db: permission denied';
    const cluster = (review: FakeCluster['review']) =>
      clusterFromFixture('crashloopbackoff-3', {
        logs: { 'default/frontend-service/stress/previous': previousLog },
        ...(review ? { review } : {}),
      });
    const attributes = (spec: Record<string, unknown>) => spec['resourceAttributes'] as Record<string, string>;
    const asked = (spec: Record<string, unknown>) => {
      const a = attributes(spec);
      return `${a['verb']} ${a['resource']}${a['subresource'] ? `/${a['subresource']}` : ''}`;
    };

    it('asks about the pod, its log and its events for the mapped identity, and shows them when allowed', async () => {
      const specs: Record<string, unknown>[] = [];
      const { invoke } = await setup(
        cluster((spec) => {
          specs.push(spec);
          return { allowed: true };
        }),
      );
      const reply = await invoke('pod frontend-service');
      expect(reply.text).toContain('panic: open /data/ledger-7f3a.db: permission denied');
      expect(new Set(specs.map(asked))).toEqual(new Set(['get pods', 'get pods/log', 'list events']));
      for (const spec of specs) expect(spec).toMatchObject({ user: 'alice@example.com', groups: ['sre'] });
      expect(specs.filter((s) => asked(s) === 'get pods/log').map((s) => attributes(s)['name'])).toEqual([
        'frontend-service',
      ]);
    });

    it("leaves out the previous instance's log the user may not read, says so, and audits it", async () => {
      const {
        invoke,
        store,
        server: s,
      } = await setup(cluster((spec) => ({ allowed: attributes(spec)['subresource'] !== 'log' })));
      const reply = await invoke('pod frontend-service');
      expect(reply.kind).toBe('diagnosis');
      expect(reply.text).toContain('CrashLoopBackOff');
      expect(reply.text).not.toContain('ledger-7f3a');
      expect(reply.text).toContain(
        'Not read: logs of stress (`alice@example.com` may not get pods/log in namespace `default`, so it was left out)',
      );
      expect(s.requests.filter((r) => r.url.includes('/log'))).toEqual([]);
      expect(store.audits()).toMatchObject([
        { allowed: true, outcome: expect.stringContaining('left out (RBAC): get pods/log') },
      ]);
    });

    it('leaves out the events the user may not list, and does not read them', async () => {
      const { invoke, server: s } = await setup(
        cluster((spec) => ({ allowed: attributes(spec)['resource'] !== 'events' })),
      );
      const reply = await invoke('pod frontend-service');
      expect(reply.kind).toBe('diagnosis');
      expect(reply.text).toContain('Not read: events (`alice@example.com` may not list events in namespace `default`');
      expect(s.requests.filter((r) => r.url.includes('/events'))).toEqual([]);
    });

    it('asks about the owners too, and stops the chain where the user may not read', async () => {
      const specs: Record<string, unknown>[] = [];
      const { pod } = readFixture('crashloopbackoff-1');
      const { invoke, server: s } = await setup(
        clusterFromFixture('crashloopbackoff-1', {
          pods: [
            {
              ...pod,
              metadata: {
                ...pod['metadata'],
                name: 'web-7c9f-abcde',
                ownerReferences: [{ kind: 'ReplicaSet', name: 'web-7c9f', controller: true }],
              },
            },
          ],
          replicaSets: [
            {
              apiVersion: 'apps/v1',
              kind: 'ReplicaSet',
              metadata: {
                name: 'web-7c9f',
                namespace: 'argocd',
                ownerReferences: [{ kind: 'Deployment', name: 'web', controller: true }],
              },
            },
          ],
          review: (spec) => {
            specs.push(spec);
            return { allowed: attributes(spec)['resource'] !== 'replicasets' };
          },
        }),
      );
      const reply = await invoke('pod web-7c9f-abcde -n argocd');
      expect(specs.map(attributes)).toContainEqual(
        expect.objectContaining({ verb: 'get', group: 'apps', resource: 'replicasets', name: 'web-7c9f' }),
      );
      expect(s.requests.filter((r) => r.url.includes('/replicasets/'))).toEqual([]);
      expect(reply.text).toContain('owned by ReplicaSet/web-7c9f');
      expect(reply.text).toContain(
        'Not read: owner of ReplicaSet web-7c9f (`alice@example.com` may not get replicasets.apps',
      );
    });
  });

  it('reports a 500 from the API server as a cluster error', async () => {
    const { invoke } = await setup(
      clusterFromFixture('crashloopbackoff-1', { fault: ({ path }) => (path.includes('/pods/') ? 500 : undefined) }),
    );
    const reply = await invoke('pod my-pod -n argocd');
    expect(reply.text).toMatch(/answered with an error \(HTTP 500\)/);
  });

  it('answers when the API server hangs on the pod', async () => {
    const { invoke } = await setup(
      clusterFromFixture('crashloopbackoff-1', { fault: ({ path }) => (path.includes('/pods/') ? 'hang' : undefined) }),
      {
        callTimeoutMs: 300,
      },
    );
    const reply = await invoke('pod my-pod -n argocd');
    expect(reply.text).toMatch(/did not answer in time/);
  });

  it('diagnoses from status when the API server hangs on events', async () => {
    const { invoke } = await setup(
      clusterFromFixture('crashloopbackoff-1', {
        fault: ({ path }) => (path.endsWith('/events') ? 'hang' : undefined),
      }),
      {
        callTimeoutMs: 300,
      },
    );
    const reply = await invoke('pod my-pod -n argocd');
    expect(reply.kind).toBe('diagnosis');
    expect(reply.text).toContain('exits with code 1');
    expect(reply.text).toMatch(/Not read: events \(.*did not answer in time/);
  });

  it('answers when the whole budget runs out on a hanging API server', async () => {
    const { invoke } = await setup(clusterFromFixture('crashloopbackoff-1', { fault: () => 'hang' }), {
      callTimeoutMs: 5000,
      budgetMs: 300,
    });
    const reply = await invoke('pod my-pod -n argocd');
    expect(reply.kind).toBe('error');
    expect(reply.text).toMatch(/did not answer in time/);
  });

  it.each([
    {
      why: 'a context that is in the kubeconfig but not allowed',
      args: 'pod my-pod --context staging',
      text: /`staging` is not on the bot's allowlist. Allowed: `prod`/,
    },
    { why: 'an unknown context', args: 'pod my-pod --context nope', text: /Unknown context `nope`. Allowed: `prod`/ },
  ])('refuses $why', async ({ args, text }) => {
    const { invoke, store } = await setup(clusterFromFixture('crashloopbackoff-1'));
    const reply = await invoke(args);
    expect(reply.text).toMatch(text);
    expect(store.audits()).toMatchObject([{ allowed: false }]);
  });

  it("answers failures in Korean, the bot's default language", async () => {
    const { invoke, server: s } = await setup(clusterFromFixture('crashloopbackoff-1'), { language: 'ko' });
    expect((await invoke('pod my-pdo -n argocd')).text).toBe(
      '클러스터 `prod`의 네임스페이스 `argocd`에서 팟 `my-pdo`을(를) 찾지 못했습니다. 혹시 `my-pod`을(를) 찾으셨나요?',
    );
    expect((await invoke('pod my-pod -n kube-system')).text).toBe(
      '클러스터 `prod`에 네임스페이스 `kube-system`이(가) 없습니다. `kubectl get namespaces --context prod`로 목록을 확인하세요.',
    );
    expect((await invoke('pod my-pod --context staging')).text).toBe(
      '컨텍스트 `staging`은(는) 봇의 허용 목록에 없습니다. 허용된 컨텍스트: `prod`.',
    );
    await s.close();
    expect((await invoke('pod my-pod -n argocd')).text).toBe(
      '클러스터 `prod`의 API 서버에 연결할 수 없습니다 (연결 거부).',
    );
  });

  it('says so when the API server is unreachable', async () => {
    const { invoke, server: s } = await setup(clusterFromFixture('crashloopbackoff-1'));
    await s.close();
    const reply = await invoke('pod my-pod -n argocd');
    expect(reply.text).toMatch(/can't reach cluster `prod`'s API server \(connection refused\)/);
  });

  it('answers a malformed command with the usage', async () => {
    const { invoke, server: s } = await setup({});
    const reply = await invoke('pod ../etc/passwd -n kube-system');
    expect(reply.kind).toBe('usage');
    expect(reply.text).toContain('diagnose pod <name> [-n namespace] [--context cluster]');
    expect(s.requests).toEqual([]);
  });

  it('answers a malformed command with the usage in the configured language', async () => {
    for (const [language, line] of [
      ['en', 'Usage of diagnose: diagnose pod <name>'],
      ['ko', 'diagnose 사용법: diagnose pod <name>'],
    ] as const) {
      const { invoke } = await setup({}, { language });
      const reply = await invoke('pod');
      expect(reply.kind).toBe('usage');
      expect(reply.text).toContain(line);
      await server?.close();
      server = undefined;
    }
  });

  it('answers an unexpected failure with the generic line in the configured language', async () => {
    // The corpus lookup fails after the pod was read: no message of its own to show.
    const broken: Matcher = {
      match() {
        throw new Error('index corrupted');
      },
    };
    for (const [language, line] of [
      ['en', 'Something went wrong on my side (ref '],
      ['ko', '처리 중 문제가 발생했습니다 (참조 '],
    ] as const) {
      const { invoke } = await setup(clusterFromFixture('crashloopbackoff-3'), { language, matcher: broken });
      const reply = await invoke('pod frontend-service');
      expect(reply.kind).toBe('error');
      expect(reply.text).toContain(line);
      expect(reply.text).not.toContain('index corrupted');
      await server?.close();
      server = undefined;
    }
  });

  it('reads pull secrets as metadata only, and never shows secret data', async () => {
    const data = 'eyJhdXRocyI6eyJyZWcuZ2l0cG9kLmlvOjIyNyI6eyJhdXRoIjoiZDI5eWEzTndZV05sT21oMWJuUmxjakk9In19fQ==';
    const { invoke, server: s } = await setup(
      clusterFromFixture('imagepullbackoff-1', {
        serviceAccounts: [
          {
            apiVersion: 'v1',
            kind: 'ServiceAccount',
            metadata: { name: 'workspace', namespace: 'staging-cw-registry' },
          },
        ],
        secrets: [
          {
            apiVersion: 'v1',
            kind: 'Secret',
            metadata: { name: 'workspace-registry-pull-secret', namespace: 'staging-cw-registry' },
            type: 'kubernetes.io/dockerconfigjson',
            data: { '.dockerconfigjson': data },
          },
          {
            apiVersion: 'v1',
            kind: 'Secret',
            metadata: { name: 'db', namespace: 'staging-cw-registry' },
            type: 'Opaque',
            data: { password: 'aHVudGVyMg==' },
          },
        ],
      }),
    );
    const reply = await invoke('pod ws-79be1e8b-a6de-4572-8627-99ef12303a88 -n staging-cw-registry');
    expect(reply.text).toContain(
      'imagePullSecret `workspace-registry-pull-secret` from the pod spec: exists in namespace `staging-cw-registry`, type kubernetes.io/dockerconfigjson',
    );
    const secretCalls = s.requests.filter((r) => r.url.includes('/secrets'));
    expect(secretCalls.length).toBeGreaterThan(0);
    for (const call of secretCalls) {
      expect(call.headers.accept).toContain('as=PartialObjectMetadataList');
      // One secret by name, never the namespace's list: what a Role's resourceNames can grant.
      expect(decodeURIComponent(call.url)).toContain('fieldSelector=metadata.name=workspace-registry-pull-secret');
    }
    expect(reply.text).not.toContain(data);
    expect(reply.text).not.toContain('aHVudGVyMg==');
  });

  it.each([
    {
      fixture: 'imagepullbackoff-1',
      reason: 'Failed',
      message: (t: string) => `Failed to pull image "x": token ${t} rejected`,
    },
    {
      fixture: 'errimagepull-2',
      reason: 'Failed',
      message: (t: string) => `Failed to pull image "x": bad credential ${t}`,
    },
    {
      fixture: 'containercreating-failedmount-2',
      reason: 'FailedMount',
      message: (t: string) => `MountVolume.SetUp failed for volume "v" : sync ${t} refused`,
    },
  ])(
    'never shows the env token values of $fixture, even when an event echoes them',
    async ({ fixture, reason, message }) => {
      const { pod } = readFixture(fixture);
      const tokens: string[] = pod['spec'].containers
        // biome-ignore lint/suspicious/noExplicitAny: raw fixture JSON
        .flatMap((c: any) => c.env ?? [])
        // biome-ignore lint/suspicious/noExplicitAny: raw fixture JSON
        .filter((e: any) => /TOKEN/.test(e.name))
        // biome-ignore lint/suspicious/noExplicitAny: raw fixture JSON
        .map((e: any) => e.value as string);
      expect(tokens.length).toBeGreaterThan(0);
      const echo = tokens.map((t, i) => ({
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: `echo-${i}`, namespace: pod['metadata'].namespace },
        involvedObject: {
          kind: 'Pod',
          name: pod['metadata'].name,
          namespace: pod['metadata'].namespace,
          uid: pod['metadata'].uid,
        },
        type: 'Warning',
        reason,
        message: message(t),
        count: 1,
      }));
      const { invoke } = await setup(clusterFromFixture(fixture, { events: echo }));
      const reply = await invoke(`pod ${pod['metadata'].name} -n ${pod['metadata'].namespace}`);
      expect(reply.kind).toBe('diagnosis');
      expect(reply.text).toContain('[redacted]');
      for (const token of tokens) expect(JSON.stringify(reply)).not.toContain(token);
    },
  );
});
