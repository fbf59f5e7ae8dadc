import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MemoryEngine } from "../store/memory-engine.js";
import { createTestServer } from "./harness.js";
import { parseMetrics, samplesOf } from "./scrape-metrics.js";

describe("BotWire-compatible routes", () => {
  let server: ReturnType<typeof createTestServer>;
  beforeEach(() => {
    server = createTestServer();
  });
  afterEach(() => server.store.close());

  it("stores, reads, lists and deletes with BotWire's shapes", async () => {
    const stored = await server.call("PUT", "/memory/user-sessions/user:42", {
      json: { value: "héllo" },
    });
    expect(stored).toMatchObject({
      status: 200,
      // Characters, as BotWire counts them (Python's len), not UTF-8 bytes (6).
      body: { namespace: "user-sessions", key: "user:42", stored: true, bytes: 5 },
    });
    server.clock.now += 1000;
    await server.call("PUT", "/memory/user-sessions/second", { json: { value: "2" } });
    const read = await server.call("GET", "/memory/user-sessions/user:42");
    expect(read.body).toEqual({
      namespace: "user-sessions",
      key: "user:42",
      value: "héllo",
      created_at: (server.clock.now - 1000) / 1000,
      updated_at: (server.clock.now - 1000) / 1000,
    });
    const listed = await server.call("GET", "/memory/user-sessions?limit=10");
    expect(listed.body).toMatchObject({
      namespace: "user-sessions",
      count: 2,
      keys: [{ key: "second" }, { key: "user:42" }],
    });
    expect(listed.body.keys[0].updated_at).toBe(server.clock.now / 1000);
    expect((await server.call("GET", "/memory/user-sessions?limit=1")).body.count).toBe(1);
    const deleted = await server.call("DELETE", "/memory/user-sessions/user:42");
    expect(deleted.body).toEqual({ deleted: true, namespace: "user-sessions", key: "user:42" });
    const missing = await server.call("GET", "/memory/user-sessions/user:42");
    expect([missing.status, missing.body]).toEqual([
      404,
      { detail: "Key not found: user-sessions/user:42" },
    ]);
    expect((await server.call("DELETE", "/memory/user-sessions/user:42")).status).toBe(404);
  });

  it("answers bad input the way FastAPI does", async () => {
    const cases: [unknown, number, string | undefined][] = [
      [{ value: 5 }, 422, "string_type"],
      [{}, 422, "missing"],
      [[1], 422, "model_attributes_type"],
      [{ value: "x".repeat(100_001) }, 400, undefined],
    ];
    for (const [json, status, type] of cases) {
      const result = await server.call("PUT", "/memory/ns/k", { json });
      expect(result.status).toBe(status);
      if (type)
        expect(result.body.detail[0]).toMatchObject({
          type,
          loc: expect.arrayContaining(["body"]),
        });
      else expect(typeof result.body.detail).toBe("string");
    }
    const invalid = await server.call("PUT", "/memory/ns/k", {
      body: "{",
      headers: { "content-type": "application/json" },
    });
    expect([invalid.status, invalid.body.detail[0].type]).toEqual([422, "json_invalid"]);
    for (const path of [
      "/memory/bad%20ns/k",
      "/memory/ns/%0A",
      "/memory/ns?limit=0",
      "/memory/ns?limit=1001",
      "/memory/ns?limit=x",
    ]) {
      const result = await server.call("GET", path);
      expect([result.status, typeof result.body.detail]).toEqual([400, "string"]);
    }
    expect((await server.call("GET", "/memory/ns/k")).status).toBe(404);
  });

  it("shares data with v1 both ways", async () => {
    await server.call("PUT", "/memory/app/greeting", { json: { value: "hi" } });
    expect((await server.call("GET", "/v1/namespaces/app/keys/greeting")).body.value).toBe("hi");
    await server.call("PUT", "/v1/namespaces/app/keys/profile", {
      json: { value: { name: "Ada", n: [1] } },
    });
    expect((await server.call("GET", "/memory/app/profile")).body.value).toBe(
      '{"name":"Ada","n":[1]}',
    );
    await server.call("POST", "/v1/namespaces/app/lists/chat", {
      json: { items: [{ role: "user" }, "b"] },
    });
    expect((await server.call("GET", "/memory/app/chat")).body.value).toBe('[{"role":"user"},"b"]');
    await server.call("DELETE", "/memory/app/chat");
    expect((await server.call("GET", "/v1/namespaces/app/lists/chat")).status).toBe(404);
  });

  it("counts a value's characters alike when storing and when listing (issue 16)", async () => {
    const values = {
      ascii: "hello",
      accents: "héllo wörld",
      emoji: "😀 x",
      escapes: 'line\nnext\t"quoted" \\ back',
      control: "a\u0000b",
      "looks-escaped": "\\u0000",
    };
    const stored: Record<string, number> = {};
    for (const [key, value] of Object.entries(values)) {
      stored[key] = (
        await server.call("PUT", `/memory/chars/${key}`, { json: { value } })
      ).body.bytes;
    }
    const listed = (await server.call("GET", "/memory/chars")).body.keys as {
      key: string;
      bytes: number;
    }[];
    const expected = Object.fromEntries(
      Object.entries(values).map(([key, value]) => [key, [...value].length]),
    );
    expect(stored).toEqual(expected);
    expect(Object.fromEntries(listed.map((k) => [k.key, k.bytes]))).toEqual(expected);
    expect(expected).toMatchObject({ ascii: 5, emoji: 3, "looks-escaped": 6 });
    // Values written over v1 are listed by their JSON text; lists by their JSON text's bytes.
    await server.call("PUT", "/v1/namespaces/chars2/keys/obj", { json: { value: { a: "é" } } });
    await server.call("POST", "/v1/namespaces/chars2/lists/chat", { json: { items: ["hi", 12] } });
    const other = (await server.call("GET", "/memory/chars2")).body.keys as { bytes: number }[];
    expect(other.map((k) => k.bytes).sort()).toEqual(
      ['{"a":"é"}'.length, '["hi",12]'.length].sort(),
    );
  });

  it("answers 404 for the listing and stats on a store without recency", async () => {
    const plain = createTestServer({}, new MemoryEngine());
    await plain.call("PUT", "/memory/ns/k", { json: { value: "v" } });
    expect((await plain.call("GET", "/memory/ns/k")).body.value).toBe("v");
    for (const path of ["/memory/ns", "/stats/memory"]) {
      const result = await plain.call("GET", path);
      expect([result.status, result.body.detail]).toEqual([
        404,
        expect.stringContaining("GET /v1/namespaces/{ns}/keys"),
      ]);
    }
    expect((await plain.call("GET", "/v1/namespaces/ns/keys")).body.items).toHaveLength(1);
  });

  it("serves stats and health", async () => {
    await server.call("PUT", "/memory/a/k", { json: { value: "abc" } });
    await server.call("PUT", "/memory/b/k", { json: { value: "de" } });
    const stats = await server.call("GET", "/stats/memory");
    expect(stats.body).toEqual({ total_entries: 2, total_namespaces: 2, total_bytes: 9 });
    expect((await server.call("GET", "/health")).status).toBe(200);
  });
});

describe("operations routes", () => {
  it("serves healthz, readyz, metrics and OpenAPI", async () => {
    const server = createTestServer();
    expect((await server.call("GET", "/healthz")).body).toEqual({ status: "ok" });
    expect((await server.call("GET", "/readyz")).body).toEqual({ status: "ready" });
    await server.call("GET", "/v1/namespaces/app/keys/missing");
    const metrics = await server.call("GET", "/metrics");
    const labels = { method: "GET", route: "/v1/namespaces/:ns/keys/:key", status: "404" };
    expect(samplesOf(parseMetrics(metrics), "botwire_http_requests_total", labels)).toEqual([
      { labels, value: "1" },
    ]);
    const openapi = await server.call("GET", "/openapi.json");
    expect(openapi.body.openapi).toBe("3.1.0");
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining([
        "/v1/namespaces/{ns}/keys/{key}",
        "/v1/namespaces/{ns}/lists/{key}",
        "/v1/namespaces/{ns}/batch",
      ]),
    );
    await server.store.close();
  });
});
