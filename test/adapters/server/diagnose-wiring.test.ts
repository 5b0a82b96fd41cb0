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

  it('refuses with the variable to set, and tells the playground admin the whole command', async () => {
    api = await startFakeApiServer(clusterFromFixture('crashloopbackoff-1'));
    const env = { KUBECONFIG: api.kubeconfig() };
    app = await startTestApp(env, { env });
    const text = (await command(app, '/diagnose pod web-1 -n default')).at(-1)?.result?.text;
    // The bot speaks Korean unless BOT_LANGUAGE says otherwise.
    expect(text).toBe(
      '이 채널에서는 클러스터 `fake` 진단이 허용되지 않았습니다 (DIAGNOSE_CHANNELS에 없음). ' +
        '플레이그라운드에서는 당신이 관리자입니다. 다음 설정으로 봇을 다시 시작하세요: ' +
        '`DIAGNOSE_CHANNELS=playground DIAGNOSE_NAMESPACES=\'*\' DIAGNOSE_USERS=\'{"web:playground-admin":"<your Kubernetes user>"}\' npm start`',
    );
  });

  it('answers a bare /diagnose with its usage where it works', async () => {
    api = await startFakeApiServer(clusterFromFixture('crashloopbackoff-1'));
    const env = { KUBECONFIG: api.kubeconfig(), BOT_LANGUAGE: 'en' };
    app = await startTestApp(env, { env });
    const result = (await command(app, '/diagnose')).at(-1)?.result;
    expect(result?.kind).toBe('usage');
    expect(result?.text).toBe('which pod?\nUsage of diagnose: diagnose pod <name> [-n namespace] [--context cluster]');
  });
});

describe('/diagnose with no cluster to read (no kubeconfig, no ServiceAccount)', () => {
  const off = { KUBE_IN_CLUSTER: 'false' };
  const noKubeconfig = { env: { HOME: '/nonexistent' } };

  it('answers a bare /diagnose with its usage, then what to set, to the playground admin', async () => {
    app = await startTestApp({ ...off, BOT_LANGUAGE: 'en' }, noKubeconfig);
    const result = (await command(app, '/diagnose')).at(-1)?.result;
    expect(result?.kind).toBe('usage');
    expect(result?.text).toBe(
      [
        'Usage of diagnose: diagnose pod <name> [-n namespace] [--context cluster]',
        '`diagnose` is off: no Kubernetes configuration was found (KUBECONFIG is unset, there is no ~/.kube/config, ' +
          'and the bot is not in a pod with a ServiceAccount). In the playground you are the admin; to diagnose pods ' +
          'of your current context, restart with `KUBECONFIG=<your kubeconfig> DIAGNOSE_CHANNELS=playground ' +
          'DIAGNOSE_NAMESPACES=\'*\' DIAGNOSE_USERS=\'{"web:playground-admin":"<your Kubernetes user>"}\' npm start`.',
      ].join('\n'),
    );
  });

  it("names the variables for a pod asked for, in the bot's language", async () => {
    app = await startTestApp(off, noKubeconfig);
    const result = (await command(app, '/diagnose pod web-1')).at(-1)?.result;
    expect(result?.kind).toBe('info');
    expect(result?.text).toMatch(/^`diagnose`가 꺼져 있습니다: Kubernetes 설정을 찾지 못했습니다 /);
    expect(result?.text).toContain('플레이그라운드에서는 당신이 관리자입니다.');
    expect(result?.text).toContain('KUBECONFIG=<your kubeconfig> DIAGNOSE_CHANNELS=playground');
  });
});
