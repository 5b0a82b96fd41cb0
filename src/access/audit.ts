import type { Logger } from '../log.ts';
import type { Platform } from '../message.ts';
import { redactValues } from '../redact.ts';
import type { Store } from '../store/store.ts';

/** One diagnosis request as the audit keeps it: who, where, what, when, and whether it was allowed. */
export interface AuditRecord {
  readonly atMs: number;
  readonly platform: Platform;
  readonly workspaceId?: string;
  readonly conversationId: string;
  readonly userId: string;
  readonly userName?: string;
  /** The Kubernetes identity the user was mapped to, when any. */
  readonly identity?: string;
  readonly cluster: string;
  readonly namespace: string;
  readonly pod: string;
  readonly allowed: boolean;
  /** Why it was refused, or how it ended ("diagnosed: 2 findings", "not found"). */
  readonly outcome: string;
}

export const AUDIT_TTL_MS = 90 * 24 * 60 * 60 * 1000;

export function auditKey(record: AuditRecord): string {
  return `audit:diagnose:${record.atMs}:${record.platform}:${record.userId}:${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Writes the record under its own key (no read-modify-write, so replicas never overwrite each other).
 * A store that is down does not block the diagnosis: the record then goes to the log at error level,
 * so it is kept there.
 */
export async function writeAudit(store: Store, audited: AuditRecord, log: Logger): Promise<void> {
  // The outcome can quote the API server's words; nothing kept for 90 days may carry a secret.
  const record = redactValues(audited);
  try {
    await store.set(auditKey(record), JSON.stringify(record), AUDIT_TTL_MS);
  } catch (err) {
    log.error({ err, audit: record }, 'audit record not stored');
  }
}
