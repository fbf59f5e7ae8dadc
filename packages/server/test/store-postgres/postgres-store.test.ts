import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { PostgresStore } from "../../src/store/postgres/postgres-store.js";
import { StoreUnavailableError } from "../../src/store/store-errors.js";
import { dropSchema, randomSchema, TEST_POSTGRES_URL } from "../../src/testing/index.js";

const T0 = 1_800_000_000_000;

describe("PostgresStore", () => {
  const schemas: string[] = [];
  const stores: PostgresStore[] = [];
  const open = async (schema: string) => {
    const store = await PostgresStore.open({
      connectionString: TEST_POSTGRES_URL,
      schema,
      poolSize: 4,
    });
    stores.push(store);
    return store;
  };
  const fresh = () => {
    const schema = randomSchema();
    schemas.push(schema);
    return schema;
  };
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    for (const schema of schemas.splice(0)) await dropSchema(schema);
  });

  it("migrates once when several replicas start at the same time", async () => {
    const schema = fresh();
    await Promise.all([open(schema), open(schema), open(schema), open(schema)]);
    const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await client.connect();
    const { rows } = await client.query(`SELECT version FROM ${schema}.schema_migrations`);
    await client.end();
    expect(rows).toEqual([{ version: 1 }]);
  });

  it("gives distinct versions across replicas and keeps seqs strictly increasing", async () => {
    const schema = fresh();
    const [a, b] = await Promise.all([open(schema), open(schema)]);
    const writes = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? a : b).put("ns", `k${i % 5}`, { value: String(i), expiresAt: null }, T0),
      ),
    );
    expect(new Set(writes.map((w) => w.version)).size).toBe(40);
    const appends = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? a : b).append("ns", "l", { items: [`"${i}"`, `"${i}"`] }, T0),
      ),
    );
    const firstSeqs = appends.map((r) => r.firstSeq).sort((x, y) => x - y);
    expect(firstSeqs).toEqual(Array.from({ length: 30 }, (_, i) => 1 + 2 * i));
    const list = await a.range("ns", "l", { after: 0, limit: 100 }, T0);
    expect(list?.length).toBe(60);
    for (let i = 0; i < 60; i += 2) expect(list?.items[i]?.value).toBe(list?.items[i + 1]?.value);
  });

  it("sweeps each expired row once when replicas sweep together", async () => {
    const schema = fresh();
    const [a, b] = await Promise.all([open(schema), open(schema)]);
    for (let i = 0; i < 60; i++) await a.put("ns", `k${i}`, { value: "1", expiresAt: T0 + 10 }, T0);
    await a.append("ns", "l", { items: ["1"], expiresAt: T0 + 10 }, T0);
    let total = 0;
    for (let round = 0; round < 20 && (await a.stats(0)).totalEntries > 0; round++) {
      const swept = await Promise.all([a.sweepExpired(T0 + 10, 25), b.sweepExpired(T0 + 10, 25)]);
      total += swept[0] + swept[1];
    }
    expect(total).toBe(61);
    expect(await a.stats(0)).toMatchObject({ totalEntries: 0 });
  });

  it("reports an unreachable database as StoreUnavailableError", async () => {
    const error = await PostgresStore.open({
      connectionString: "postgres://postgres@127.0.0.1:1/test",
      schema: fresh(),
      connectTimeoutMs: 1000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
  });

  it("refuses an unsafe schema name", async () => {
    await expect(
      PostgresStore.open({ connectionString: TEST_POSTGRES_URL, schema: "x; DROP TABLE y" }),
    ).rejects.toThrow(/Invalid schema name/);
  });
});
