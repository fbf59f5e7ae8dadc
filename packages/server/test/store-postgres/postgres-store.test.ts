import { describe, expect, it } from "vitest";
import { PostgresStore } from "../../src/store/postgres/postgres-store.js";
import { TEST_POSTGRES_URL } from "../../src/testing/index.js";
import { sql, T0, usePostgresStores } from "./postgres-harness.js";

// What only PostgreSQL needs proving: migrations, replicas sharing one database, exact text.
// The engine-agnostic behaviour is the store tests' and the contract suite's.
describe("PostgresStore", () => {
  const pg = usePostgresStores();

  it("migrates once when four replicas start at the same time on a fresh schema", async () => {
    const schema = pg.schema();
    const [a, b] = await Promise.all([0, 1, 2, 3].map(() => pg.open(schema)));
    const { rows } = await sql(`SELECT version FROM ${schema}.schema_migrations ORDER BY version`);
    expect(rows).toEqual([{ version: 1 }, { version: 2 }]); // each migration applied exactly once
    await a?.put("ns", "k", { value: "1", expiresAt: null }, T0);
    expect((await b?.get("ns", "k", T0))?.value).toBe("1");
    // Opening again later finds nothing to do and keeps the data.
    const later = await pg.open(schema);
    expect((await later.get("ns", "k", T0))?.value).toBe("1");
    expect((await sql(`SELECT count(*)::int AS n FROM ${schema}.schema_migrations`)).rows).toEqual([
      { n: 2 },
    ]);
  });

  it("refuses a schema newer than the code", async () => {
    const schema = pg.schema();
    await pg.open(schema);
    await sql(`INSERT INTO ${schema}.schema_migrations (version) VALUES (999)`);
    await expect(pg.open(schema)).rejects.toThrow(/upgrade @botwire\/server/);
  });

  it("never reuses a version across replicas, even for a deleted and re-created key", async () => {
    const schema = pg.schema();
    const [a, b] = await Promise.all([pg.open(schema), pg.open(schema)]);
    const versions: number[] = [];
    await Promise.all(
      Array.from({ length: 32 }, async (_, i) => {
        const store = i % 2 ? a : b;
        const key = `k${i % 4}`;
        versions.push((await store.put("ns", key, { value: "1", expiresAt: null }, T0)).version);
        await store.delete("ns", key, {}, T0);
        versions.push((await store.append("ns", key, { items: ["1"] }, T0)).version);
        await store.delete("ns", key, {}, T0);
      }),
    );
    expect(new Set(versions).size).toBe(versions.length);
    const created = await a.put("ns", "k0", { value: "1", expiresAt: null }, T0);
    expect(created.version).toBeGreaterThan(Math.max(...versions));
    // A precondition written against a deleted key's version cannot match the new key.
    await expect(
      b.put("ns", "k0", { value: "2", expiresAt: null, expect: { version: versions[0] ?? 0 } }, T0),
    ).rejects.toMatchObject({ code: "version_mismatch", currentVersion: created.version });
  });

  it("keeps values and items as the exact text it was given", async () => {
    const store = await pg.open(pg.schema());
    const texts = [
      ' { "b":1,  "a" : [1.0, 1e2, 12345678901234567890] } ',
      '"😀 \\u0000 é"',
      "null",
    ];
    for (const [i, text] of texts.entries()) {
      await store.put("ns", `k${i}`, { value: text, expiresAt: null }, T0);
      expect((await store.get("ns", `k${i}`, T0))?.value).toBe(text);
    }
    await store.append("ns", "l", { items: texts }, T0);
    const list = await store.range("ns", "l", { after: 0, limit: 10 }, T0);
    expect(list?.items.map((i) => i.value)).toEqual(texts);
    const info = await store.listKeys("ns", { prefix: "l", limit: 10 }, T0);
    expect(info[0]?.bytes).toBe(texts.reduce((n, t) => n + Buffer.byteLength(t), 0));
  });

  it("refuses an unsafe schema name before connecting", async () => {
    await expect(
      PostgresStore.open({ connectionString: TEST_POSTGRES_URL, schema: "x; DROP TABLE y" }),
    ).rejects.toThrow(/Invalid schema name/);
  });
});
