import type Database from "better-sqlite3";

/**
 * Migrations of the SQLite schema, applied in order; `meta.schema_version` records how many
 * ran. Append new steps; never edit a shipped one.
 */
const MIGRATIONS: string[] = [
  `CREATE TABLE entries (
     ns TEXT NOT NULL,
     key TEXT NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('value', 'list')),
     value TEXT,
     bytes INTEGER NOT NULL,
     version INTEGER NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     expires_at INTEGER,
     length INTEGER NOT NULL DEFAULT 0,
     next_seq INTEGER NOT NULL DEFAULT 1,
     PRIMARY KEY (ns, key)
   ) WITHOUT ROWID;
   CREATE INDEX entries_expiry ON entries (expires_at) WHERE expires_at IS NOT NULL;
   CREATE INDEX entries_recent ON entries (ns, updated_at);
   CREATE TABLE list_items (
     ns TEXT NOT NULL,
     key TEXT NOT NULL,
     seq INTEGER NOT NULL,
     value TEXT NOT NULL,
     bytes INTEGER NOT NULL,
     PRIMARY KEY (ns, key, seq)
   ) WITHOUT ROWID;
   INSERT INTO meta (name, value) VALUES ('version', 0);`,
  `CREATE TABLE tokens (
     id TEXT PRIMARY KEY,
     hash TEXT NOT NULL UNIQUE,
     namespaces TEXT NOT NULL,
     read_only INTEGER NOT NULL,
     label TEXT,
     created_at INTEGER NOT NULL,
     expires_at INTEGER,
     revoked_at INTEGER
   );
   CREATE TABLE quota_usage (
     ns TEXT NOT NULL,
     day TEXT NOT NULL,
     writes INTEGER NOT NULL,
     PRIMARY KEY (ns, day)
   ) WITHOUT ROWID;`,
];

/** Brings the database's schema up to date, in one transaction. */
export function migrateSqlite(db: Database.Database): void {
  db.exec("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
  db.transaction(() => {
    const row = db.prepare("SELECT value FROM meta WHERE name = 'schema_version'").get() as
      | { value: number }
      | undefined;
    const applied = row?.value ?? 0;
    if (applied > MIGRATIONS.length) {
      throw new Error(
        `The database has schema version ${applied}, newer than this server knows (${MIGRATIONS.length}): upgrade @botwire/server.`,
      );
    }
    for (const migration of MIGRATIONS.slice(applied)) db.exec(migration);
    db.prepare(
      "INSERT INTO meta (name, value) VALUES ('schema_version', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
    ).run(MIGRATIONS.length);
  }).immediate();
}
