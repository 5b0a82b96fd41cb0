/**
 * The Slack side of the Slack benchmark, run in a worker thread so that generating load and playing the
 * Web API does not take CPU from the bot being measured: a local Web API, and a client that sends signed
 * events and times each one until its reply reaches chat.postMessage.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { eventCallback, sendSigned, startFakeSlackApi } from '../test/fakes/slack-api.ts';

export interface LoadRequest {
  readonly eventsUrl: string;
  readonly secret: string;
  readonly events: number;
  readonly warmup: number;
  readonly concurrency: number;
}

export interface LoadResult {
  readonly latenciesMs: number[];
  readonly elapsedMs: number;
  readonly unanswered: number;
}

/**
 * Errors the corpus documents, each with its own image or pod name so none is a repeat. Names are
 * spelled in letters: a number such as 401 in a pod name reads as an HTTP status to the matcher.
 */
const templates: readonly ((name: string) => string)[] = [
  (n) =>
    `  Warning  Failed     12s   kubelet  Failed to pull image "us.icr.io/team/api-${n}:1.2": rpc error: code = Unknown desc = failed to resolve reference "us.icr.io/team/api-${n}:1.2": unexpected status: 401 Unauthorized\n  Warning  Failed  12s  kubelet  Error: ErrImagePull`,
  (n) =>
    `pod/web-${n}-7c9f8d6b5-x2x9z\n  Warning  FailedScheduling  3m  default-scheduler  0/3 nodes are available: 3 Insufficient cpu.`,
  (n) => `팟 api-${n} 이 계속 Pending 상태예요`,
];

function letters(n: number): string {
  return [...String(n)].map((d) => String.fromCharCode(97 + Number(d))).join('');
}

const port = parentPort!;
const api = await startFakeSlackApi({ botToken: (workerData as { botToken: string }).botToken });
const waiting = new Map<string, () => void>();
api.onCall((call) => {
  if (call.method !== 'chat.postMessage') return;
  const key = `${call.params['channel']}/${call.params['thread_ts']}`;
  waiting.get(key)?.();
  waiting.delete(key);
});
api.calls.length = 0;
port.postMessage({ apiUrl: api.apiUrl });

port.on('message', async (request: LoadRequest | 'close') => {
  if (request === 'close') {
    await api.close();
    port.close();
    return;
  }
  let seq = 0;
  let unanswered = 0;
  const one = async (): Promise<number | undefined> => {
    const n = ++seq;
    const ts = `1713000000.${String(n).padStart(6, '0')}`;
    const channel = `C${n % 50}`;
    const text = templates[n % templates.length]!(letters(n));
    const body = JSON.stringify(
      eventCallback({ type: 'message', channel, channel_type: 'channel', user: 'U0ALICE', text, ts }),
    );
    let timer: NodeJS.Timeout | undefined;
    const replied = new Promise<boolean>((resolve) => {
      waiting.set(`${channel}/${ts}`, () => resolve(true));
      timer = setTimeout(() => resolve(false), 30_000);
    });
    const started = performance.now();
    const res = await sendSigned(request.eventsUrl, request.secret, body);
    await res.arrayBuffer();
    const ok = res.status === 200 && (await replied);
    clearTimeout(timer);
    if (!ok) {
      unanswered += 1;
      return undefined;
    }
    return performance.now() - started;
  };
  const batch = async (count: number): Promise<number[]> => {
    const latencies: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: request.concurrency }, async () => {
        while (next < count) {
          next += 1;
          const ms = await one();
          if (ms !== undefined) latencies.push(ms);
        }
      }),
    );
    return latencies;
  };
  await batch(request.warmup);
  unanswered = 0;
  port.postMessage({ phase: 'measure' });
  const started = performance.now();
  const latenciesMs = await batch(request.events);
  port.postMessage({ latenciesMs, elapsedMs: performance.now() - started, unanswered } satisfies LoadResult);
});
