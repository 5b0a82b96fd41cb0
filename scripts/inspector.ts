/**
 * Just enough of the Chrome DevTools Protocol to measure another Node process's memory from outside: the
 * soak starts the bot with `--inspect=127.0.0.1:0`, forces a full collection in it (HeapProfiler.collectGarbage)
 * and reads `process.memoryUsage()`, so a sample is what the heap retains, not what the collector has not
 * reached yet. It also writes heap snapshots (load them in Chrome DevTools → Memory to compare retainers).
 * The bot itself has no debug endpoint: nothing of this exists unless the process was started with the flag.
 */
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';

/** Memory of the inspected process after a full collection, in MB (one decimal). */
export interface MemorySample {
  /** Seconds since the first sample of the run. */
  readonly atS: number;
  readonly heapMb: number;
  readonly rssMb: number;
  /** Buffers and other memory outside the JS heap (sockets, zlib, TLS). */
  readonly externalMb: number;
  /** The highest RSS of the process so far (getrusage), start-up included. */
  readonly maxRssMb: number;
}

interface Pending {
  readonly resolve: (result: unknown) => void;
  readonly reject: (err: Error) => void;
}

const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Reads `Debugger listening on ws://…` from the child's stderr (Node prints it before running anything). */
export function inspectorUrl(stderr: NodeJS.ReadableStream, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => {
      stderr.off('data', onData);
      reject(new Error(`no inspector address on stderr within ${timeoutMs} ms`));
    }, timeoutMs);
    const onData = (chunk: Buffer | string): void => {
      seen = (seen + chunk.toString()).slice(-4000);
      const url = /Debugger listening on (ws:\/\/\S+)/.exec(seen)?.[1];
      if (!url) return;
      clearTimeout(timer);
      stderr.off('data', onData);
      resolve(url);
    };
    stderr.on('data', onData);
  });
}

export class InspectorClient {
  readonly #socket: WebSocket;
  readonly #pending = new Map<number, Pending>();
  readonly #listeners = new Map<string, (params: Record<string, unknown>) => void>();
  #nextId = 1;
  #startedMs: number | undefined;

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as {
        id?: number;
        method?: string;
        params?: Record<string, unknown>;
        result?: unknown;
        error?: { message: string };
      };
      if (message.id !== undefined) {
        const pending = this.#pending.get(message.id);
        this.#pending.delete(message.id);
        if (message.error) pending?.reject(new Error(message.error.message));
        else pending?.resolve(message.result);
      } else if (message.method) {
        this.#listeners.get(message.method)?.(message.params ?? {});
      }
    });
    socket.addEventListener('close', () => {
      for (const pending of this.#pending.values()) pending.reject(new Error('inspector connection closed'));
      this.#pending.clear();
    });
  }

  static async connect(url: string): Promise<InspectorClient> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('error', () => reject(new Error(`cannot connect to the inspector at ${url}`)), {
        once: true,
      });
    });
    return new InspectorClient(socket);
  }

  send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: (r) => resolve(r as T), reject });
      this.#socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Full collection, then `process.memoryUsage()` of the inspected process. */
  async memory(): Promise<MemorySample> {
    await this.send('HeapProfiler.collectGarbage');
    const { result } = await this.send<{ result: { value: string } }>('Runtime.evaluate', {
      expression: 'JSON.stringify({ ...process.memoryUsage(), maxRssKb: process.resourceUsage().maxRSS })',
      returnByValue: true,
    });
    const usage = JSON.parse(result.value) as NodeJS.MemoryUsage & { maxRssKb: number };
    const now = performance.now();
    this.#startedMs ??= now;
    return {
      atS: Math.round((now - this.#startedMs) / 1000),
      heapMb: mb(usage.heapUsed),
      rssMb: mb(usage.rss),
      externalMb: mb(usage.external),
      maxRssMb: mb(usage.maxRssKb * 1024),
    };
  }

  /** Writes a heap snapshot of the inspected process to `path` (it pauses that process while it runs). */
  async heapSnapshot(path: string): Promise<void> {
    const out = createWriteStream(path);
    this.#listeners.set('HeapProfiler.addHeapSnapshotChunk', (params) => out.write(String(params['chunk'])));
    try {
      await this.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    } finally {
      this.#listeners.delete('HeapProfiler.addHeapSnapshotChunk');
      out.end();
      await finished(out);
    }
  }

  close(): void {
    this.#socket.close();
  }
}
