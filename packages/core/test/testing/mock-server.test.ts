import { describe, expect, it } from "vitest";
import { BotWireNetworkError, BotWireTimeoutError, Memory } from "../../src/index.js";
import { compareKeys, createMockServer } from "../../src/testing/index.js";

describe("mock server", () => {
  it("serves over real HTTP with listen()", async () => {
    const mock = createMockServer();
    const http = await mock.listen();
    try {
      const memory = new Memory("http", { url: http.url });
      await memory.set("k", { over: "http" });
      await memory.append("chat", ["a"]);
      expect(await memory.get("k")).toEqual({ over: "http" });
      const raw = await fetch(`${http.url}/v1/namespaces/http/keys/k`);
      expect(raw.headers.get("etag")).toMatch(/^"\d+"$/);
      const bad = await fetch(`${http.url}/v1/namespaces/http/keys/k`, { method: "PATCH" });
      expect([bad.status, bad.headers.get("allow")]).toEqual([405, "GET, PUT, DELETE"]);
    } finally {
      await http.close();
    }
  });

  it("applies faults over HTTP too: refused and dropped connections, latency cut by hang-ups", async () => {
    const mock = createMockServer();
    const http = await mock.listen();
    try {
      // Only the latency case needs a short timeout; the others must not time out on a busy CI.
      const memory = new Memory("http", { url: http.url, retry: false, timeoutMs: 10_000 });
      const impatient = new Memory("http", { url: http.url, retry: false, timeoutMs: 50 });
      mock.faults.networkErrorNext(1);
      expect(BotWireNetworkError.isInstance(await memory.get("k").catch((e) => e))).toBe(true);
      mock.faults.dropNext(1);
      expect(BotWireNetworkError.isInstance(await memory.append("c", [1]).catch((e) => e))).toBe(
        true,
      );
      expect(await memory.range("c")).toEqual([{ seq: 1, value: 1 }]);
      mock.faults.latency(250);
      expect(BotWireTimeoutError.isInstance(await impatient.set("k", 1).catch((e) => e))).toBe(
        true,
      );
      await new Promise((resolve) => setTimeout(resolve, 350));
      mock.faults.latency(0);
      // The client hung up during the delay: the server dropped the PUT instead of applying it.
      expect(await memory.get("k")).toBeUndefined();
    } finally {
      await http.close();
    }
    await expect(fetch(`${http.url}/healthz`)).rejects.toThrow();
  });

  it("applies faults in order, one per request, and reset() clears data and faults", async () => {
    const mock = createMockServer();
    const memory = new Memory("m", { url: mock.url, fetch: mock.fetch, retry: false });
    await memory.set("k", 1);
    mock.faults.failNext(1, { status: 500, code: "internal_error" });
    mock.faults.networkErrorNext(1);
    await expect(memory.get("k")).rejects.toMatchObject({ statusCode: 500 });
    await expect(memory.get("k")).rejects.toThrow("connection refused");
    expect(await memory.get("k")).toBe(1);
    mock.faults.failNext(5, { status: 503 });
    mock.reset();
    expect(mock.requests).toHaveLength(0);
    expect(await memory.get("k")).toBeUndefined();
  });

  it("follows its injected clock for TTLs", async () => {
    let now = 1_000;
    const mock = createMockServer({ now: () => now });
    const memory = new Memory("m", { url: mock.url, fetch: mock.fetch });
    await memory.set("k", 1, { ttl: 1 });
    now += 999;
    expect(await memory.get("k")).toBe(1);
    now += 1;
    expect(await memory.get("k")).toBeUndefined();
  });

  it("orders keys by UTF-8 bytes, not UTF-16 units", () => {
    const keys = ["\uffee", "😀", "a", "é"];
    const bytes = [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect([...keys].sort(compareKeys)).toEqual(bytes);
    expect([...keys].sort()).not.toEqual(bytes);
  });
});
