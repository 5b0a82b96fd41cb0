import type { AccessAnswer, AccessQuestion, ClusterReader, Identity, OwnerRef } from '../diagnosis/cluster-reader.ts';
import { BotError, ErrorCode } from '../errors.ts';

/** A ClusterReader that reads only what one person may read, and remembers what it left out. */
export interface ReviewedReader extends ClusterReader {
  /** The API server's answer for the mapped identity; asked once per question for this reader's life. */
  review(question: AccessQuestion, signal: AbortSignal): Promise<AccessAnswer>;
  /** The questions answered "no" so far, as "get pods/log": what the diagnosis left out. */
  readonly denied: readonly string[];
}

/** The owner kinds the bot reads one step further, and where they live. */
const ownerResources: Readonly<Record<string, { group: string; resource: string }>> = {
  ReplicaSet: { group: 'apps', resource: 'replicasets' },
  Job: { group: 'batch', resource: 'jobs' },
};

/** "get pods/log", "list persistentvolumeclaims", "get replicasets.apps": RBAC's own words. */
export function describeQuestion(q: AccessQuestion): string {
  return `${q.verb} ${q.resource}${q.subresource ? `/${q.subresource}` : ''}${q.group ? `.${q.group}` : ''}`;
}

/**
 * Wraps `reader` for a chat user mapped to `identity`: before every read the bot makes on its own
 * account, the API server is asked (SubjectAccessReview) whether that identity may make it. A read the
 * identity may not make is not made: it rejects with a NotAllowed BotError that names the identity, the
 * verb and the resource, and the diagnosis reports it as left out. One reader serves one diagnosis.
 */
export function reviewedReader(reader: ClusterReader, identity: Identity): ReviewedReader {
  const answers = new Map<string, Promise<AccessAnswer>>();
  const denied: string[] = [];

  const review = (question: AccessQuestion, signal: AbortSignal): Promise<AccessAnswer> => {
    const key = JSON.stringify(question);
    let answer = answers.get(key);
    if (!answer) {
      answer = reader.reviewAccess(identity, question, signal).then((a) => {
        if (!a.allowed) denied.push(describeQuestion(question));
        return a;
      });
      // A failed review is asked again next time rather than remembered.
      answer.catch(() => answers.delete(key));
      answers.set(key, answer);
    }
    return answer;
  };

  const guarded = async <T>(question: AccessQuestion, signal: AbortSignal, read: () => Promise<T>): Promise<T> => {
    const answer = await review(question, signal);
    if (!answer.allowed) throw notAllowed(identity, question);
    return read();
  };

  return {
    cluster: reader.cluster,
    review,
    get denied() {
      return [...denied];
    },
    readPod: (namespace, name, signal) =>
      guarded({ verb: 'get', resource: 'pods', namespace, name }, signal, () =>
        reader.readPod(namespace, name, signal),
      ),
    listPodNames: (namespace, signal) =>
      guarded({ verb: 'list', resource: 'pods', namespace }, signal, () => reader.listPodNames(namespace, signal)),
    listEvents: (namespace, involved, signal) =>
      guarded({ verb: 'list', resource: 'events', namespace }, signal, () =>
        reader.listEvents(namespace, involved, signal),
      ),
    readLog: (namespace, name, container, options, signal) =>
      guarded({ verb: 'get', resource: 'pods', subresource: 'log', namespace, name }, signal, () =>
        reader.readLog(namespace, name, container, options, signal),
      ),
    readServiceAccount: (namespace, name, signal) =>
      guarded({ verb: 'get', resource: 'serviceaccounts', namespace, name }, signal, () =>
        reader.readServiceAccount(namespace, name, signal),
      ),
    readPullSecret: (namespace, name, signal) =>
      guarded({ verb: 'get', resource: 'secrets', namespace, name }, signal, () =>
        reader.readPullSecret(namespace, name, signal),
      ),
    listNodes: (signal) =>
      guarded({ verb: 'list', resource: 'nodes', namespace: '' }, signal, () => reader.listNodes(signal)),
    listPersistentVolumeClaims: (namespace, signal) =>
      guarded({ verb: 'list', resource: 'persistentvolumeclaims', namespace }, signal, () =>
        reader.listPersistentVolumeClaims(namespace, signal),
      ),
    readPriorityClass: (name, signal) =>
      guarded(
        { verb: 'get', group: 'scheduling.k8s.io', resource: 'priorityclasses', namespace: '', name },
        signal,
        () => reader.readPriorityClass(name, signal),
      ),
    readOwner: (namespace: string, owner: OwnerRef, signal: AbortSignal) => {
      const where = ownerResources[owner.kind];
      // Other kinds are the top of the chain: the reader makes no request for them.
      if (!where) return reader.readOwner(namespace, owner, signal);
      return guarded({ verb: 'get', ...where, namespace, name: owner.name }, signal, () =>
        reader.readOwner(namespace, owner, signal),
      );
    },
    reviewAccess: (who, question, signal) => reader.reviewAccess(who, question, signal),
  };
}

function notAllowed(identity: Identity, q: AccessQuestion): BotError {
  const what = describeQuestion(q);
  const ns = q.namespace;
  return new BotError(ErrorCode.NotAllowed, `${identity.user} may not ${what}${ns ? ` in ${ns}` : ''}`, {
    userMessage: {
      en: `\`${identity.user}\` may not ${what}${ns ? ` in namespace \`${ns}\`` : ''}, so it was left out`,
      ko: `\`${identity.user}\`에게 ${ns ? `네임스페이스 \`${ns}\`의 ` : ''}${what} 권한이 없어 읽지 않았습니다`,
    },
  });
}
