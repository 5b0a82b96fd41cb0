import { describe, expect, it } from 'vitest';
import { diagnosisVariables, readDiagnosisConfig } from '../../../src/diagnosis/diagnosis-config.ts';

describe('readDiagnosisConfig with the other readers', () => {
  it('collects problems instead of throwing when given a list', () => {
    const problems: string[] = [];
    const config = readDiagnosisConfig({ DIAGNOSE_BUDGET_MS: 'soon' }, problems);
    expect(problems).toEqual([
      'DIAGNOSE_BUDGET_MS must be a whole number of milliseconds in [500, 120000], got "soon"',
    ]);
    expect(config.budgetMs).toBe(10_000);
  });

  it('lists every variable it reads, with the defaults it applies', () => {
    const config = readDiagnosisConfig({});
    expect(Number(diagnosisVariables['DIAGNOSE_BUDGET_MS'])).toBe(config.budgetMs);
    expect(Number(diagnosisVariables['DIAGNOSE_CALL_TIMEOUT_MS'])).toBe(config.callTimeoutMs);
    expect(diagnosisVariables['DIAGNOSE_DEFAULT_NAMESPACE']).toBe(config.defaultNamespace);
    expect(diagnosisVariables['KUBE_CLUSTER_NAME']).toBe(config.inClusterName);
  });
});
