import { describe, expect, it } from "vitest";
import { BotWireValidationError, Memory } from "../../src/index.js";
import { mockMemory, rejectionOf } from "./mock-memory.js";

describe("client requests", () => {
  it("percent-encodes keys and the namespace once in every path", async () => {
    const { mock, memory } = mockMemory({ namespace: "ns:1" });
    const keys = ["a/b", "q?x=1", "h#frag", "p%20", "ü 😀", "...", "./x"];
    for (const key of keys) await memory.set(key, key);
    expect(mock.requests.map((r) => r.path)).toEqual([
      "/v1/namespaces/ns%3A1/keys/a%2Fb",
      "/v1/namespaces/ns%3A1/keys/q%3Fx%3D1",
      "/v1/namespaces/ns%3A1/keys/h%23frag",
      "/v1/namespaces/ns%3A1/keys/p%2520",
      "/v1/namespaces/ns%3A1/keys/%C3%BC%20%F0%9F%98%80",
      "/v1/namespaces/ns%3A1/keys/...",
      "/v1/namespaces/ns%3A1/keys/.%2Fx",
    ]);
    expect(await memory.list()).toEqual(["...", "./x", "a/b", "h#frag", "p%20", "q?x=1", "ü 😀"]);
    for (const key of keys) expect(await memory.get(key)).toBe(key);
    await memory.append("chat/1?#", ["hi"]);
    expect(await memory.range("chat/1?#")).toEqual([{ seq: 1, value: "hi" }]);
    expect(mock.requests.at(-1)?.path).toBe("/v1/namespaces/ns%3A1/lists/chat%2F1%3F%23");
  });

  it("refuses an invalid namespace in the constructor", () => {
    for (const namespace of ["", ".", "..", "a/b", "a b", "é", "x".repeat(129)]) {
      let error: unknown;
      try {
        new Memory(namespace);
      } catch (caught) {
        error = caught;
      }
      expect(BotWireValidationError.isInstance(error), namespace).toBe(true);
      expect(error).toMatchObject({ statusCode: 0, code: "invalid_namespace" });
    }
  });

  it("refuses invalid keys in every method without sending anything", async () => {
    const { mock, memory } = mockMemory();
    const badKeys = ["", ".", "..", "tab\there", "\u0085", "\ud800", "é".repeat(257)];
    for (const key of badKeys) {
      for (const call of [
        () => memory.get(key),
        () => memory.getEntry(key),
        () => memory.set(key, 1),
        () => memory.delete(key),
        () => memory.has(key),
        () => memory.update(key, () => 1),
        () => memory.append(key, [1]),
        () => memory.range(key),
        () => memory.getList(key),
        () => memory.replaceList(key, []),
        () => memory.deleteList(key),
        () => memory.batch([{ op: "get", key }]),
      ]) {
        const error = await rejectionOf(call());
        expect(BotWireValidationError.isInstance(error)).toBe(true);
        expect(error).toMatchObject({ statusCode: 0, code: "invalid_key" });
      }
    }
    expect(mock.requests).toHaveLength(0);
  });

  it("refuses bad options without sending anything", async () => {
    const { mock, memory } = mockMemory();
    for (const call of [
      () => memory.set("k", 1, { ifVersion: 1, ifAbsent: true }),
      () => memory.replaceList("k", [], { ifVersion: 1, ifAbsent: true }),
      () => memory.set("k", 1, { ttl: Number.POSITIVE_INFINITY }),
      () => memory.set("k", 1, { ttl: 0 }),
      () => memory.append("k", [1], { ttl: Number.NaN }),
    ]) {
      const error = await rejectionOf(call());
      expect(error).toMatchObject({ statusCode: 0, code: "invalid_request" });
      expect((error as Error).message).toMatch(/ttl|not both/);
    }
    expect(mock.requests).toHaveLength(0);
  });

  it("sends the token, JSON headers and extra headers; strips a trailing slash of the URL", async () => {
    const seen: [string, Headers][] = [];
    const { mock } = mockMemory();
    const memory = new Memory("ns", {
      url: `${mock.url}/`,
      token: "secret",
      headers: { "x-trace": "t1" },
      fetch: (input, init) => {
        seen.push([String(input), new Headers(init?.headers)]);
        return mock.fetch(input, init);
      },
    });
    await memory.set("k", 1);
    await memory.get("k");
    expect(seen.map(([url]) => url)).toEqual([
      "http://botwire.mock/v1/namespaces/ns/keys/k",
      "http://botwire.mock/v1/namespaces/ns/keys/k",
    ]);
    const [put, get] = seen.map(([, headers]) => headers);
    expect(put?.get("authorization")).toBe("Bearer secret");
    expect(put?.get("x-trace")).toBe("t1");
    expect(put?.get("content-type")).toBe("application/json");
    expect(get?.get("content-type")).toBeNull();
    expect(get?.get("accept")).toBe("application/json");
  });

  it("reads its URL and token from the environment", async () => {
    process.env.BOTWIRE_URL = "http://from-env:1234/";
    process.env.BOTWIRE_TOKEN = "env-token";
    try {
      const seen: [string, Headers][] = [];
      const memory = new Memory("ns", {
        fetch: async (input, init) => {
          seen.push([String(input), new Headers(init?.headers)]);
          const body = { error: { code: "not_found", message: "Nothing is stored here." } };
          return Response.json(body, { status: 404 });
        },
      });
      expect(await memory.get("k")).toBeUndefined();
      expect(seen[0]?.[0]).toBe("http://from-env:1234/v1/namespaces/ns/keys/k");
      expect(seen[0]?.[1].get("authorization")).toBe("Bearer env-token");
    } finally {
      delete process.env.BOTWIRE_URL;
      delete process.env.BOTWIRE_TOKEN;
    }
  });

  it("defaults to the local server without a token", async () => {
    const seen: [string, Headers][] = [];
    const memory = new Memory("ns", {
      fetch: async (input, init) => {
        seen.push([String(input), new Headers(init?.headers)]);
        return new Response(null, { status: 204 });
      },
    });
    await memory.clear();
    expect(seen[0]?.[0]).toBe("http://127.0.0.1:8790/v1/namespaces/ns");
    expect(seen[0]?.[1].has("authorization")).toBe(false);
  });
});
