import { PostgresStore } from "./postgres/postgres-store.js";
import { SqliteStore } from "./sqlite/sqlite-store.js";
import type { Store } from "./store.js";

/** Options of {@link openStore} that apply to PostgreSQL. */
export interface OpenStoreOptions {
  /** Connections per replica. @default 10 */
  poolSize?: number;
}

/** Whether `db` names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

/**
 * Opens the store `db` names: a `postgres://` / `postgresql://` URL (an optional `?schema=`
 * parameter picks the schema, default `botwire`) or a SQLite file path.
 */
export async function openStore(db: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (!isPostgresUrl(db)) return new SqliteStore({ path: db });
  const url = new URL(db);
  const schema = url.searchParams.get("schema") ?? undefined;
  url.searchParams.delete("schema");
  return PostgresStore.open({
    connectionString: url.toString(),
    schema,
    poolSize: options.poolSize,
  });
}

/** `db` with any password replaced, for logs. */
export function redactDb(db: string): string {
  if (!isPostgresUrl(db)) return db;
  const url = new URL(db);
  if (url.password) url.password = "***";
  return url.toString();
}
