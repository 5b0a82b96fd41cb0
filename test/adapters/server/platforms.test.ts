import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../../adapters/app.ts';
import { type FakeConnector, startFakeConnector } from '../../fakes/bot-connector.ts';
import { channelMessage } from '../teams/activities.ts';
import { pullSection, startTestApp } from './test-app.ts';

let connector: FakeConnector;
let app: RunningApp;

beforeAll(async () => {
  connector = await startFakeConnector();
  // No kubeconfig and no ServiceAccount: /diagnose is off.
  app = await startTestApp(
    { TEAMS_ALLOW_UNAUTHENTICATED: 'true', KUBE_IN_CLUSTER: 'false' },
    { env: { HOME: '/nonexistent' } },
  );
});
afterAll(async () => {
  await app.stop('test');
  await connector.close();
});

describe('chat platforms on the one port', () => {
  it('serves Teams at /api/messages next to health and metrics, and answers in the thread', async () => {
    expect(app.platforms).toEqual(['teams']);
    const activity = channelMessage('Failed to pull image "x/y:1": 401 Unauthorized pull', {
      serviceUrl: connector.url,
      mention: true,
    });
    const response = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    expect(response.status).toBe(200);
    const [sent] = await connector.waitFor((call) => call.method === 'POST' && call.activityId === activity.id);
    expect(JSON.stringify(sent?.body)).toContain(pullSection.title);
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toContain('kube_support_bot_messages_seen_total{platform="teams"} 1');
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it('tells a Teams user that /diagnose is off and what their administrator sets', async () => {
    const activity = channelMessage('diagnose pod web-1', { serviceUrl: connector.url, mention: true });
    await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const [sent] = await connector.waitFor((call) => call.method === 'POST' && call.activityId === activity.id);
    const body = JSON.stringify(sent?.body);
    expect(body).toContain('이 배포에서 꺼져 있습니다: Kubernetes 설정을 찾지 못했습니다');
    expect(body).toContain(
      '봇 관리자에게 KUBECONFIG(또는 팟의 ServiceAccount)와 DIAGNOSE_CHANNELS, DIAGNOSE_NAMESPACES, DIAGNOSE_USERS 설정을 요청하세요.',
    );
    expect(body).not.toContain('플레이그라운드');
  });

  it('keeps the playground off when a chat platform is configured', async () => {
    expect((await fetch(`${app.url}/`)).status).toBe(404);
  });
});
