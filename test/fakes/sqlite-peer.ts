/**
 * A second process on a SQLite file (sqlite-peer-process.ts), for what one process cannot show: a lock
 * held by another writer, claims racing across processes.
 *
 *   const peer = startSqlitePeer(['lock', path]);
 *   await peer.line();          // "locked"
 *   peer.send('release');
 *   await peer.exited;
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface SqlitePeer {
  readonly child: ChildProcess;
  /** The next line it prints; rejects when it exits first. */
  line(): Promise<string>;
  send(line: string): void;
  /** Its exit code. */
  readonly exited: Promise<number | null>;
}

const script = new URL('./sqlite-peer-process.ts', import.meta.url).pathname;

export function startSqlitePeer(args: readonly string[]): SqlitePeer {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', script, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  // A line sent after the peer is gone (cleanup in a finally) has nobody to read it: not an error.
  child.stdin!.on('error', () => {});
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return {
    child,
    exited,
    async line() {
      const next = await Promise.race([lines.next(), exited.then(() => ({ done: true, value: undefined }))]);
      if (next.done || next.value === undefined) throw new Error(`sqlite peer ${args.join(' ')} exited`);
      return next.value as string;
    },
    send(line) {
      if (child.exitCode === null && child.signalCode === null) child.stdin!.write(`${line}\n`);
    },
  };
}
