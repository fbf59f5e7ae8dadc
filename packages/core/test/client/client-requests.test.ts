import { describe, expect, it } from "vitest";
import { createApiError } from "../../src/errors/create-api-error.js";
import {
  BotWireAuthError,
  BotWireConflictError,
  BotWireError,
  BotWireValidationError,
  BotWireWrongKindError,
  Memory,
} from "../../src/index.js";
import { createMockServer } from "../../src/testing/index.js";

describe("client requests", () => {
  it("encodes keys once in the path", async () => {
    const mock = createMockServer();
    const memory = new Memory("ns:1", { url: mock.url, fetch: mock.fetch });
    for (const key of ["a/b", "q?x=1", "h#frag", "p%20", "ü 😀"]) await memory.set(key, key);
    expect(mock.requests.map((r) => r.path)).toEqual([
      "/v1/namespaces/ns%3A1/keys/a%2Fb",
      "/v1/namespaces/ns%3A1/keys/q%3Fx%3D1",
      "/v1/namespaces/ns%3A1/keys/h%23frag",
      "/v1/namespaces/ns%3A1/keys/p%2520",
      "/v1/namespaces/ns%3A1/keys/%C3%BC%20%F0%9F%98%80",
    ]);
    expect(await memory.list()).toEqual(["a/b", "h#frag", "p%20", "q?x=1", "ü 😀"]);
  });

  it("refuses invalid names and options without sending anything", async () => {
    const mock = createMockServer();
    const memory = new Memory("ns", { url: mock.url, fetch: mock.fetch });
    for (const call of [
      () => memory.get(".."),
      () => memory.set("k", 1, { ifVersion: 1, ifAbsent: true }),
      () => memory.set("k", 1, { ttl: Number.POSITIVE_INFINITY }),
      () => memory.batch([{ op: "get", key: "." }]),
    ]) {
      await expect(call()).rejects.toSatisfy(BotWireValidationError.isInstance);
    }
    expect(mock.requests).toHaveLength(0);
  });

  it("sends the token, extra headers, and makes one request per batch or append", async () => {
    const seen: Headers[] = [];
    const mock = createMockServer();
    const memory = new Memory("ns", {
      url: `${mock.url}/`,
      token: "secret",
      headers: { "x-trace": "t1" },
      fetch: (input, init) => {
        seen.push(new Headers(init?.headers));
        return mock.fetch(input, init);
      },
    });
    await memory.setMany([
      { key: "a", value: 1 },
      { key: "b", value: 2 },
    ]);
    await memory.append("chat", [1, 2, 3]);
    expect(await memory.getMany(["a", "b"])).toEqual([1, 2]);
    expect(mock.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /v1/namespaces/ns/batch",
      "POST /v1/namespaces/ns/lists/chat",
      "POST /v1/namespaces/ns/batch",
    ]);
    expect(seen[0]?.get("authorization")).toBe("Bearer secret");
    expect(seen[0]?.get("x-trace")).toBe("t1");
  });

  it("reads its URL and token from the environment", async () => {
    process.env.BOTWIRE_URL = "http://from-env:1234/";
    process.env.BOTWIRE_TOKEN = "env-token";
    try {
      const calls: [string, Headers][] = [];
      const memory = new Memory("ns", {
        fetch: async (input, init) => {
          calls.push([String(input), new Headers(init?.headers)]);
          return new Response(null, { status: 404 });
        },
      });
      expect(await memory.get("k")).toBeUndefined();
      expect(calls[0]?.[0]).toBe("http://from-env:1234/v1/namespaces/ns/keys/k");
      expect(calls[0]?.[1].get("authorization")).toBe("Bearer env-token");
    } finally {
      delete process.env.BOTWIRE_URL;
      delete process.env.BOTWIRE_TOKEN;
    }
  });

  it("maps status and code to the error classes", () => {
    const body = (code: string, extra = {}) =>
      JSON.stringify({ error: { code, message: "m", ...extra } });
    const cases: [number, string, (e: unknown) => boolean][] = [
      [400, body("invalid_key"), BotWireValidationError.isInstance],
      [413, body("value_too_large"), BotWireValidationError.isInstance],
      [415, body("unsupported_media_type"), BotWireValidationError.isInstance],
      [401, body("unauthorized"), BotWireAuthError.isInstance],
      [403, body("forbidden"), BotWireAuthError.isInstance],
      [409, body("wrong_kind"), BotWireWrongKindError.isInstance],
      [412, body("version_mismatch", { currentVersion: 7 }), BotWireConflictError.isInstance],
    ];
    for (const [status, text, is] of cases) {
      const error = createApiError("GET /x", status, text);
      expect(is(error), `${status}`).toBe(true);
      expect(BotWireError.isInstance(error)).toBe(true);
      expect(error.message).toContain("GET /x");
    }
    expect(
      createApiError("PUT /x", 412, body("version_mismatch", { currentVersion: 7 })),
    ).toMatchObject({
      currentVersion: 7,
      details: { currentVersion: 7 },
    });
    expect(createApiError("GET /x", 500, "x".repeat(5000)).responseBody?.length).toBeLessThan(2100);
  });

  it("recognises errors across copies of the package by their Symbol marker", () => {
    const foreign = Object.assign(new Error("from another copy"), {
      [Symbol.for("botwire.error")]: true,
      [Symbol.for("botwire.error.api")]: true,
      [Symbol.for("botwire.error.conflict")]: true,
    });
    expect(BotWireError.isInstance(foreign)).toBe(true);
    expect(BotWireConflictError.isInstance(foreign)).toBe(true);
    expect(BotWireWrongKindError.isInstance(foreign)).toBe(false);
    expect(BotWireError.isInstance(new Error("plain"))).toBe(false);
  });

  it("update() gives up after maxAttempts lost races with the conflict", async () => {
    const mock = createMockServer();
    const memory = new Memory("ns", { url: mock.url, fetch: mock.fetch });
    const rival = new Memory("ns", { url: mock.url, fetch: mock.fetch });
    let attempts = 0;
    const error = await memory
      .update<number>(
        "k",
        async (n) => {
          attempts++;
          await rival.set("k", attempts * 100);
          return (n ?? 0) + 1;
        },
        { maxAttempts: 3 },
      )
      .catch((e: unknown) => e);
    expect(BotWireConflictError.isInstance(error)).toBe(true);
    expect(attempts).toBe(3);
  });
});
