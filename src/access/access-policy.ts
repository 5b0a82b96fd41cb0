import type { Identity } from '../diagnosis/cluster-reader.ts';
import type { LocalizedText } from '../errors.ts';
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
  | { readonly allowed: false; readonly reason: LocalizedText };

function allows(list: ScopedAllowlist, cluster: string, value: string): boolean {
  const scoped = list.get(cluster) ?? list.get('*');
  return scoped === '*' || (scoped?.includes(value) ?? false);
}

/** The bot's own rules, checked before the cluster's RBAC is asked. Reasons are safe to post. */
export function decideAccess(config: AccessConfig, who: Requester, cluster: string, namespace: string): AccessDecision {
  if (!allows(config.channels, cluster, who.conversationId))
    return {
      allowed: false,
      reason: {
        en: `Diagnosing cluster \`${cluster}\` is not enabled in this channel: it is not in DIAGNOSE_CHANNELS.`,
        ko: `이 채널에서는 클러스터 \`${cluster}\` 진단이 허용되지 않았습니다 (DIAGNOSE_CHANNELS에 없음).`,
      },
    };
  if (!allows(config.namespaces, cluster, namespace))
    return {
      allowed: false,
      reason: {
        en: `Namespace \`${namespace}\` of cluster \`${cluster}\` is not open to diagnosis from chat: it is not in DIAGNOSE_NAMESPACES.`,
        ko: `클러스터 \`${cluster}\`의 네임스페이스 \`${namespace}\`은(는) 채팅에서 진단할 수 없습니다 (DIAGNOSE_NAMESPACES에 없음).`,
      },
    };
  const identity = config.users.get(`${who.platform}:${who.userId}`) ?? config.users.get(who.userId);
  if (!identity)
    return {
      allowed: false,
      reason: {
        en: 'Your chat account is not mapped to a Kubernetes user, so the cluster cannot check your access. Ask an admin to add you to DIAGNOSE_USERS.',
        ko: '채팅 계정이 Kubernetes 사용자에 연결되어 있지 않아 클러스터가 권한을 확인할 수 없습니다. 관리자에게 DIAGNOSE_USERS에 추가해 달라고 요청하세요.',
      },
    };
  return { allowed: true, identity };
}
