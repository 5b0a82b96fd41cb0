/**
 * What went wrong with the SQLite file, in words for a log line or a start-up error: from SQLite's
 * result codes (node:sqlite sets `errcode`, possibly an extended code) and from file system errors.
 */

/** Primary result codes (https://sqlite.org/rescode.html) that say something about the file. */
const code = {
  error: 1,
  busy: 5,
  locked: 6,
  readonly: 8,
  ioerr: 10,
  corrupt: 11,
  full: 13,
  cantopen: 14,
  notadb: 26,
} as const;

const sqliteReasons: Readonly<Record<number, string>> = {
  [code.busy]: 'locked by another process',
  [code.locked]: 'locked by another connection',
  [code.readonly]: 'the file or its directory is read-only',
  [code.ioerr]: 'an I/O error on the disk',
  [code.corrupt]: 'the file is corrupt',
  [code.full]: 'the disk is full',
  [code.cantopen]: 'the file cannot be opened',
  [code.notadb]: 'the file is not a SQLite database',
};

const fileReasons: Readonly<Record<string, string>> = {
  EACCES: 'permission denied: the directory is read-only for this user',
  EPERM: 'permission denied: the directory is read-only for this user',
  EROFS: 'the directory is on a read-only file system',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EEXIST: 'a part of the path is a file, not a directory',
  ENOENT: 'the directory does not exist and cannot be created',
  EIO: 'an I/O error on the disk',
};

/** The primary SQLite result code of an error from node:sqlite, if it is one. */
export function sqliteCode(err: unknown): number | undefined {
  const errcode = (err as { errcode?: unknown } | undefined)?.errcode;
  return typeof errcode === 'number' ? errcode & 0xff : undefined;
}

/** "the disk is full (SQLITE_FULL: database or disk is full)", "permission denied … (EACCES)". */
export function describeSqliteError(err: unknown): string {
  const primary = sqliteCode(err);
  const detail = (err as { errstr?: unknown }).errstr ?? (err instanceof Error ? err.message : String(err));
  if (primary !== undefined) {
    const reason = sqliteReasons[primary];
    return reason === undefined ? `SQLite error ${primary}: ${detail}` : `${reason} (${detail})`;
  }
  const errno = (err as NodeJS.ErrnoException | undefined)?.code;
  if (errno !== undefined && fileReasons[errno] !== undefined) return `${fileReasons[errno]} (${errno})`;
  return err instanceof Error ? err.message : String(err);
}

/** Another writer holds the lock: worth retrying on the same connection. */
export function isLocked(err: unknown): boolean {
  const primary = sqliteCode(err);
  return primary === code.busy || primary === code.locked;
}

/**
 * The connection's file cannot be trusted (corrupt, not a database, unreadable, its tables missing):
 * worth closing and opening the path again. A lock or a full disk is not: the same connection works
 * once the lock is released or space is freed.
 */
export function isFileProblem(err: unknown): boolean {
  const primary = sqliteCode(err);
  // A file system error (mkdir, open) also means the path must be tried again; a bug in a call does not.
  if (primary === undefined) return (err as NodeJS.ErrnoException).syscall !== undefined;
  return ([code.error, code.readonly, code.ioerr, code.corrupt, code.cantopen, code.notadb] as number[]).includes(
    primary,
  );
}
