import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { codeOf, createTestServer } from "./harness.js";

const LIST = "/v1/namespaces/app/lists/chat";
const BATCH = "/v1/namespaces/app/batch";

describe("v1 lists", () => {
  let server: ReturnType<typeof createTestServer>;
  beforeEach(() => {
    server = createTestServer({ limits: { maxItemBytes: 100 } });
  });
  afterEach(() => server.store.close());

  it("appends, reads windows, replaces and deletes", async () => {
    const appended = await server.call("POST", LIST, { json: { items: ["a", "b", "c"] } });
    expect(appended.body).toEqual({
      length: 3,
      firstSeq: 1,
      lastSeq: 3,
      version: appended.body.version,
    });
    const last = await server.call("GET", `${LIST}?last=2`);
    expect(last.body).toEqual({
      items: [
        { seq: 2, value: "b" },
        { seq: 3, value: "c" },
      ],
      length: 3,
      version: appended.body.version,
      nextAfter: null,
    });
    expect(last.headers.get("etag")).toBe(`"${appended.body.version}"`);
    const page = await server.call("GET", `${LIST}?after=1&limit=1`);
    expect(page.body.items).toEqual([{ seq: 2, value: "b" }]);
    const stale = await server.call("PUT", LIST, {
      json: { items: [] },
      headers: { "if-match": `"${appended.body.version + 100}"` },
    });
    expect([stale.status, codeOf(stale)]).toEqual([412, "version_mismatch"]);
    const replaced = await server.call("PUT", LIST, {
      json: { items: ["x"] },
      headers: { "if-match": `"${appended.body.version}"` },
    });
    expect(replaced.body).toEqual({ length: 1, version: replaced.body.version });
    expect((await server.call("DELETE", LIST)).status).toBe(204);
    expect(codeOf(await server.call("DELETE", LIST))).toBe("not_found");
    expect(codeOf(await server.call("GET", LIST))).toBe("not_found");
  });

  it("refuses bad list bodies and queries with 4xx and changes nothing", async () => {
    await server.call("POST", LIST, { json: { items: ["keep"] } });
    const cases: [string, string, unknown, number, string][] = [
      ["POST", LIST, { items: [] }, 400, "invalid_request"],
      ["POST", LIST, { items: "no" }, 400, "invalid_request"],
      ["POST", LIST, {}, 400, "invalid_request"],
      ["POST", LIST, [1], 400, "invalid_request"],
      ["POST", LIST, { items: Array(1001).fill(1) }, 400, "limit_exceeded"],
      ["POST", LIST, { items: ["x".repeat(200)] }, 413, "value_too_large"],
      ["POST", LIST, { items: [1], maxLength: 0 }, 400, "invalid_request"],
      ["POST", LIST, { items: [1], maxLength: 1.5 }, 400, "invalid_request"],
      ["PUT", LIST, { items: null }, 400, "invalid_request"],
    ];
    for (const [method, path, json, status, code] of cases) {
      const result = await server.call(method, path, { json });
      expect([result.status, codeOf(result)], JSON.stringify(json).slice(0, 40)).toEqual([
        status,
        code,
      ]);
    }
    for (const query of [
      "last=0",
      "last=-1",
      "last=10001",
      "last=1&after=1",
      "after=-1",
      "limit=0",
      "after=x",
    ]) {
      const result = await server.call("GET", `${LIST}?${query}`);
      expect([result.status, codeOf(result)], query).toEqual([400, "invalid_request"]);
    }
    expect((await server.call("GET", LIST)).body.items).toEqual([{ seq: 1, value: "keep" }]);
  });

  it("names the oversized item", async () => {
    const result = await server.call("POST", LIST, { json: { items: ["ok", "x".repeat(200)] } });
    expect(result.body.error).toMatchObject({ code: "value_too_large", index: 1, limit: 100 });
  });

  it("keeps values and lists apart on every list route", async () => {
    await server.call("PUT", "/v1/namespaces/app/keys/v", { json: { value: 1 } });
    for (const [method, json] of [
      ["POST", { items: [1] }],
      ["GET", undefined],
      ["PUT", { items: [] }],
      ["DELETE", undefined],
    ] as const) {
      const result = await server.call(method, "/v1/namespaces/app/lists/v", { json });
      expect([result.status, codeOf(result)]).toEqual([409, "wrong_kind"]);
    }
  });
});

describe("configured key and list limits", () => {
  it("refuses keys over maxKeyBytes and lists past maxListLength, changing nothing", async () => {
    const server = createTestServer({ limits: { maxKeyBytes: 8, maxListLength: 3 } });
    const long = await server.call("PUT", "/v1/namespaces/app/keys/123456789", {
      json: { value: 1 },
    });
    expect([long.status, codeOf(long)]).toEqual([400, "invalid_key"]);
    expect(long.body.error.message).toContain("1–8 bytes");
    const batch = await server.call("POST", BATCH, {
      json: { ops: [{ op: "get", key: "123456789" }] },
    });
    expect([batch.status, codeOf(batch), batch.body.error.index]).toEqual([400, "invalid_key", 0]);
    expect((await server.call("GET", "/memory/app/123456789")).status).toBe(400);

    expect((await server.call("POST", LIST, { json: { items: [1, 2] } })).status).toBe(200);
    const over = await server.call("POST", LIST, { json: { items: [3, 4] } });
    expect([over.status, codeOf(over), over.body.error.limit]).toEqual([400, "limit_exceeded", 3]);
    expect((await server.call("GET", LIST)).body).toMatchObject({
      length: 2,
      items: [{ value: 1 }, { value: 2 }],
    });
    const trimmed = await server.call("POST", LIST, { json: { items: [3, 4], maxLength: 3 } });
    expect(trimmed.body).toMatchObject({ length: 3 });
    const replace = await server.call("PUT", LIST, { json: { items: [1, 2, 3, 4] } });
    expect([replace.status, codeOf(replace)]).toEqual([400, "limit_exceeded"]);
    await server.store.close();
  });
});

describe("v1 batch", () => {
  let server: ReturnType<typeof createTestServer>;
  beforeEach(() => {
    server = createTestServer({ limits: { maxBatchOps: 3 } });
  });
  afterEach(() => server.store.close());

  it("answers one result per op with the documented shapes", async () => {
    const result = await server.call("POST", BATCH, {
      json: {
        ops: [
          { op: "set", key: "a", value: { x: 1 }, ttl: 10 },
          { op: "get", key: "a" },
          { op: "delete", key: "zz" },
        ],
      },
    });
    expect(result.status).toBe(200);
    const [set, get, del] = result.body.results;
    expect(set).toEqual({
      op: "set",
      key: "a",
      version: set.version,
      created: true,
      createdAt: server.clock.now,
      updatedAt: server.clock.now,
      expiresAt: server.clock.now + 10_000,
    });
    expect(get).toEqual({
      op: "get",
      key: "a",
      found: true,
      value: { x: 1 },
      version: set.version,
      expiresAt: set.expiresAt,
    });
    expect(del).toEqual({ op: "delete", key: "zz", deleted: false });
  });

  it("refuses bad batches, naming the op, and writes nothing", async () => {
    const cases: [unknown, number, string, number | undefined][] = [
      [{ ops: [] }, 400, "invalid_request", undefined],
      [{ ops: "x" }, 400, "invalid_request", undefined],
      [{ ops: [1, 2, 3, 4] }, 400, "limit_exceeded", undefined],
      [
        {
          ops: [
            { op: "set", key: "ok", value: 1 },
            { op: "frob", key: "k" },
          ],
        },
        400,
        "invalid_request",
        1,
      ],
      [
        {
          ops: [
            { op: "set", key: "ok", value: 1 },
            { op: "get", key: ".." },
          ],
        },
        400,
        "invalid_key",
        1,
      ],
      [
        {
          ops: [
            { op: "set", key: "ok", value: 1 },
            { op: "set", key: "k" },
          ],
        },
        400,
        "invalid_request",
        1,
      ],
      [
        {
          ops: [
            { op: "set", key: "ok", value: 1 },
            { op: "set", key: "k", value: 1, ifVersion: -1 },
          ],
        },
        400,
        "invalid_request",
        1,
      ],
      [
        {
          ops: [
            { op: "set", key: "ok", value: 1 },
            { op: "set", key: "k", value: 1, ifVersion: 99 },
          ],
        },
        412,
        "version_mismatch",
        1,
      ],
    ];
    for (const [json, status, code, index] of cases) {
      const result = await server.call("POST", BATCH, { json });
      expect([result.status, codeOf(result), result.body.error.index]).toEqual([
        status,
        code,
        index,
      ]);
    }
    expect((await server.call("GET", "/v1/namespaces/app/keys/ok")).status).toBe(404);
  });
});
