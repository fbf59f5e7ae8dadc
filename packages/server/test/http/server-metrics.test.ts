import { describe, expect, it } from "vitest";
import { ServerMetrics } from "../../src/http/server-metrics.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { startSweeper } from "../../src/sweeper.js";
import { createTestServer } from "./harness.js";
import { histogramCounts, parseMetrics, samplesOf, seriesCount } from "./scrape-metrics.js";

const ADMIN = "metrics-admin-token-0123456789";

describe("GET /metrics (prom-client)", () => {
  it("exports process and runtime metrics", async () => {
    const { call } = createTestServer();
    const families = parseMetrics(await call("GET", "/metrics"));
    for (const name of [
      "process_resident_memory_bytes",
      "process_cpu_seconds_total",
      "nodejs_eventloop_lag_seconds",
      "nodejs_gc_duration_seconds",
      "nodejs_active_handles_total",
    ]) {
      expect(families.has(name), name).toBe(true);
    }
    expect(Number(samplesOf(families, "process_resident_memory_bytes")[0]?.value)).toBeGreaterThan(
      0,
    );
  });

  it("counts requests and their latency by route pattern and status", async () => {
    const { call } = createTestServer();
    await call("PUT", "/v1/namespaces/app/keys/a", { json: { value: 1 } });
    await call("GET", "/v1/namespaces/app/keys/a");
    await call("GET", "/v1/namespaces/app/keys/missing");
    await call("GET", "/v1/namespaces/app/keys/missing");
    const scrape = await call("GET", "/metrics");
    const families = parseMetrics(scrape);
    const route = "/v1/namespaces/:ns/keys/:key";
    const count = (status: string) =>
      samplesOf(families, "botwire_http_requests_total", { method: "GET", route, status })[0]
        ?.value;
    expect(count("200")).toBe("1");
    expect(count("404")).toBe("2");
    const labels = { method: "GET", route, status: "404" };
    expect(histogramCounts(scrape, "botwire_http_request_duration_seconds", labels)).toEqual([2]);
    expect(families.get("botwire_http_request_duration_seconds")?.type).toBe("HISTOGRAM");
  });

  it("keeps the number of series fixed however many keys and namespaces are used", async () => {
    const { call } = createTestServer();
    const traffic = async (round: number) => {
      for (let i = 0; i < 40; i++) {
        const ns = `ns-${round}-${i}`;
        await call("PUT", `/v1/namespaces/${ns}/keys/k-${i}`, { json: { value: i } });
        await call("GET", `/v1/namespaces/${ns}/keys/k-${i}`);
        await call("GET", `/v1/namespaces/${ns}/keys/absent-${i}`);
        await call("POST", `/v1/namespaces/${ns}/lists/l-${i}`, { json: { items: [i] } });
        await call("GET", `/memory/${ns}/k-${i}`);
      }
    };
    await traffic(1);
    const firstScrape = await call("GET", "/metrics");
    const before = parseMetrics(firstScrape);
    await traffic(2);
    const secondScrape = await call("GET", "/metrics");
    const after = parseMetrics(secondScrape);
    const ours = (families: typeof before) =>
      seriesCount(new Map([...families].filter(([name]) => name.startsWith("botwire_"))));
    // The second scrape adds one series: the first scrape's own request (counter).
    expect(ours(after)).toBe(ours(before) + 1);
    const latency = (scrape: typeof firstScrape) =>
      histogramCounts(scrape, "botwire_http_request_duration_seconds").length;
    expect(latency(secondScrape)).toBe(latency(firstScrape) + 1);
    expect(after.get("botwire_http_requests_total")?.metrics.length).toBeLessThan(15);
    for (const sample of after.get("botwire_http_requests_total")?.metrics ?? []) {
      expect(sample.labels?.route).not.toMatch(/ns-|k-/);
    }
  });

  it("times store operations by engine and operation", async () => {
    const { call } = createTestServer();
    await call("PUT", "/v1/namespaces/app/keys/a", { json: { value: 1 } });
    await call("POST", "/v1/namespaces/app/lists/l", { json: { items: [1, 2] } });
    await call("GET", "/v1/namespaces/app/lists/l?last=10");
    const scrape = await call("GET", "/metrics");
    expect(parseMetrics(scrape).get("botwire_store_operation_duration_seconds")?.type).toBe(
      "HISTOGRAM",
    );
    for (const operation of ["put", "append", "range"]) {
      const labels = { engine: "sqlite", operation };
      const counts = histogramCounts(scrape, "botwire_store_operation_duration_seconds", labels);
      expect(counts, operation).toEqual([1]);
    }
  });

  it("counts quota refusals by quota", async () => {
    const { call } = createTestServer({ writeQuota: 1, storageQuotaBytes: 10 });
    await call("PUT", "/v1/namespaces/a/keys/k", { json: { value: 1 } });
    expect((await call("PUT", "/v1/namespaces/a/keys/k", { json: { value: 2 } })).status).toBe(429);
    const big = await call("PUT", "/v1/namespaces/b/keys/k", { json: { value: "x".repeat(50) } });
    expect(big.status).toBe(429);
    const families = parseMetrics(await call("GET", "/metrics"));
    const refusals = (quota: string) =>
      samplesOf(families, "botwire_quota_refusals_total", { quota })[0]?.value;
    expect(refusals("writes")).toBe("1");
    expect(refusals("storage")).toBe("1");
  });

  it("counts expired rows swept and exports the SQLite WAL size", async () => {
    const metrics = new ServerMetrics();
    const store = new SqliteStore({ path: ":memory:" });
    const { call, clock } = createTestServer({ metrics }, store);
    for (const key of ["a", "b", "c"]) {
      await call("PUT", `/v1/namespaces/app/keys/${key}`, { json: { value: 1, ttl: 1 } });
    }
    clock.now += 5000;
    const sweeper = startSweeper(metrics.instrument(store), { now: () => clock.now });
    expect(await sweeper.sweep()).toBe(3);
    await sweeper.stop();
    const families = parseMetrics(await call("GET", "/metrics"));
    expect(samplesOf(families, "botwire_expired_rows_swept_total")[0]?.value).toBe("3");
    expect(samplesOf(families, "botwire_sqlite_wal_bytes")[0]?.value).toBe("0");
    expect(families.has("botwire_postgres_pool_waiting")).toBe(false);
  });

  it("keeps each handler's series apart (no shared default registry)", async () => {
    const first = createTestServer();
    const second = createTestServer();
    await first.call("GET", "/healthz");
    await first.call("GET", "/healthz");
    await second.call("GET", "/healthz");
    const healthz = async (server: typeof first) =>
      samplesOf(parseMetrics(await server.call("GET", "/metrics")), "botwire_http_requests_total", {
        route: "/healthz",
      })[0]?.value;
    expect(await healthz(first)).toBe("2");
    expect(await healthz(second)).toBe("1");
  });

  it("still needs the admin token when tokens are configured", async () => {
    const { call } = createTestServer({ adminToken: ADMIN });
    expect((await call("GET", "/metrics")).status).toBe(401);
    const ok = await call("GET", "/metrics", { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(parseMetrics(ok).has("botwire_http_requests_total")).toBe(true);
  });
});
