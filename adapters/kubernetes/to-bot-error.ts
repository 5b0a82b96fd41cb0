import { ApiException } from '@kubernetes/client-node';
import { BotError, ErrorCode } from '../../src/errors.ts';

interface Status {
  readonly reason?: string;
  readonly message?: string;
}

function statusOf(body: unknown): Status {
  if (typeof body === 'object' && body !== null) return body as Status;
  if (typeof body !== 'string') return {};
  try {
    return JSON.parse(body) as Status;
  } catch {
    return {};
  }
}

/** "cannot get resource "pods/log" in API group "" in the namespace "shop"" → the verb and resource missing. */
export function missingPermission(message: string): { verb: string; resource: string; namespace?: string } | undefined {
  const m = /cannot (\w+) resource "([^"]+)"(?: in API group "([^"]*)")?(?: in the namespace "([^"]+)")?/.exec(message);
  if (!m) return undefined;
  const resource = m[3] ? `${m[2]}.${m[3]}` : (m[2] ?? '');
  return { verb: m[1] ?? '', resource, ...(m[4] ? { namespace: m[4] } : {}) };
}

/**
 * Maps whatever client-node throws to a BotError: `message` for operators (what was called, the
 * status), `userMessage` for the channel (short, no hosts, no headers). `what` names the read,
 * e.g. "get pod shop/web-1".
 */
export function toBotError(err: unknown, what: string, cluster: string, timeoutMs: number): BotError {
  if (err instanceof BotError) return err;
  if (err instanceof ApiException) {
    const code = err.code as number;
    const status = statusOf(err.body);
    const detail = status.message ?? '';
    const operator = `${what} in ${cluster}: HTTP ${code}${status.reason ? ` ${status.reason}` : ''}${detail ? `: ${detail}` : ''}`;
    if (code === 404)
      return new BotError(ErrorCode.NotFound, operator, {
        cause: err,
        userMessage: {
          en: `Not found in cluster \`${cluster}\`: ${detail || what}.`,
          ko: `클러스터 \`${cluster}\`에 없습니다: ${detail || what}.`,
        },
      });
    if (code === 403) {
      const missing = missingPermission(detail);
      const need = missing
        ? {
            en: `\`${missing.verb}\` on \`${missing.resource}\`${missing.namespace ? ` in namespace \`${missing.namespace}\`` : ''}`,
            ko: `${missing.namespace ? `네임스페이스 \`${missing.namespace}\`의 ` : ''}\`${missing.resource}\`에 대한 \`${missing.verb}\` 권한`,
          }
        : { en: `permission to ${what}`, ko: `\`${what}\` 권한` };
      return new BotError(ErrorCode.ClusterForbidden, operator, {
        cause: err,
        userMessage: {
          en: `Cluster \`${cluster}\` refused: the bot lacks ${need.en}. An admin can grant it in the bot's ClusterRole (deploy/rbac.yaml).`,
          ko: `클러스터 \`${cluster}\`이(가) 거부했습니다: 봇에게 ${need.ko}이 없습니다. 관리자가 봇의 ClusterRole(deploy/rbac.yaml)에서 부여할 수 있습니다.`,
        },
      });
    }
    if (code === 401)
      return new BotError(ErrorCode.ClusterForbidden, operator, {
        cause: err,
        userMessage: {
          en: `Cluster \`${cluster}\` rejected the bot's credentials (401): its token or certificate needs renewing.`,
          ko: `클러스터 \`${cluster}\`이(가) 봇의 자격 증명을 거부했습니다 (401): 토큰이나 인증서를 갱신해야 합니다.`,
        },
      });
    if (code === 400)
      return new BotError(ErrorCode.InputInvalid, operator, {
        cause: err,
        userMessage: {
          en: `Cluster \`${cluster}\` could not ${what}: ${detail}`,
          ko: `클러스터 \`${cluster}\`이(가) \`${what}\` 요청을 처리하지 못했습니다: ${detail}`,
        },
      });
    return new BotError(ErrorCode.ClusterUnreachable, operator, {
      cause: err,
      userMessage: {
        en: `Cluster \`${cluster}\` answered with an error (HTTP ${code}) to ${what}. Try again in a minute.`,
        ko: `클러스터 \`${cluster}\`이(가) \`${what}\` 요청에 오류(HTTP ${code})로 응답했습니다. 잠시 후 다시 시도하세요.`,
      },
    });
  }
  if (err instanceof DOMException && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
    const seconds = Math.round(timeoutMs / 100) / 10;
    return new BotError(ErrorCode.ClusterTimeout, `${what} in ${cluster}: no answer (${err.name})`, {
      cause: err,
      userMessage: {
        en: `Cluster \`${cluster}\`'s API server did not answer in time (${seconds}s) to ${what}. It may be overloaded or unreachable.`,
        ko: `클러스터 \`${cluster}\`의 API 서버가 \`${what}\` 요청에 제한시간(${seconds}초) 안에 응답하지 않았습니다. 과부하 상태이거나 연결할 수 없을 수 있습니다.`,
      },
    });
  }
  const cause = (err as { cause?: { code?: string } } | undefined)?.cause?.code;
  return new BotError(
    ErrorCode.ClusterUnreachable,
    `${what} in ${cluster}: ${err instanceof Error ? err.message : String(err)}${cause ? ` (${cause})` : ''}`,
    {
      cause: err,
      userMessage: {
        en: `I can't reach cluster \`${cluster}\`'s API server${cause === 'ECONNREFUSED' ? ' (connection refused)' : cause === 'ENOTFOUND' ? ' (host not found)' : ''}.`,
        ko: `클러스터 \`${cluster}\`의 API 서버에 연결할 수 없습니다${cause === 'ECONNREFUSED' ? ' (연결 거부)' : cause === 'ENOTFOUND' ? ' (호스트를 찾을 수 없음)' : ''}.`,
      },
    },
  );
}
