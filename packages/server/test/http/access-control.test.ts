import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { PostgresStore } from "../../src/store/postgres/postgres-store.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { ServerStore as Store } from "../../src/store/store.js";
import { dropSchema, randomSchema, TEST_POSTGRES_URL } from "../../src/testing/index.js";
import { codeOf, createTestServer } from "./harness.js";

const ADMIN = "admin-secret-0123456789";
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe("open mode", () => {
  it("needs no token, and refuses token administration", async () => {
    const server = createTestServer();
    expect(
      (await server.call("PUT", "/v1/namespaces/a/keys/k", { json: { value: 1 } })).status,
    ).toBe(201);
    const mint = await server.call("POST", "/v1/admin/tokens", { json: { namespaces: ["*"] } });
    expect([mint.status, codeOf(mint)]).toEqual([403, "forbidden"]);
    await server.store.close();
  });
});

describe("with an admin token", () => {
  let server: ReturnType<typeof createTestServer>;
  beforeEach(() => {
    server = createTestServer({ adminToken: ADMIN });
  });
  afterEach(() => server.store.close());

  const mint = async (grant: object) => {
    const result = await server.call("POST", "/v1/admin/tokens", {
      json: grant,
      headers: bearer(ADMIN),
    });
    expect(result.status).toBe(201);
    return result.body as { id: string; token: string; namespaces: string[] };
  };

  it("answers 401 without a valid token, in each surface's error shape", async () => {
    for (const headers of [
      {},
      bearer("wrong-token"),
      { authorization: "Basic abc" },
      { authorization: `Bearer ${ADMIN}x` },
    ]) {
      const v1 = await server.call("GET", "/v1/namespaces/a/keys/k", { headers });
      expect([v1.status, codeOf(v1)]).toEqual([401, "unauthorized"]);
      const compat = await server.call("GET", "/memory/a/k", { headers });
      expect([compat.status, typeof compat.body.detail]).toEqual([401, "string"]);
    }
    for (const path of ["/healthz", "/readyz", "/health", "/openapi.json"]) {
      expect((await server.call("GET", path)).status, path).toBe(200);
    }
    expect(
      (await server.call("GET", "/v1/namespaces/a/keys/k", { headers: bearer(ADMIN) })).status,
    ).toBe(404);
  });

  it("mints a token shown once, scoped to namespace patterns, and revokes it", async () => {
    const token = await mint({ namespaces: ["user-*", "shared"], label: "web app" });
    expect(token.token).toMatch(/^bw_[\w-]{40,}$/);
    const ok = await server.call("PUT", "/v1/namespaces/user-42/keys/k", {
      json: { value: 1 },
      headers: bearer(token.token),
    });
    expect(ok.status).toBe(201);
    expect(
      (await server.call("GET", "/memory/shared/k", { headers: bearer(token.token) })).status,
    ).toBe(404);
    for (const path of [
      "/v1/namespaces/admin/keys/k",
      "/v1/namespaces/user/keys/k",
      "/memory/other/k",
    ]) {
      const refused = await server.call("GET", path, { headers: bearer(token.token) });
      expect(refused.status, path).toBe(403);
    }
    for (const path of ["/v1/admin/tokens", "/metrics", "/stats/memory"]) {
      expect((await server.call("GET", path, { headers: bearer(token.token) })).status, path).toBe(
        403,
      );
    }
    const listed = await server.call("GET", "/v1/admin/tokens", { headers: bearer(ADMIN) });
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id: token.id, label: "web app", readOnly: false }),
    ]);
    expect(listed.text).not.toContain(token.token);
    expect(listed.text).not.toContain("hash");
    expect(
      (await server.call("DELETE", `/v1/admin/tokens/${token.id}`, { headers: bearer(ADMIN) }))
        .status,
    ).toBe(204);
    expect(
      (await server.call("DELETE", `/v1/admin/tokens/${token.id}`, { headers: bearer(ADMIN) }))
        .status,
    ).toBe(404);
    const revoked = await server.call("GET", "/v1/namespaces/user-42/keys/k", {
      headers: bearer(token.token),
    });
    expect([revoked.status, codeOf(revoked)]).toEqual([401, "unauthorized"]);
  });

  it("lets a read-only token read, including batch gets, and nothing else", async () => {
    await server.call("PUT", "/v1/namespaces/docs/keys/k", {
      json: { value: "v" },
      headers: bearer(ADMIN),
    });
    const { token } = await mint({ namespaces: ["docs"], readOnly: true });
    const headers = bearer(token);
    expect((await server.call("GET", "/v1/namespaces/docs/keys/k", { headers })).body.value).toBe(
      "v",
    );
    const gets = await server.call("POST", "/v1/namespaces/docs/batch", {
      json: { ops: [{ op: "get", key: "k" }] },
      headers,
    });
    expect(gets.status).toBe(200);
    const writes: [string, string, unknown][] = [
      ["PUT", "/v1/namespaces/docs/keys/k", { value: 2 }],
      ["DELETE", "/v1/namespaces/docs/keys/k", undefined],
      ["POST", "/v1/namespaces/docs/lists/l", { items: [1] }],
      [
        "POST",
        "/v1/namespaces/docs/batch",
        {
          ops: [
            { op: "get", key: "k" },
            { op: "set", key: "k", value: 3 },
          ],
        },
      ],
      ["DELETE", "/v1/namespaces/docs", undefined],
      ["PUT", "/memory/docs/k", { value: "x" }],
    ];
    // Keys that look like routes are still keys: no way around the read-only check.
    writes.push(
      ["PUT", "/v1/namespaces/docs/keys/batch", { value: 1 }],
      ["PUT", "/memory/docs/batch", { value: "x" }],
    );
    for (const [method, path, json] of writes) {
      const result = await server.call(method, path, { json, headers });
      expect(result.status, `${method} ${path}`).toBe(403);
    }
    expect((await server.call("GET", "/v1/namespaces/docs/keys/k", { headers })).body.value).toBe(
      "v",
    );
  });

  it("expires tokens at their ttl", async () => {
    const { token } = await mint({ namespaces: ["*"], ttl: 10 });
    expect(
      (await server.call("GET", "/v1/namespaces/a/keys/k", { headers: bearer(token) })).status,
    ).toBe(404);
    server.clock.now += 10_000;
    expect(
      (await server.call("GET", "/v1/namespaces/a/keys/k", { headers: bearer(token) })).status,
    ).toBe(401);
  });

  it("refuses bad grants", async () => {
    for (const grant of [
      {},
      { namespaces: [] },
      { namespaces: ["bad space"] },
      { namespaces: ["*"], ttl: -1 },
      { namespaces: ["*"], readOnly: "yes" },
    ]) {
      const result = await server.call("POST", "/v1/admin/tokens", {
        json: grant,
        headers: bearer(ADMIN),
      });
      expect([result.status, codeOf(result)]).toEqual([400, "invalid_request"]);
    }
  });
});

const schema = randomSchema();
const stores: Record<string, () => Promise<Store>> = {
  SQLite: async () => new SqliteStore({ path: ":memory:" }),
  PostgreSQL: () => PostgresStore.open({ connectionString: TEST_POSTGRES_URL, schema }),
};
afterAll(() => dropSchema(schema));

for (const [engine, open] of Object.entries(stores)) {
  describe(`quotas on ${engine}`, () => {
    it("counts writes per namespace per UTC day, shared by replicas, with RateLimit headers", async () => {
      const store = await open();
      const replicaA = createTestServer({ writeQuota: 3 }, store);
      const replicaB = createTestServer({ writeQuota: 3 }, store);
      const ns = `quota-${Math.random().toString(36).slice(2, 8)}`;
      replicaA.clock.now = replicaB.clock.now = Date.UTC(2030, 0, 1, 23, 0, 0);
      const first = await replicaA.call("PUT", `/v1/namespaces/${ns}/keys/a`, {
        json: { value: 1 },
      });
      expect(first.headers.get("ratelimit-remaining")).toBe("2");
      const batch = await replicaB.call("POST", `/v1/namespaces/${ns}/batch`, {
        json: {
          ops: [
            { op: "set", key: "b", value: 1 },
            { op: "set", key: "c", value: 1 },
            { op: "get", key: "a" },
          ],
        },
      });
      expect([batch.status, batch.headers.get("ratelimit-remaining")]).toEqual([200, "0"]);
      const over = await replicaA.call("POST", `/v1/namespaces/${ns}/lists/l`, {
        json: { items: [1] },
      });
      expect([over.status, codeOf(over)]).toEqual([429, "quota_exceeded"]);
      expect(over.headers.get("retry-after")).toBe("3600");
      expect(over.headers.get("ratelimit-limit")).toBe("3");
      expect(over.headers.get("ratelimit-reset")).toBe("3600");
      const compat = await replicaB.call("PUT", `/memory/${ns}/x`, { json: { value: "x" } });
      expect([compat.status, typeof compat.body.detail]).toEqual([429, "string"]);
      expect((await replicaB.call("GET", `/v1/namespaces/${ns}/keys/a`)).status).toBe(200);
      const keyNamedBatch = await replicaB.call("PUT", `/v1/namespaces/${ns}/keys/batch`, {
        json: { value: 1 },
      });
      expect([keyNamedBatch.status, codeOf(keyNamedBatch)]).toEqual([429, "quota_exceeded"]);
      expect(
        (await replicaB.call("PUT", `/v1/namespaces/${ns}-other/keys/a`, { json: { value: 1 } }))
          .status,
      ).toBe(201);
      replicaA.clock.now += 3600_000;
      expect(
        (await replicaA.call("PUT", `/v1/namespaces/${ns}/keys/a`, { json: { value: 2 } })).status,
      ).toBe(200);
      await store.close();
    });

    it("caps the bytes a namespace holds", async () => {
      const store = await open();
      const server = createTestServer({ storageQuotaBytes: 100 }, store);
      const ns = `cap-${Math.random().toString(36).slice(2, 8)}`;
      expect(
        (
          await server.call("PUT", `/v1/namespaces/${ns}/keys/a`, {
            json: { value: "x".repeat(98) },
          })
        ).status,
      ).toBe(201);
      const full = await server.call("PUT", `/v1/namespaces/${ns}/keys/b`, {
        json: { value: "y" },
      });
      expect([full.status, codeOf(full), full.body.error.quota]).toEqual([
        429,
        "quota_exceeded",
        "storage",
      ]);
      expect(full.headers.get("retry-after")).toBeNull();
      const grow = await server.call("POST", `/v1/namespaces/${ns}/batch`, {
        json: { ops: [{ op: "set", key: "c", value: "z" }] },
      });
      expect([grow.status, grow.body.error.quota]).toEqual([429, "storage"]);
      const deletes = await server.call("POST", `/v1/namespaces/${ns}/batch`, {
        json: { ops: [{ op: "delete", key: "a" }] },
      });
      expect([deletes.status, deletes.body.results[0].deleted]).toEqual([200, true]);
      expect(
        (await server.call("PUT", `/v1/namespaces/${ns}/keys/b`, { json: { value: "y" } })).status,
      ).toBe(201);
      expect((await server.call("DELETE", `/v1/namespaces/${ns}/keys/b`)).status).toBe(204);
      await store.close();
    });
  });
}

describe("CORS", () => {
  it("is off by default and answers preflights for allowed origins only", async () => {
    const preflight = { origin: "https://app.example", "access-control-request-method": "PUT" };
    const off = createTestServer();
    const closed = await off.call("OPTIONS", "/v1/namespaces/a/keys/k", { headers: preflight });
    expect(closed.headers.get("access-control-allow-origin")).toBeNull();
    const on = createTestServer({ corsOrigins: ["https://app.example"], adminToken: ADMIN });
    const open = await on.call("OPTIONS", "/v1/namespaces/a/keys/k", { headers: preflight });
    expect([open.status, open.headers.get("access-control-allow-origin")]).toEqual([
      204,
      "https://app.example",
    ]);
    const other = await on.call("OPTIONS", "/v1/namespaces/a/keys/k", {
      headers: { ...preflight, origin: "https://evil.example" },
    });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    await off.store.close();
    await on.store.close();
  });
});
