import { describe, expect, it } from "vitest";
import { ENGINES, hostileServers, send } from "./hostile-server.js";

const ADMIN = "admin-secret-0123456789abcdef";

// 1e400 was stored as null; ttl 1e16 and prefix=%00 were 500s on PostgreSQL.
describe.each(ENGINES)("numbers and NUL on %s", (engine) => {
  const start = hostileServers();

  it("answers 4xx with a code for numbers and text no engine can store, and stores nothing", async () => {
    const s = await start(engine);
    const cases: [string, string, string, string][] = [
      ["PUT", "/v1/namespaces/n/keys/k", '{"value":1e400}', "invalid_json"],
      ["PUT", "/v1/namespaces/n/keys/k", '{"value":{"a":[-1e999]}}', "invalid_json"],
      ["POST", "/v1/namespaces/n/lists/l", '{"items":[1e400]}', "invalid_json"],
      [
        "POST",
        "/v1/namespaces/n/batch",
        '{"ops":[{"op":"set","key":"k","value":1e400}]}',
        "invalid_json",
      ],
      ["PUT", "/v1/namespaces/n/keys/k", '{"value":1,"ttl":1e16}', "invalid_request"],
      ["POST", "/v1/namespaces/n/lists/l", '{"items":[1],"ttl":1e16}', "invalid_request"],
      ["PUT", "/v1/namespaces/n/lists/l", '{"items":[1],"ttl":1e300}', "invalid_request"],
      [
        "POST",
        "/v1/namespaces/n/batch",
        '{"ops":[{"op":"set","key":"k","value":1,"ttl":1e16}]}',
        "invalid_request",
      ],
    ];
    for (const [method, path, body, code] of cases) {
      const result = await send(s, method, path, body);
      expect([result.status, result.body?.error?.code], `${method} ${path} ${body}`).toEqual([
        400,
        code,
      ]);
    }
    for (const query of ["prefix=%00", "prefix=a%00b", "prefix=%1F"]) {
      const result = await send(s, "GET", `/v1/namespaces/n/keys?${query}`);
      expect([result.status, result.body.error.code], query).toEqual([400, "invalid_request"]);
    }
    expect((await send(s, "GET", "/v1/namespaces/n/keys")).body.items).toEqual([]);
    // The largest ttl is stored and read back exactly.
    const put = await send(s, "PUT", "/v1/namespaces/n/keys/k", '{"value":1.5e308,"ttl":1e10}');
    expect(put.status).toBe(201);
    const read = await send(s, "GET", "/v1/namespaces/n/keys/k");
    expect([read.body.value, read.body.expiresAt - read.body.createdAt]).toEqual([1.5e308, 1e13]);
  });

  it("refuses a token ttl or label the store cannot hold", async () => {
    const server = await start(engine, ["--admin-token", ADMIN]);
    for (const grant of [
      { namespaces: ["*"], ttl: 1e16 },
      { namespaces: ["*"], label: "a\u0000b" },
    ]) {
      const response = await fetch(`${server.url}/v1/admin/tokens`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN}` },
        body: JSON.stringify(grant),
      });
      expect(response.status, JSON.stringify(grant)).toBe(400);
    }
  });
});
