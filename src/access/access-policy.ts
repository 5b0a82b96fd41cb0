import type { Identity } from '../diagnosis/cluster-reader.ts';
import type { Platform } from '../message.ts';

/** Per cluster (or "*" for every cluster): the allowed values, or "*" for any. */
export type ScopedAllowlist = ReadonlyMap<string, readonly string[] | '*'>;

/**
 * Who may diagnose where. Channels and namespaces are allowlists per cluster; chat users are mapped to
 * the Kubernetes identity the API server judges (SubjectAccessReview). Anything not listed is refused.
 */
export interface AccessConfig {
  readonly channels: ScopedAllowlist;
  readonly namespaces: ScopedAllowlist;
  /** Keyed "platform:userId" (e.g. "slack:U0123") or a bare user id for any platform. */
  readonly users: ReadonlyMap<string, Identity>;
}

export interface Requester {
  readonly platform: Platform;
  readonly conversationId: string;
  readonly userId: string;
}

export type AccessDecision =
  | { readonly allowed: true; readonly identity: Identity }
  | { readonly allowed: false; readonly reason: string };

function allows(list: ScopedAllowlist, cluster: string, value: string): boolean {
  const scoped = list.get(cluster) ?? list.get('*');
  return scoped === '*' || (scoped?.includes(value) ?? false);
}

/** The bot's own rules, checked before the cluster's RBAC is asked. Reasons are safe to post. */
export function decideAccess(config: AccessConfig, who: Requester, cluster: string, namespace: string): AccessDecision {
  if (!allows(config.channels, cluster, who.conversationId))
    return { allowed: false, reason: `Diagnosing cluster \`${cluster}\` is not enabled in this channel.` };
  if (!allows(config.namespaces, cluster, namespace))
    return {
      allowed: false,
      reason: `Namespace \`${namespace}\` of cluster \`${cluster}\` is not open to diagnosis from chat.`,
    };
  const identity = config.users.get(`${who.platform}:${who.userId}`) ?? config.users.get(who.userId);
  if (!identity)
    return {
      allowed: false,
      reason:
        'Your chat account is not mapped to a Kubernetes user, so the cluster cannot check your access. Ask an admin to add you to DIAGNOSE_USERS.',
    };
  return { allowed: true, identity };
}
