import pg from "pg";

/** PostgreSQL for tests: `BOTWIRE_TEST_POSTGRES_URL`, else the local server's `test` database. */
export const TEST_POSTGRES_URL =
  process.env.BOTWIRE_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** A fresh schema name, so test runs never share tables. */
export function randomSchema(): string {
  return `botwire_test_${Math.random().toString(36).slice(2, 10)}`;
}

/** Drops a test schema and everything in it. */
export async function dropSchema(schema: string, url = TEST_POSTGRES_URL): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
