import { describe, expect, it } from 'vitest';
import { isKnowledgeAdmin, readLearningConfig } from '../../../src/learning/learning-config.ts';

describe('readLearningConfig', () => {
  it('learns by default, from two people, for 180 days', () => {
    const problems: string[] = [];
    expect(readLearningConfig({}, problems)).toMatchObject({ enabled: true, confirmations: 2, retentionDays: 180 });
    expect(problems).toEqual([]);
  });

  it('reads admins by platform or bare id', () => {
    const config = readLearningConfig({ LEARN_ADMINS: 'slack:U0ADMIN, 29:1abc' }, []);
    expect(isKnowledgeAdmin(config, 'slack', 'U0ADMIN')).toBe(true);
    expect(isKnowledgeAdmin(config, 'teams', 'U0ADMIN')).toBe(false);
    expect(isKnowledgeAdmin(config, 'teams', '29:1abc')).toBe(true);
  });

  it('names every wrong variable and what it expects', () => {
    const problems: string[] = [];
    readLearningConfig({ LEARN: 'maybe', LEARN_CONFIRMATIONS: '0', LEARN_RETENTION_DAYS: 'a year' }, problems);
    expect(problems).toEqual([
      'LEARN must be on or off, got "maybe"',
      'LEARN_CONFIRMATIONS must be a whole number from 1 to 20, got "0"',
      'LEARN_RETENTION_DAYS must be a whole number from 1 to 3650, got "a year"',
    ]);
  });
});
