import { afterEach, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../../adapters/app.ts';
import type { Reply } from '../../../src/message.ts';
import { type FakeApiServer, startFakeApiServer } from '../../fakes/fake-apiserver.ts';
import { clusterFromFixture, readFixture } from '../../fakes/k8s-fixtures.ts';
import { postJson, startTestApp } from './test-app.ts';

let api: FakeApiServer | undefined;
let app: RunningApp | undefined;
afterEach(async () => {
  await app?.stop('test');
  await api?.close();
  app = undefined;
  api = undefined;
});

async function command(running: RunningApp, text: string): Promise<{ progress?: Reply; result?: Reply }[]> {
  const body = await (await postJson(running, '/api/playground/command', { text })).text();
  return body
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { progress?: Reply; result?: Reply });
}

describe('/diagnose in the process', () => {
  it('reads the pod through the kubeconfig for a playground admin mapped to a Kubernetes user', async () => {
    api = await startFakeApiServer(clusterFromFixture('crashloopbackoff-1'));
    const { pod } = readFixture('crashloopbackoff-1');
    const env = {
      KUBECONFIG: api.kubeconfig(),
      DIAGNOSE_CHANNELS: 'playground',
      DIAGNOSE_NAMESPACES: '*',
      DIAGNOSE_USERS: JSON.stringify({ 'web:playground-admin': 'alice@example.com' }),
    };
    app = await startTestApp(env, { env });
    const lines = await command(app, `/diagnose pod ${pod['metadata'].name} -n ${pod['metadata'].namespace}`);
    expect(lines[0]?.progress?.kind).toBe('progress');
    expect(lines.at(-1)?.result?.kind).toBe('diagnosis');
    expect(lines.at(-1)?.result?.text).toContain('CrashLoopBackOff');
    expect(await (await fetch(`${app.url}/metrics`)).text()).toContain(
      'kube_support_bot_diagnosis_duration_seconds_count 1',
    );
  });

  it("reads only what the mapped user may read: a previous instance's log is left out, and the reply says so", async () => {
    const { pod } = readFixture('crashloopbackoff-3');
    api = await startFakeApiServer(
      clusterFromFixture('crashloopbackoff-3', {
        logs: { 'default/frontend-service/stress/previous': 'panic: open /data/ledger-7f3a.db: permission denied' },
        review: (spec) => ({ allowed: spec['resourceAttributes']?.subresource !== 'log' }),
      }),
    );
    const env = {
      KUBECONFIG: api.kubeconfig(),
      BOT_LANGUAGE: 'en',
      DIAGNOSE_CHANNELS: 'playground',
      DIAGNOSE_NAMESPACES: '*',
      DIAGNOSE_USERS: JSON.stringify({ 'web:playground-admin': 'bob@example.com' }),
    };
    app = await startTestApp(env, { env });
    const lines = await command(app, `/diagnose pod ${pod['metadata'].name}`);
    const result = lines.at(-1)?.result;
    expect(result?.kind).toBe('diagnosis');
    expect(result?.text).not.toContain('ledger-7f3a');
    expect(result?.text).toContain('`bob@example.com` may not get pods/log in namespace `default`, so it was left out');
    expect(api.requests.filter((r) => r.url.includes('/log'))).toEqual([]);
  });

  it('refuses with the reason when the playground is not on the allowlist', async () => {
    api = await startFakeApiServer(clusterFromFixture('crashloopbackoff-1'));
    const env = { KUBECONFIG: api.kubeconfig() };
    app = await startTestApp(env, { env });
    const lines = await command(app, '/diagnose pod web-1 -n default');
    // The bot speaks Korean unless BOT_LANGUAGE says otherwise.
    expect(lines.at(-1)?.result?.text).toContain('이 채널에서는 클러스터 `fake` 진단이 허용되지 않았습니다.');
  });

  it('says diagnose is not configured when there is no kubeconfig at all', async () => {
    app = await startTestApp({ KUBE_IN_CLUSTER: 'false' }, { env: { HOME: '/nonexistent' } });
    const lines = await command(app, '/diagnose pod web-1');
    expect(lines.at(-1)?.result?.kind).toBe('info');
  });
});
