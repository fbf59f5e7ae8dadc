import { PostgresStore } from "./postgres/postgres-store.js";
import { SqliteStore } from "./sqlite/sqlite-store.js";
import type { ServerStore } from "./store.js";

/** Options of {@link openStore}. */
export interface OpenStoreOptions {
  /** PostgreSQL: connections per replica. @default 10 */
  poolSize?: number;
  /** PostgreSQL: how long to wait for a connection. @default 5000 */
  connectTimeoutMs?: number;
  /** PostgreSQL: how long one statement may run, or wait for an answer. @default 5000 */
  statementTimeoutMs?: number;
  /**
   * How long a write waits for a lock: PostgreSQL's `lock_timeout`, or for SQLite how long to
   * wait (without blocking) while another connection holds the file's write lock. @default 5000
   */
  lockTimeoutMs?: number;
}

/** Whether `db` names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

/**
 * Opens the store `db` names: a `postgres://` / `postgresql://` URL (an optional `?schema=`
 * parameter picks the schema, default `botwire`) or a SQLite file path. The PostgreSQL driver is
 * loaded only for a URL (see {@link PostgresStore.open}): a SQLite server never imports `pg`.
 */
export async function openStore(db: string, options: OpenStoreOptions = {}): Promise<ServerStore> {
  const { lockTimeoutMs } = options;
  if (!isPostgresUrl(db)) return new SqliteStore({ path: db, lockTimeoutMs });
  const url = new URL(db);
  const schema = url.searchParams.get("schema") ?? undefined;
  url.searchParams.delete("schema");
  return PostgresStore.open({
    connectionString: url.toString(),
    schema,
    ...options,
  });
}

/** `db` with any password replaced, for logs. */
export function redactDb(db: string): string {
  if (!isPostgresUrl(db)) return db;
  const url = new URL(db);
  if (url.password) url.password = "***";
  return url.toString();
}
