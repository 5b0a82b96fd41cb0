/**
 * Starts the whole process (startApp) on a free loopback port with a small knowledge of its own, for the
 * server and playground tests. The matcher is the KeywordMatcher port double; the rest is real.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Counter } from 'prom-client';
import { type AppOptions, type RunningApp, startApp } from '../../../adapters/app.ts';
import { loadSettings } from '../../../adapters/settings.ts';
import type { Section } from '../../../src/knowledge/section.ts';
import { KeywordMatcher, section } from '../../fakes/keyword-matcher.ts';

export const pullSection: Section = section({
  id: 'knowledge/test/registry.md#image-pull-unauthorized',
  title: '이미지 가져오기 실패: 권한 없음',
  causes: '레지스트리 인증 정보(imagePullSecret)가 없거나 만료되었습니다.',
  steps: [
    {
      text: '팟에 연결된 시크릿을 확인합니다.',
      commands: ['kubectl get pod <pod> -o jsonpath={.spec.imagePullSecrets}'],
    },
    { text: '시크릿을 다시 만듭니다.', commands: ['kubectl create secret docker-registry regcred …'] },
  ],
});
export const pendingSection: Section = section({
  id: 'knowledge/test/scheduling.md#pending',
  title: '팟(Pod)이 보류 상태를 유지함',
  causes: '노드의 자원이 부족합니다.',
});

export const testKnowledge: AppOptions['loadKnowledge'] = () =>
  Promise.resolve({
    base: { sections: [pullSection, pendingSection], problems: [] },
    matcher: new KeywordMatcher([
      { section: pullSection, keywords: ['pull', 'unauthorized'] },
      { section: pendingSection, keywords: ['FailedScheduling', 'Insufficient'] },
    ]),
  });

/** Log lines as parsed JSON objects. */
export function recordingLog(): { log: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: 'debug' }, stream), lines };
}

export async function startTestApp(
  env: Record<string, string> = {},
  overrides: Partial<Omit<AppOptions, 'settings'>> = {},
): Promise<RunningApp> {
  // Memory unless the test brings a Redis (REDIS_URL) or names a store: nothing written to ./data.
  const store = env['REDIS_URL'] === undefined ? { STORE: 'memory' } : {};
  const settings = loadSettings({ PORT: '0', KNOWLEDGE_WATCH: 'false', LOG_LEVEL: 'silent', ...store, ...env });
  return startApp({
    settings,
    log: pino({ level: 'silent' }),
    loadKnowledge: testKnowledge,
    ...overrides,
  });
}

export async function postJson(app: RunningApp, path: string, body: unknown): Promise<Response> {
  return fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** A counter's value for one label set, as /metrics reports it (0 before the first increment). */
export async function counterValue<L extends string>(counter: Counter<L>, labels: Record<L, string>): Promise<number> {
  const { values } = await counter.get();
  const entries = Object.entries(labels) as [L, string][];
  return values.find((v) => entries.every(([name, value]) => v.labels[name] === value))?.value ?? 0;
}
