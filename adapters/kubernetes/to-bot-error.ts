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
        userMessage: `Not found in cluster \`${cluster}\`: ${detail || what}.`,
      });
    if (code === 403) {
      const missing = missingPermission(detail);
      const need = missing
        ? `\`${missing.verb}\` on \`${missing.resource}\`${missing.namespace ? ` in namespace \`${missing.namespace}\`` : ''}`
        : `permission to ${what}`;
      return new BotError(ErrorCode.ClusterForbidden, operator, {
        cause: err,
        userMessage: `Cluster \`${cluster}\` refused: the bot lacks ${need}. An admin can grant it in the bot's ClusterRole (deploy/rbac.yaml).`,
      });
    }
    if (code === 401)
      return new BotError(ErrorCode.ClusterForbidden, operator, {
        cause: err,
        userMessage: `Cluster \`${cluster}\` rejected the bot's credentials (401): its token or certificate needs renewing.`,
      });
    if (code === 400)
      return new BotError(ErrorCode.InputInvalid, operator, {
        cause: err,
        userMessage: `Cluster \`${cluster}\` could not ${what}: ${detail}`,
      });
    return new BotError(ErrorCode.ClusterUnreachable, operator, {
      cause: err,
      userMessage: `Cluster \`${cluster}\` answered with an error (HTTP ${code}) to ${what}. Try again in a minute.`,
    });
  }
  if (err instanceof DOMException && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
    return new BotError(ErrorCode.ClusterTimeout, `${what} in ${cluster}: no answer (${err.name})`, {
      cause: err,
      userMessage: `Cluster \`${cluster}\`'s API server did not answer in time (${Math.round(timeoutMs / 100) / 10}s) to ${what}. It may be overloaded or unreachable.`,
    });
  }
  const cause = (err as { cause?: { code?: string } } | undefined)?.cause?.code;
  return new BotError(
    ErrorCode.ClusterUnreachable,
    `${what} in ${cluster}: ${err instanceof Error ? err.message : String(err)}${cause ? ` (${cause})` : ''}`,
    {
      cause: err,
      userMessage: `I can't reach cluster \`${cluster}\`'s API server${cause === 'ECONNREFUSED' ? ' (connection refused)' : cause === 'ENOTFOUND' ? ' (host not found)' : ''}.`,
    },
  );
}
