import { afterEach, describe, expect, it } from "vitest";
import type { NamespaceListing } from "../../src/store/namespace-listing.js";
import { PostgresStore } from "../../src/store/postgres/postgres-store.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { ServerStore } from "../../src/store/store.js";
import { dropSchema, randomSchema, TEST_POSTGRES_URL } from "../../src/testing/index.js";
import { createTestServer } from "./harness.js";

const ADMIN = "namespaces-admin-token-012345";
const auth = { authorization: `Bearer ${ADMIN}` };
const schemas: string[] = [];
const stores: ServerStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await Promise.all(schemas.splice(0).map((schema) => dropSchema(schema)));
});

const engines: [string, () => Promise<ServerStore & NamespaceListing>][] = [
  ["sqlite", async () => new SqliteStore({ path: ":memory:" })],
  [
    "postgres",
    async () => {
      const schema = randomSchema();
      schemas.push(schema);
      return PostgresStore.open({ connectionString: TEST_POSTGRES_URL, schema });
    },
  ],
];

describe.each(engines)("GET /v1/admin/namespaces on %s", (_engine, open) => {
  it("pages namespaces in order with their live keys and bytes", async () => {
    const store = await open();
    stores.push(store);
    const { call, clock } = createTestServer({ adminToken: ADMIN }, store);
    const put = (ns: string, key: string, value: unknown, ttl?: number) =>
      call("PUT", `/v1/namespaces/${ns}/keys/${key}`, { json: { value, ttl }, headers: auth });
    await put("b", "k1", "xy");
    await put("b", "k2", 12345);
    await put("a", "k", true);
    await put("c", "k", 1, 1);
    await put("z.9", "k", null);
    await call("POST", "/v1/namespaces/d/lists/l", { json: { items: ["ab", 1] }, headers: auth });
    clock.now += 5000; // c's only key has expired: c is not listed

    const first = await call("GET", "/v1/admin/namespaces?limit=2", { headers: auth });
    expect(first.status).toBe(200);
    expect(first.body.items).toEqual([
      { namespace: "a", keys: 1, bytes: 4 },
      { namespace: "b", keys: 2, bytes: 9 },
    ]);
    const cursor = encodeURIComponent(first.body.nextCursor);
    const second = await call("GET", `/v1/admin/namespaces?limit=2&cursor=${cursor}`, {
      headers: auth,
    });
    expect(second.body).toEqual({
      items: [
        { namespace: "d", keys: 1, bytes: 5 },
        { namespace: "z.9", keys: 1, bytes: 4 },
      ],
      nextCursor: null,
    });
  });
});

describe("GET /v1/admin/namespaces access", () => {
  it("refuses scoped tokens and works in open mode", async () => {
    const secured = createTestServer({ adminToken: ADMIN });
    const minted = await secured.call("POST", "/v1/admin/tokens", {
      json: { namespaces: ["*"] },
      headers: auth,
    });
    const scoped = { authorization: `Bearer ${minted.body.token}` };
    expect((await secured.call("GET", "/v1/admin/namespaces", { headers: scoped })).status).toBe(
      403,
    );
    expect((await secured.call("GET", "/v1/admin/namespaces")).status).toBe(401);

    const open = createTestServer();
    await open.call("PUT", "/v1/namespaces/x/keys/k", { json: { value: 1 } });
    const listed = await open.call("GET", "/v1/admin/namespaces");
    expect(listed.body).toEqual({
      items: [{ namespace: "x", keys: 1, bytes: 1 }],
      nextCursor: null,
    });
    expect((await open.call("GET", "/v1/admin/namespaces?limit=0")).status).toBe(400);
    expect((await open.call("GET", "/v1/admin/namespaces?cursor=%%")).status).toBe(400);
  });
});
