import pg from "pg";
import { afterEach } from "vitest";
import {
  PostgresStore,
  type PostgresStoreOptions,
} from "../../src/store/postgres/postgres-store.js";
import { dropSchema, randomSchema, TEST_POSTGRES_URL } from "../../src/testing/index.js";

/** A fixed clock reading for store calls. */
export const T0 = 1_800_000_000_000;

/**
 * Stores ("replicas") on fresh schemas of the test database, closed and dropped after each test.
 * Call once per describe block.
 */
export function usePostgresStores() {
  const schemas: string[] = [];
  const stores: PostgresStore[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    for (const schema of schemas.splice(0)) await dropSchema(schema);
  });
  return {
    /** A fresh schema name, dropped after the test. */
    schema(): string {
      const schema = randomSchema();
      schemas.push(schema);
      return schema;
    },
    /** One more store on `schema`: its own pool, like another server replica. */
    async open(schema: string, options: Partial<PostgresStoreOptions> = {}) {
      const store = await PostgresStore.open({
        connectionString: TEST_POSTGRES_URL,
        schema,
        poolSize: 4,
        ...options,
      });
      stores.push(store);
      return store;
    },
  };
}

/** Runs one query against the test database on a connection of its own. */
export async function sql(text: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await client.query(text, params);
  } finally {
    await client.end();
  }
}

/**
 * Every way the tables of `schema` can disagree with themselves: items without a list, and
 * lists whose length, byte count or next seq does not match their items. Empty when sound.
 */
export async function inconsistencies(schema: string): Promise<unknown[]> {
  const orphans = await sql(
    `SELECT i.ns, i.key, count(*)::int AS orphans FROM ${schema}.list_items i
     WHERE NOT EXISTS (SELECT 1 FROM ${schema}.entries e
       WHERE e.ns = i.ns AND e.key = i.key AND e.kind = 'list')
     GROUP BY i.ns, i.key`,
  );
  const lists = await sql(
    `SELECT e.ns, e.key, e.length, e.bytes, e.next_seq, count(i.seq)::int AS items,
       coalesce(sum(i.bytes), 0)::int AS item_bytes, coalesce(max(i.seq), 0)::int AS max_seq
     FROM ${schema}.entries e LEFT JOIN ${schema}.list_items i ON i.ns = e.ns AND i.key = e.key
     WHERE e.kind = 'list' GROUP BY e.ns, e.key
     HAVING e.length <> count(i.seq) OR e.bytes <> coalesce(sum(i.bytes), 0)
       OR e.next_seq <= coalesce(max(i.seq), 0)`,
  );
  return [...orphans.rows, ...lists.rows];
}
