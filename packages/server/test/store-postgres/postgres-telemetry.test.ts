import { describe, expect, it } from "vitest";
import { ServerMetrics } from "../../src/http/server-metrics.js";
import { T0, usePostgresStores } from "./postgres-harness.js";

describe("PostgreSQL engine telemetry", () => {
  const stores = usePostgresStores();

  it("reports pool connections in use and calls waiting", async () => {
    const store = await stores.open(stores.schema(), { poolSize: 1 });
    expect(store.engine).toBe("postgres");
    // Three calls on a pool of one: at most one holds the connection, the rest queue for it.
    const calls = [1, 2, 3].map(() => store.listKeys("ns", { limit: 1 }, T0));
    const busy = store.gauges();
    expect((busy.poolInUse ?? 0) + (busy.poolWaiting ?? 0)).toBe(3);
    expect(busy.poolWaiting).toBeGreaterThanOrEqual(2);
    await Promise.all(calls);
    expect(store.gauges()).toEqual({ poolInUse: 0, poolWaiting: 0 });
  });

  it("exports the pool gauges and labels store calls postgres", async () => {
    const metrics = new ServerMetrics();
    const store = metrics.instrument(await stores.open(stores.schema()));
    await store.put("ns", "k", { value: "1", expiresAt: null }, T0);
    const { text } = await metrics.render();
    expect(text).toMatch(/^botwire_postgres_pool_connections_in_use 0$/m);
    expect(text).toMatch(/^botwire_postgres_pool_waiting 0$/m);
    expect(text).toMatch(
      /^botwire_store_operation_duration_seconds_count\{engine="postgres",operation="put"\} 1$/m,
    );
    expect(text).not.toContain("botwire_sqlite_wal_bytes");
  });
});
