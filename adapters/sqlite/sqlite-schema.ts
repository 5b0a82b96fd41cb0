import type { DatabaseSync } from 'node:sqlite';

/**
 * The SQLite store's tables, one shape per kind of value the Store port has, so that a key here reads
 * like a key in Redis: `entries` holds every key with its kind and expiry (and a string's value);
 * `hash_fields` and `index_members` hold the fields of hashes and the members of sorted indexes,
 * deleted with their key. A new kind of value is a new table beside these and a new migration.
 * Hash fields (an incident's events, a few hundred bytes each) live in a rowid table, so new ones are
 * appended together and a commit writes few pages; the (key, field) index finds them.
 */
const migrations: readonly string[] = [
  `CREATE TABLE entries (
     key TEXT PRIMARY KEY,
     kind TEXT NOT NULL,
     value TEXT,
     expires_at INTEGER
   ) WITHOUT ROWID;
   CREATE INDEX entries_expiry ON entries (expires_at) WHERE expires_at IS NOT NULL;
   CREATE TABLE hash_fields (
     id INTEGER PRIMARY KEY,
     key TEXT NOT NULL REFERENCES entries (key) ON DELETE CASCADE,
     field TEXT NOT NULL,
     value TEXT NOT NULL
   );
   CREATE UNIQUE INDEX hash_fields_key ON hash_fields (key, field);
   CREATE TABLE index_members (
     key TEXT NOT NULL REFERENCES entries (key) ON DELETE CASCADE,
     member TEXT NOT NULL,
     score REAL NOT NULL,
     PRIMARY KEY (key, member)
   ) WITHOUT ROWID;
   CREATE INDEX index_members_score ON index_members (key, score, member);`,
];

/** The schema version this code writes (`PRAGMA user_version`). */
export const schemaVersion = migrations.length;

/**
 * Brings the file to `schemaVersion`. Reading the version takes no lock, so an up-to-date file opens
 * even while another process holds the write lock; a migration runs under BEGIN IMMEDIATE and checks the
 * version again, so two processes starting together migrate once. Throws on a file from a newer version.
 */
export function migrate(db: DatabaseSync): void {
  const current = userVersion(db);
  if (current > schemaVersion) {
    throw new Error(
      `the file has schema version ${current}, newer than this version of the bot knows (${schemaVersion})`,
    );
  }
  if (current === schemaVersion) return;
  db.exec('BEGIN IMMEDIATE');
  try {
    for (let version = userVersion(db); version < schemaVersion; version++) db.exec(migrations[version]!);
    db.exec(`PRAGMA user_version = ${schemaVersion}`);
    db.exec('COMMIT');
  } catch (err) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw err;
  }
}

function userVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version?: number } | undefined;
  return row?.user_version ?? 0;
}
