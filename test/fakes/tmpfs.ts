/**
 * A small tmpfs, for a disk that fills up. Mounting needs root with CAP_SYS_ADMIN (CI's machines and
 * the development ones run tests as root); elsewhere `canMountTmpfs()` is false and the tests that need
 * one say so in their name when skipped.
 *
 *   const disk = mountTmpfs(dir, 256);   // 256 KiB on `dir`
 *   await disk.fill();                    // writes a filler file until the disk is full
 *   await disk.free();                    // removes it
 *   disk.unmount();
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmdirSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let mountable: boolean | undefined;

export function canMountTmpfs(): boolean {
  if (mountable !== undefined) return mountable;
  mountable = false;
  if (process.getuid?.() !== 0) return mountable;
  const dir = mkdtempSync(join(tmpdir(), 'ksb-tmpfs-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
    execFileSync('umount', [dir], { stdio: 'ignore' });
    mountable = true;
  } catch {
    // Not allowed here: the callers skip.
  } finally {
    rmdirSync(dir);
  }
  return mountable;
}

export interface Tmpfs {
  /** Fills the disk with a file of zeros until a write fails with ENOSPC. */
  fill(): Promise<void>;
  /** Removes the filler. */
  free(): Promise<void>;
  unmount(): void;
}

export function mountTmpfs(dir: string, sizeKiB: number): Tmpfs {
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKiB}k`, 'tmpfs', dir]);
  const filler = join(dir, 'filler');
  return {
    async fill() {
      const file = await open(filler, 'a');
      try {
        const chunk = Buffer.alloc(4096);
        for (;;) await file.write(chunk);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
      } finally {
        await file.close();
      }
    },
    async free() {
      await rm(filler, { force: true });
    },
    unmount() {
      execFileSync('umount', [dir]);
    },
  };
}
