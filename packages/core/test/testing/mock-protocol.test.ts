import { describe, expect, it } from "vitest";
import { Memory } from "../../src/index.js";
import { createMockServer } from "../../src/testing/index.js";

/** A raw request to a fresh mock, answering status, headers and the parsed body. */
function rawClient(options: Parameters<typeof createMockServer>[0] = {}) {
  const mock = createMockServer(options);
  const send = async (method: string, path: string, body?: string, headers = {}) => {
    const response = await mock.handle(
      new Request(`${mock.url}${path}`, {
        method,
        body,
        headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
      }),
    );
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text && JSON.parse(text) };
  };
  const memory = new Memory("p", { url: mock.url, fetch: mock.fetch, retry: false });
  return { mock, send, memory };
}

describe("mock server: the v1 protocol", () => {
  it("answers probes, unknown routes and wrong methods like the server", async () => {
    const { send } = rawClient();
    expect(await send("GET", "/healthz")).toMatchObject({ status: 200, body: { status: "ok" } });
    expect(await send("GET", "/readyz")).toMatchObject({ status: 200, body: { status: "ready" } });
    for (const path of ["/memory/p/k", "/v2/namespaces/p/keys/k", "/v1/namespaces/p/other/k"]) {
      const { status, body } = await send("GET", path);
      expect([status, body.error.code], path).toEqual([404, "route_not_found"]);
    }
    const wrong = await send("PATCH", "/v1/namespaces/p/keys/k");
    expect([wrong.status, wrong.body.error.code]).toEqual([405, "method_not_allowed"]);
    expect(wrong.headers.get("allow")).toBe("GET, PUT, DELETE");
    expect((await send("POST", "/v1/namespaces/p/keys")).headers.get("allow")).toBe("GET");
    expect((await send("POST", "/healthz")).status).toBe(405);
  });

  // Differences the differential test (test-suite's mock-differential) found, pinned here.
  it("matches routes, names and methods in the server's order", async () => {
    const { send } = rawClient();
    // An empty namespace or key segment names no route: 404, not a 400 for the name.
    for (const path of ["/v1/namespaces/p/keys/", "/v1/namespaces//lists/l", "/v1/namespaces/"]) {
      const { status, body } = await send("DELETE", path);
      expect([status, body.error.code], path).toEqual([404, "route_not_found"]);
    }
    const lists = await send("PATCH", "/v1/namespaces/p/lists/l");
    expect(lists.headers.get("allow")).toBe("GET, POST, PUT, DELETE");
    // OPTIONS (a CORS preflight's method) gets its 405 before names are checked; others not.
    const options = await send("OPTIONS", "/v1/namespaces/a%20b/keys/k");
    expect([options.status, options.headers.get("allow")]).toEqual([405, "GET, PUT, DELETE"]);
    expect((await send("PATCH", "/v1/namespaces/a%20b/keys/k")).body.error.code).toBe(
      "invalid_namespace",
    );
  });

  it("answers HEAD as GET without the body", async () => {
    const { send, memory } = rawClient();
    const { version } = await memory.set("k", 1);
    const head = await send("HEAD", "/v1/namespaces/p/keys/k");
    expect([head.status, head.headers.get("etag"), head.body]).toEqual([200, `"${version}"`, ""]);
    const missing = await send("HEAD", "/v1/namespaces/p/keys/absent");
    expect([missing.status, missing.body]).toEqual([404, ""]);
    const clear = await send("HEAD", "/v1/namespaces/p");
    expect([clear.status, clear.headers.get("allow")]).toEqual([405, "DELETE"]);
  });

  it("validates bodies, headers and names with the shared protocol parsers", async () => {
    const { send } = rawClient();
    const key = "/v1/namespaces/p/keys/k";
    const cases: [
      Promise<{ status: number; body: { error: { code: string } } }>,
      number,
      string,
    ][] = [
      [
        send("PUT", key, '{"value":1}', { "content-type": "text/plain" }),
        415,
        "unsupported_media_type",
      ],
      [send("PUT", key, '{"value":1,"value":2}'), 400, "invalid_json"],
      [send("PUT", key, `{"value":${"[".repeat(200)}${"]".repeat(200)}}`), 400, "invalid_json"],
      [send("PUT", key, '{"val":1}'), 400, "invalid_request"],
      [send("PUT", key, '{"value":1,"ttl":0}'), 400, "invalid_request"],
      [send("PUT", key, '{"value":1}', { "if-match": "soon" }), 400, "invalid_request"],
      [send("GET", "/v1/namespaces/a%20b/keys/k"), 400, "invalid_namespace"],
      [send("GET", "/v1/namespaces/p/keys/a%00b"), 400, "invalid_key"],
      [send("GET", "/v1/namespaces/p/keys/%E0%A4%A"), 400, "invalid_key"],
      [send("GET", "/v1/namespaces/p/keys?limit=0"), 400, "invalid_request"],
      [send("GET", "/v1/namespaces/p/keys?cursor=forged!"), 400, "invalid_request"],
      [send("GET", "/v1/namespaces/p/lists/l?last=2&after=1"), 400, "invalid_request"],
      [send("POST", "/v1/namespaces/p/lists/l", '{"items":[]}'), 400, "invalid_request"],
      [send("POST", "/v1/namespaces/p/batch", '{"ops":[]}'), 400, "invalid_request"],
    ];
    for (const [answer, status, code] of cases) {
      const { status: got, body } = await answer;
      expect([got, body.error.code]).toEqual([status, code]);
    }
    expect((await send("GET", "/v1/namespaces/p/keys")).body.items).toEqual([]);
  });

  it("applies its configured limits, with the limit in the error", async () => {
    const { send } = rawClient({
      limits: { maxValueBytes: 10, maxBatchOps: 2, maxAppendItems: 2 },
    });
    const big = await send("PUT", "/v1/namespaces/p/keys/k", '{"value":"0123456789"}');
    expect([big.status, big.body.error]).toMatchObject([
      413,
      { code: "value_too_large", limit: 10 },
    ]);
    const body = await send(
      "PUT",
      "/v1/namespaces/p/keys/k",
      `{"value":1,"pad":"${"x".repeat(70_000)}"}`,
    );
    expect([body.status, body.body.error.code]).toEqual([413, "payload_too_large"]);
    const ops = JSON.stringify({ ops: [0, 1, 2].map((i) => ({ op: "get", key: `k${i}` })) });
    const batch = await send("POST", "/v1/namespaces/p/batch", ops);
    expect(batch.body.error).toMatchObject({ code: "limit_exceeded", limit: 2 });
    const append = await send("POST", "/v1/namespaces/p/lists/l", '{"items":[1,2,3]}');
    expect(append.body.error).toMatchObject({ code: "limit_exceeded", limit: 2 });
  });

  it("gives PUT 201 on create and 200 after, with ETags of store-wide, never reused versions", async () => {
    const { mock, send, memory } = rawClient();
    const created = await send("PUT", "/v1/namespaces/p/keys/k", '{"value":1}');
    expect(created.status).toBe(201);
    expect(created.headers.get("etag")).toBe(`"${created.body.version}"`);
    const elsewhere = await send("PUT", "/v1/namespaces/q/keys/k", '{"value":1}');
    const updated = await send("PUT", "/v1/namespaces/p/keys/k", '{"value":2}');
    expect(updated.status).toBe(200);
    await memory.delete("k");
    mock.reset();
    const recreated = await memory.set("k", 3);
    const versions = [created, elsewhere, updated].map((r) => r.body.version);
    expect([...versions, recreated.version]).toEqual(
      [...versions, recreated.version].sort((a, b) => a - b),
    );
    expect(new Set([...versions, recreated.version]).size).toBe(4);
    // An If-Match written against the deleted key's version cannot hit the new key.
    const stale = await send("PUT", "/v1/namespaces/p/keys/k", '{"value":4}', {
      "if-match": `"${created.body.version}"`,
    });
    expect(stale.body.error).toMatchObject({
      code: "version_mismatch",
      currentVersion: recreated.version,
    });
  });

  it("never reuses a seq, through trims and replaces", async () => {
    const { memory } = rawClient();
    await memory.append("l", [1, 2, 3], { maxLength: 2 });
    await memory.replaceList("l", ["a"]);
    await memory.append("l", ["b"]);
    expect(await memory.range("l")).toEqual([
      { seq: 4, value: "a" },
      { seq: 5, value: "b" },
    ]);
  });

  it("refuses an append past maxListLength, writing nothing, unless maxLength trims it", async () => {
    const { memory } = rawClient({ limits: { maxListLength: 3 } });
    await memory.append("l", [1, 2]);
    const error = await memory.append("l", [3, 4]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "limit_exceeded", details: { limit: 3 } });
    expect(await memory.getList("l")).toMatchObject({ length: 2 });
    expect(await memory.append("l", [3, 4], { maxLength: 3 })).toMatchObject({ length: 3 });
    const replace = await memory.replaceList("l", [1, 2, 3, 4]).catch((e: unknown) => e);
    expect(replace).toMatchObject({ code: "limit_exceeded" });
  });

  it("pages keys in UTF-8 byte order, one key per page when asked", async () => {
    const { memory } = rawClient();
    const keys = ["z", "\uffee", "😀", "\ud83d\ude00a", "a"].map((k) => JSON.parse(`"${k}"`));
    for (const key of keys) await memory.set(key, 1);
    const seen: string[] = [];
    for await (const key of memory.keys({ pageSize: 1 })) seen.push(key);
    expect(seen).toEqual(["a", "z", "\uffee", "😀", "😀a"].map((k) => JSON.parse(`"${k}"`)));
  });

  it("runs a batch all or nothing, restoring earlier writes and deletes on failure", async () => {
    const { memory } = rawClient();
    const { version } = await memory.set("a", "old");
    await memory.set("b", "kept");
    const error = await memory
      .batch([
        { op: "set", key: "a", value: "new", ifVersion: version },
        { op: "delete", key: "b" },
        { op: "set", key: "c", value: 1 },
        { op: "set", key: "a", value: "newer", ifVersion: version },
      ])
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "version_mismatch", details: { index: 3 } });
    expect(await memory.getMany(["a", "b", "c"])).toEqual(["old", "kept", undefined]);
    expect((await memory.getEntry("a"))?.version).toBe(version);
  });

  it("expires at now + ceil(ttl * 1000) on its clock", async () => {
    let now = 10_000;
    const { memory } = rawClient({ now: () => now });
    expect((await memory.set("k", 1, { ttl: 0.0015 })).expiresAt).toBe(10_002);
    expect((await memory.listPage()).items).toHaveLength(1);
    now = 10_002;
    expect((await memory.listPage()).items).toHaveLength(0);
    expect(await memory.has("k")).toBe(false);
  });

  it("answers integer times from a fractional clock, as the server does", async () => {
    const { memory } = rawClient({ now: () => 10_000.7 });
    const written = await memory.set("k", 1, { ttl: 1 });
    expect([written.createdAt, written.expiresAt]).toEqual([10_000, 11_000]);
  });
});
