import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreUnavailableError } from "../../src/store/store-errors.js";
import { codeOf, createTestServer } from "./harness.js";

const KEY = "/v1/namespaces/app/keys/k";
const JSON_TYPE = { "content-type": "application/json" };

describe("request validation", () => {
  let server: ReturnType<typeof createTestServer>;
  beforeEach(() => {
    server = createTestServer({ limits: { maxValueBytes: 1000 }, maxBodyBytes: 10_000 });
  });
  afterEach(() => server.store.close());

  it("refuses bodies that are not JSON, not UTF-8, or too deep, with no write", async () => {
    const cases: [RequestInit["body"], Record<string, string>, number, string][] = [
      ['{"value":1}', {}, 415, "unsupported_media_type"],
      ['{"value":1}', { "content-type": "text/plain" }, 415, "unsupported_media_type"],
      [
        '{"value":1}',
        { "content-type": "application/json; charset=latin1" },
        415,
        "unsupported_media_type",
      ],
      ['{"value":', JSON_TYPE, 400, "invalid_json"],
      ["", JSON_TYPE, 400, "invalid_json"],
      [
        new Uint8Array([0x7b, 0x22, 0x76, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
        JSON_TYPE,
        400,
        "invalid_json",
      ],
      [`{"value":${"[".repeat(2000)}${"]".repeat(2000)}}`, JSON_TYPE, 400, "invalid_json"],
      ['{"value":1}', { ...JSON_TYPE, "content-length": "99999999" }, 413, "payload_too_large"],
    ];
    for (const [body, headers, status, code] of cases) {
      const result = await server.call("PUT", KEY, { body, headers });
      expect([result.status, codeOf(result)]).toEqual([status, code]);
    }
    expect((await server.call("GET", KEY)).status).toBe(404);
  });

  it("refuses JSON nested 100 000 deep without a stack overflow", async () => {
    const roomy = createTestServer();
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const targets: [string, string][] = [
      ["/v1/namespaces/app/lists/l", "items"],
      [KEY, "value"],
    ];
    for (const [path, field] of targets) {
      const result = await roomy.call(path === KEY ? "PUT" : "POST", path, {
        body: `{"${field}":[${deep}]}`,
        headers: JSON_TYPE,
      });
      expect([result.status, codeOf(result)]).toEqual([400, "invalid_json"]);
    }
    expect((await roomy.call("GET", "/healthz")).status).toBe(200);
    await roomy.store.close();
  });

  it("refuses duplicate keys anywhere in the body, and writes nothing", async () => {
    for (const body of [
      '{"value":1,"value":2}',
      '{"value":{"a":1,"b":{"c":1,"c":2}}}',
      '{"value":1,"ttl":5,"ttl":1}',
    ]) {
      const result = await server.call("PUT", KEY, { body, headers: JSON_TYPE });
      expect([result.status, codeOf(result)], body).toEqual([400, "invalid_json"]);
    }
    expect((await server.call("GET", KEY)).status).toBe(404);
  });

  it("accepts JSON with a utf-8 charset and 128 levels of nesting", async () => {
    const deep = `${"[".repeat(127)}1${"]".repeat(127)}`;
    const result = await server.call("PUT", KEY, {
      body: `{"value":${deep}}`,
      headers: { "content-type": "application/json; charset=UTF-8" },
    });
    expect(result.status).toBe(201);
  });

  it("stops reading a streamed body as soon as it passes the limit", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024).fill(0x20));
      },
    });
    const result = await server.call("POST", "/v1/namespaces/app/lists/l", {
      body: endless,
      headers: JSON_TYPE,
    });
    expect([result.status, codeOf(result)]).toEqual([413, "payload_too_large"]);
    expect(result.body.error.limit).toBe(10_000);
    expect(pulled).toBeLessThan(20);
  });

  it("refuses values over the limit and bodies without a value", async () => {
    const big = await server.call("PUT", KEY, { json: { value: "x".repeat(1000) } });
    expect([big.status, codeOf(big), big.body.error.limit]).toEqual([413, "value_too_large", 1000]);
    for (const json of [{}, { valu: 1 }, [1], "x", null]) {
      const result = await server.call("PUT", KEY, { json });
      expect([result.status, codeOf(result)]).toEqual([400, "invalid_request"]);
    }
  });

  it("stores __proto__ and constructor keys as plain data", async () => {
    const body =
      '{"value":{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}},"__proto__":{"ttl":1}}';
    const result = await server.call("PUT", KEY, { body, headers: JSON_TYPE });
    expect(result.body.expiresAt).toBeNull();
    const read = await server.call("GET", KEY);
    expect(read.text).toContain('"__proto__":{"polluted":true}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses bad names, including malformed and double percent-encoding", async () => {
    const cases: [string, string][] = [
      ["/v1/namespaces/bad%20ns/keys/k", "invalid_namespace"],
      ["/v1/namespaces/%E0%A4%A/keys/k", "invalid_namespace"],
      [`/v1/namespaces/${"n".repeat(129)}/keys/k`, "invalid_namespace"],
      ["/v1/namespaces/app/keys/%ZZ", "invalid_key"],
      ["/v1/namespaces/app/keys/tab%09key", "invalid_key"],
      ["/v1/namespaces/app/keys/%0D%0ASet-Cookie:%20x", "invalid_key"],
      [`/v1/namespaces/app/keys/${"k".repeat(513)}`, "invalid_key"],
      ["/v1/namespaces/app/keys/%ED%A0%80", "invalid_key"],
    ];
    for (const [path, code] of cases) {
      const result = await server.call("GET", path);
      expect([result.status, codeOf(result), path]).toEqual([400, code, path]);
    }
    await server.call("PUT", "/v1/namespaces/app/keys/%252F", { json: { value: "once" } });
    const list = await server.call("GET", "/v1/namespaces/app/keys");
    expect(list.body.items.map((i: { key: string }) => i.key)).toEqual(["%2F"]);
  });

  it("answers unknown routes 404 and wrong methods 405 with Allow", async () => {
    const unknown = await server.call("GET", "/v2/anything");
    expect([unknown.status, codeOf(unknown)]).toEqual([404, "route_not_found"]);
    const wrong = await server.call("PATCH", KEY, { json: { value: 1 } });
    expect([wrong.status, codeOf(wrong), wrong.headers.get("allow")]).toEqual([
      405,
      "method_not_allowed",
      "GET, PUT, DELETE",
    ]);
    expect((await server.call("POST", "/v1/namespaces/app/keys")).headers.get("allow")).toBe("GET");
  });

  it("answers 503 store_unavailable with Retry-After when the store is down", async () => {
    await server.store.close();
    const result = await server.call("GET", KEY);
    expect([result.status, codeOf(result), result.headers.get("retry-after")]).toEqual([
      503,
      "store_unavailable",
      "1",
    ]);
    expect(codeOf(await server.call("GET", "/readyz"))).toBe("store_unavailable");
  });

  it("answers 500 internal_error only for a real bug, and logs it", async () => {
    const logged: unknown[] = [];
    const broken = createTestServer({
      logger: { error: (details) => logged.push(details), warn() {} },
    });
    broken.store.get = async () => {
      throw new TypeError("bug");
    };
    const result = await broken.call("GET", KEY);
    expect([result.status, codeOf(result)]).toEqual([500, "internal_error"]);
    expect(logged).toHaveLength(1);
    broken.store.get = async () => {
      throw new StoreUnavailableError();
    };
    expect((await broken.call("GET", KEY)).status).toBe(503);
    await broken.store.close();
  });
});
