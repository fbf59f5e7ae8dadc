import { describe, expect, it } from "vitest";
import { inconsistencies, T0, usePostgresStores } from "./postgres-harness.js";

// Two stores on one schema are two replicas: separate pools, one database.
describe("PostgresStore under concurrent replicas", () => {
  const pg = usePostgresStores();
  const replicas = async () => {
    const schema = pg.schema();
    const [a, b] = await Promise.all([pg.open(schema), pg.open(schema)]);
    return { schema, a, b };
  };

  it("keeps every item of 64 appenders exactly once, each request contiguous", async () => {
    const { schema, a, b } = await replicas();
    const results = await Promise.all(
      Array.from({ length: 64 }, (_, w) =>
        (w % 2 ? a : b).append("ns", "chat", { items: [0, 1, 2].map((n) => `"${w}.${n}"`) }, T0),
      ),
    );
    const list = await a.range("ns", "chat", { after: 0, limit: 1000 }, T0);
    const items = list?.items ?? [];
    expect(list?.length).toBe(192);
    expect(items.map((i) => i.seq)).toEqual(Array.from({ length: 192 }, (_, i) => i + 1));
    expect(new Set(items.map((i) => i.value)).size).toBe(192);
    for (const [w, result] of results.entries()) {
      expect(result.lastSeq - result.firstSeq).toBe(2);
      const mine = items.filter((i) => i.seq >= result.firstSeq && i.seq <= result.lastSeq);
      expect(mine.map((i) => i.value)).toEqual([0, 1, 2].map((n) => `"${w}.${n}"`));
    }
    expect(new Set(results.map((r) => r.version)).size).toBe(64);
    expect(await inconsistencies(schema)).toEqual([]);
  });

  it("runs overlapping batches in any key order without deadlock or lost writes", async () => {
    const { a, b } = await replicas();
    const keys = ["k1", "k2", "k3", "k4", "k5"];
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const order = i % 2 ? keys : [...keys].reverse();
        const ops = order.map((key) => ({
          op: "set" as const,
          key,
          value: `${i}`,
          expiresAt: null,
        }));
        return (i % 2 ? a : b).batch("ns", ops, T0);
      }),
    );
    // Batches are atomic: every key holds the value of the same, last committed batch.
    const values = await Promise.all(keys.map(async (k) => (await b.get("ns", k, T0))?.value));
    expect(new Set(values).size).toBe(1);
  });

  it("lets replicas sweep together: each expired row deleted once, at most `limit` a call", async () => {
    const { schema, a, b } = await replicas();
    for (let i = 0; i < 60; i++) await a.put("ns", `k${i}`, { value: "1", expiresAt: T0 + 10 }, T0);
    await a.append("ns", "l", { items: ["1", "2"], expiresAt: T0 + 10 }, T0);
    await a.put("ns", "kept", { value: "1", expiresAt: null }, T0);
    let total = 0;
    for (let round = 0; round < 20 && total < 61; round++) {
      const swept = await Promise.all([a.sweepExpired(T0 + 10, 25), b.sweepExpired(T0 + 10, 25)]);
      for (const n of swept) expect(n).toBeLessThanOrEqual(25);
      total += swept[0] + swept[1];
    }
    expect(total).toBe(61);
    expect(await a.sweepExpired(T0 + 10, 25)).toBe(0);
    expect(await a.stats(0)).toMatchObject({ totalEntries: 1 });
    expect(await inconsistencies(schema)).toEqual([]);
  });

  it("never lets a sweep delete a list under an append that still saw it live", async () => {
    const { schema, a, b } = await replicas();
    const keys = Array.from({ length: 40 }, (_, i) => `l${i}`);
    for (const key of keys)
      await a.append("ns", key, { items: ["1", "2"], expiresAt: T0 + 10 }, T0);
    // The appender's clock says T0 + 5 (live); the sweeper's says T0 + 10 (expired).
    await Promise.all([
      ...keys.map((key) => a.append("ns", key, { items: ["3"] }, T0 + 5)),
      b.sweepExpired(T0 + 10, 1000),
      b.sweepExpired(T0 + 10, 1000),
    ]);
    expect(await inconsistencies(schema)).toEqual([]);
  });

  it("clears a namespace under concurrent writers without leaving stray items", async () => {
    const { schema, a, b } = await replicas();
    for (let round = 0; round < 5; round++) {
      // Lists that exist, lists created during the clear, and replaces, all racing the clear.
      await Promise.all([
        ...Array.from({ length: 40 }, (_, i) => a.append("ns", `l${i}`, { items: ["1", "2"] }, T0)),
        b.clearNamespace("ns"),
        ...Array.from({ length: 10 }, (_, i) =>
          b.replaceList("ns", `l${i * 3}`, { items: ["9"], expiresAt: null }, T0),
        ),
      ]);
      expect(await inconsistencies(schema)).toEqual([]);
    }
    await b.clearNamespace("ns");
    expect(await a.stats(T0)).toMatchObject({ totalEntries: 0, totalBytes: 0 });
    expect(await inconsistencies(schema)).toEqual([]);
  });
});
