import { describe, expect, it } from 'vitest';
import { decideAccess } from '../../../src/access/access-policy.ts';
import { readDiagnosisConfig } from '../../../src/diagnosis/diagnosis-config.ts';

const config = readDiagnosisConfig({
  DIAGNOSE_CHANNELS: 'prod=C1;*=C1,C2',
  DIAGNOSE_NAMESPACES: 'prod=shop;staging=*',
  DIAGNOSE_USERS: '{"slack:U1": {"user": "alice@example.com", "groups": ["sre"]}, "29:abc": "bob"}',
}).access;

describe('decideAccess', () => {
  it.each([
    {
      why: 'a mapped user in an allowed channel and namespace',
      who: { platform: 'slack', conversationId: 'C1', userId: 'U1' },
      cluster: 'prod',
      ns: 'shop',
      allowed: true,
    },
    {
      why: 'a bare user id maps on any platform',
      who: { platform: 'teams', conversationId: 'C2', userId: '29:abc' },
      cluster: 'staging',
      ns: 'anything',
      allowed: true,
    },
    {
      why: 'a channel not listed for that cluster',
      who: { platform: 'slack', conversationId: 'C2', userId: 'U1' },
      cluster: 'prod',
      ns: 'shop',
      allowed: false,
      reason: /not enabled in this channel/,
    },
    {
      why: 'a namespace not listed',
      who: { platform: 'slack', conversationId: 'C1', userId: 'U1' },
      cluster: 'prod',
      ns: 'kube-system',
      allowed: false,
      reason: /not open to diagnosis/,
    },
    {
      why: 'a cluster with no namespace list at all',
      who: { platform: 'slack', conversationId: 'C1', userId: 'U1' },
      cluster: 'dev',
      ns: 'shop',
      allowed: false,
      reason: /not open/,
    },
    {
      why: 'an unmapped user',
      who: { platform: 'slack', conversationId: 'C1', userId: 'U9' },
      cluster: 'prod',
      ns: 'shop',
      allowed: false,
      reason: /DIAGNOSE_USERS/,
    },
  ] as const)('$why', ({ who, cluster, ns, allowed, ...rest }) => {
    const decision = decideAccess(config, who, cluster, ns);
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed && 'reason' in rest) expect(decision.reason.en).toMatch(rest.reason as RegExp);
    if (!decision.allowed) expect(decision.reason.ko).toMatch(/[가-힣]/);
    if (decision.allowed) expect(decision.identity.user).toMatch(/alice|bob/);
  });

  it('refuses everyone when nothing is configured', () => {
    const empty = readDiagnosisConfig({}).access;
    expect(decideAccess(empty, { platform: 'slack', conversationId: 'C1', userId: 'U1' }, 'prod', 'shop').allowed).toBe(
      false,
    );
  });
});

describe('readDiagnosisConfig', () => {
  it('has safe defaults', () => {
    const c = readDiagnosisConfig({});
    expect(c).toMatchObject({
      contexts: undefined,
      inCluster: 'auto',
      callTimeoutMs: 4000,
      budgetMs: 10_000,
      defaultNamespace: 'default',
    });
  });

  it('reports every problem at once, naming the variable', () => {
    expect(() =>
      readDiagnosisConfig({
        KUBE_IN_CLUSTER: 'maybe',
        DIAGNOSE_BUDGET_MS: 'ten seconds',
        DIAGNOSE_USERS: '{not json',
        DIAGNOSE_CHANNELS: 'prod=',
        DIAGNOSE_DEFAULT_NAMESPACE: 'Bad_NS',
      }),
    ).toThrow(
      /KUBE_IN_CLUSTER[\s\S]*DIAGNOSE_DEFAULT_NAMESPACE[\s\S]*DIAGNOSE_BUDGET_MS[\s\S]*DIAGNOSE_CHANNELS[\s\S]*DIAGNOSE_USERS/,
    );
  });

  it('reads a context allowlist', () => {
    expect(readDiagnosisConfig({ KUBE_CONTEXTS: 'prod, staging' }).contexts).toEqual(['prod', 'staging']);
    expect(readDiagnosisConfig({ KUBE_CONTEXTS: '*' }).contexts).toBe('*');
  });
});
