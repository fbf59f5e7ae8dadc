import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { codeOf, createTestServer } from "./harness.js";

const KEY = "/v1/namespaces/app/keys/user%3A42";

describe("v1 values", () => {
  let server: ReturnType<typeof createTestServer>;
  beforeEach(() => {
    server = createTestServer();
  });
  afterEach(() => server.store.close());

  it("creates with 201 and an ETag, then updates with 200", async () => {
    const created = await server.call("PUT", KEY, { json: { value: { name: "Ada" } } });
    expect(created.status).toBe(201);
    expect(created.headers.get("etag")).toBe(`"${created.body.version}"`);
    expect(created.body).toEqual({
      key: "user:42",
      version: created.body.version,
      createdAt: server.clock.now,
      updatedAt: server.clock.now,
      expiresAt: null,
    });
    const updated = await server.call("PUT", KEY, { json: { value: 2 } });
    expect(updated.status).toBe(200);
    const read = await server.call("GET", KEY);
    expect(read.status).toBe(200);
    expect(read.headers.get("etag")).toBe(`"${updated.body.version}"`);
    expect(read.body).toMatchObject({ key: "user:42", kind: "value", value: 2 });
  });

  it("honours If-Match in every accepted form, and If-None-Match: *", async () => {
    await server.call("PUT", KEY, { json: { value: 1 } });
    for (const format of [
      (v: number) => `"${v}"`,
      (v: number) => `${v}`,
      (v: number) => `W/"${v}"`,
    ]) {
      const { version } = (await server.call("GET", KEY)).body;
      const ifMatch = { "if-match": format(version) };
      const matched = await server.call("PUT", KEY, { json: { value: 0 }, headers: ifMatch });
      expect(matched.status).toBe(200);
      const stale = await server.call("PUT", KEY, { json: { value: 0 }, headers: ifMatch });
      expect(stale.status).toBe(412);
      expect(stale.body.error).toMatchObject({
        code: "version_mismatch",
        currentVersion: matched.body.version,
      });
    }
    expect(
      (
        await server.call("PUT", "/v1/namespaces/app/keys/new", {
          json: { value: 1 },
          headers: { "if-match": "*" },
        })
      ).status,
    ).toBe(412);
    expect(
      (await server.call("PUT", KEY, { json: { value: 1 }, headers: { "if-none-match": "*" } }))
        .status,
    ).toBe(412);
    const fresh = await server.call("PUT", "/v1/namespaces/app/keys/new", {
      json: { value: 1 },
      headers: { "if-none-match": "*" },
    });
    expect(fresh.status).toBe(201);
  });

  it("refuses malformed preconditions with 400 and writes nothing", async () => {
    const cases: Record<string, string>[] = [
      { "if-match": "abc" },
      { "if-match": '"0"' },
      { "if-none-match": '"3"' },
      { "if-match": "*", "if-none-match": "*" },
    ];
    for (const headers of cases) {
      const result = await server.call("PUT", KEY, { json: { value: 1 }, headers });
      expect(result.status).toBe(400);
      expect(codeOf(result)).toBe("invalid_request");
    }
    expect((await server.call("GET", KEY)).status).toBe(404);
  });

  it("deletes with 204, 404 when absent, 412 on a stale If-Match", async () => {
    const { version } = (await server.call("PUT", KEY, { json: { value: 1 } })).body;
    const stale = await server.call("DELETE", KEY, { headers: { "if-match": `"${version + 1}"` } });
    expect(stale.status).toBe(412);
    expect(
      (await server.call("DELETE", KEY, { headers: { "if-match": `"${version}"` } })).status,
    ).toBe(204);
    const missing = await server.call("DELETE", KEY);
    expect([missing.status, codeOf(missing)]).toEqual([404, "not_found"]);
  });

  it("answers 404 not_found and 409 wrong_kind on reads", async () => {
    const missing = await server.call("GET", KEY);
    expect([missing.status, codeOf(missing)]).toEqual([404, "not_found"]);
    await server.call("POST", "/v1/namespaces/app/lists/chat", { json: { items: [1] } });
    const list = await server.call("GET", "/v1/namespaces/app/keys/chat");
    expect([list.status, codeOf(list)]).toEqual([409, "wrong_kind"]);
    const put = await server.call("PUT", "/v1/namespaces/app/keys/chat", { json: { value: 1 } });
    expect([put.status, codeOf(put)]).toEqual([409, "wrong_kind"]);
  });

  it("pages keys with limit and cursor, and refuses bad ones", async () => {
    for (const key of ["a", "b", "c"])
      await server.call("PUT", `/v1/namespaces/app/keys/${key}`, { json: { value: key } });
    const first = await server.call("GET", "/v1/namespaces/app/keys?limit=2");
    expect(first.body.items.map((i: { key: string }) => i.key)).toEqual(["a", "b"]);
    const rest = await server.call(
      "GET",
      `/v1/namespaces/app/keys?limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(rest.body).toMatchObject({
      items: [{ key: "c", kind: "value", bytes: 3 }],
      nextCursor: null,
    });
    for (const query of [
      "limit=0",
      "limit=1001",
      "limit=-1",
      "limit=abc",
      "limit=1e3",
      "cursor=%%%",
      "cursor=AAAA",
    ]) {
      const result = await server.call("GET", `/v1/namespaces/app/keys?${query}`);
      expect([result.status, codeOf(result), query]).toEqual([400, "invalid_request", query]);
    }
  });

  it("clears a namespace with 204", async () => {
    await server.call("PUT", KEY, { json: { value: 1 } });
    await server.call("PUT", "/v1/namespaces/other/keys/k", { json: { value: 1 } });
    expect((await server.call("DELETE", "/v1/namespaces/app")).status).toBe(204);
    expect((await server.call("GET", KEY)).status).toBe(404);
    expect((await server.call("GET", "/v1/namespaces/other/keys/k")).status).toBe(200);
  });

  it("expires values at their TTL and reports expiresAt", async () => {
    const written = await server.call("PUT", KEY, { json: { value: 1, ttl: 1.5 } });
    expect(written.body.expiresAt).toBe(server.clock.now + 1500);
    server.clock.now += 1499;
    expect((await server.call("GET", KEY)).status).toBe(200);
    server.clock.now += 1;
    expect((await server.call("GET", KEY)).status).toBe(404);
    for (const ttl of ["0", "-5", '"10"', "0.0001", "1e16", "true"]) {
      const bad = await server.call("PUT", KEY, {
        body: `{"value":1,"ttl":${ttl}}`,
        headers: { "content-type": "application/json" },
      });
      expect([bad.status, codeOf(bad), bad.body.error.field]).toEqual([
        400,
        "invalid_request",
        "ttl",
      ]);
    }
  });
});
