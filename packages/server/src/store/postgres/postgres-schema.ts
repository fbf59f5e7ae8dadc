import type { PostgresPool } from "./postgres-pool.js";

/** Migrations of the PostgreSQL schema, in order. Append new ones; never edit a shipped one. */
const MIGRATIONS: ((schema: string) => string)[] = [
  (s) => `
    CREATE TABLE ${s}.entries (
      ns text COLLATE "C" NOT NULL,
      key text COLLATE "C" NOT NULL,
      kind text NOT NULL CHECK (kind IN ('value', 'list')),
      value text,
      bytes bigint NOT NULL,
      version bigint NOT NULL,
      created_at bigint NOT NULL,
      updated_at bigint NOT NULL,
      expires_at bigint,
      length bigint NOT NULL DEFAULT 0,
      next_seq bigint NOT NULL DEFAULT 1,
      PRIMARY KEY (ns, key)
    );
    CREATE INDEX entries_expiry ON ${s}.entries (expires_at) WHERE expires_at IS NOT NULL;
    CREATE INDEX entries_recent ON ${s}.entries (ns, updated_at);
    CREATE TABLE ${s}.list_items (
      ns text COLLATE "C" NOT NULL,
      key text COLLATE "C" NOT NULL,
      seq bigint NOT NULL,
      value text NOT NULL,
      bytes bigint NOT NULL,
      PRIMARY KEY (ns, key, seq)
    );
    CREATE SEQUENCE ${s}.versions;`,
  (s) => `
    CREATE TABLE ${s}.tokens (
      id text PRIMARY KEY,
      hash text NOT NULL UNIQUE,
      namespaces text[] NOT NULL,
      read_only boolean NOT NULL,
      label text,
      created_at bigint NOT NULL,
      expires_at bigint,
      revoked_at bigint
    );
    CREATE TABLE ${s}.quota_usage (
      ns text COLLATE "C" NOT NULL,
      day text NOT NULL,
      writes bigint NOT NULL,
      PRIMARY KEY (ns, day)
    );`,
];

// Any fixed number: every replica takes the same lock, so only one migrates at a time.
const MIGRATION_LOCK = 0x626f7477;

/**
 * Brings the schema up to date. Safe when several replicas start at once: they queue on an
 * advisory lock, and each sees the migrations the others applied.
 */
export async function migratePostgres(pool: PostgresPool, schema: string): Promise<void> {
  await pool.transaction(async (client) => {
    const { rows: encoding } = await client.query("SHOW server_encoding");
    if (encoding[0].server_encoding !== "UTF8") {
      // Keys are compared byte-wise as UTF-8, and values may hold any character.
      throw new Error(
        `The database's encoding is ${encoding[0].server_encoding}: create it with ENCODING 'UTF8'.`,
      );
    }
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query(
      `SELECT coalesce(max(version), 0) AS v FROM ${schema}.schema_migrations`,
    );
    const applied = Number(rows[0].v);
    if (applied > MIGRATIONS.length) {
      throw new Error(
        `The database schema is at version ${applied}, newer than this server knows (${MIGRATIONS.length}): upgrade @botwire/server.`,
      );
    }
    for (let version = applied + 1; version <= MIGRATIONS.length; version++) {
      await client.query((MIGRATIONS[version - 1] as (s: string) => string)(schema));
      await client.query(`INSERT INTO ${schema}.schema_migrations (version) VALUES ($1)`, [
        version,
      ]);
    }
  });
}
