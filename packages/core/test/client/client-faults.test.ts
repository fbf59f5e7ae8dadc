import { beforeEach, describe, expect, it } from "vitest";
import {
  BotWireApiError,
  BotWireError,
  BotWireNetworkError,
  BotWireQuotaError,
  BotWireTimeoutError,
  BotWireUnavailableError,
  Memory,
  type MemoryOptions,
} from "../../src/index.js";
import { createMockServer, type MockServer } from "../../src/testing/index.js";

const noWait = { retries: 3, backoff: () => 1 };

describe("client retries, timeouts and faults (against the mock)", () => {
  let mock: MockServer;
  const client = (options: MemoryOptions = {}) =>
    new Memory("faults", { url: mock.url, fetch: mock.fetch, retry: noWait, ...options });
  beforeEach(() => {
    mock = createMockServer();
  });

  it("retries idempotent calls after 503, network errors and timeouts", async () => {
    const memory = client({ timeoutMs: 50 });
    mock.faults.failNext(2, { status: 503 });
    await memory.set("k", 1);
    mock.faults.networkErrorNext(1);
    expect(await memory.get("k")).toBe(1);
    mock.faults.failNext(1, { status: 502, code: "bad_gateway" });
    expect(await memory.delete("k")).toBe(true);
    expect(mock.requests.filter((r) => r.method === "PUT")).toHaveLength(3);
    expect(mock.requests.filter((r) => r.method === "GET")).toHaveLength(2);
  });

  it("gives up after the configured retries with the last error", async () => {
    const memory = client();
    mock.faults.failNext(4, { status: 503 });
    const error = await memory.get("k").catch((e: unknown) => e);
    expect(BotWireUnavailableError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 503, code: "store_unavailable", isRetryable: true });
    expect(mock.requests).toHaveLength(4);
  });

  it("never retries with retry: false", async () => {
    const memory = client({ retry: false });
    mock.faults.failNext(1, { status: 503 });
    await expect(memory.get("k")).rejects.toSatisfy(BotWireApiError.isInstance);
    expect(mock.requests).toHaveLength(1);
  });

  it("does not retry an append after a network error or a dropped response", async () => {
    const memory = client();
    mock.faults.networkErrorNext(1);
    const refused = await memory.append("chat", ["a"]).catch((e: unknown) => e);
    expect(BotWireNetworkError.isInstance(refused)).toBe(true);
    mock.faults.dropNext(1);
    const dropped = await memory.append("chat", ["b"]).catch((e: unknown) => e);
    expect(BotWireNetworkError.isInstance(dropped)).toBe(true);
    // The dropped append was applied exactly once: no blind retry duplicated it.
    expect((await memory.range("chat")).map((item) => item.value)).toEqual(["b"]);
  });

  it("retries any call after 429 or 503 with a short Retry-After, and waits for it", async () => {
    const memory = client();
    mock.faults.rateLimitNext(1, 0.05);
    const started = Date.now();
    await memory.append("chat", ["once"]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    mock.faults.failNext(1, { status: 503, retryAfter: 0 });
    await memory.append("chat", ["twice"]);
    expect((await memory.range("chat")).map((item) => item.value)).toEqual(["once", "twice"]);
  });

  it("surfaces a quota error with retryAfter when the wait is too long to retry", async () => {
    const memory = client();
    mock.faults.rateLimitNext(1, 3600);
    const error = await memory.set("k", 1).catch((e: unknown) => e);
    expect(BotWireQuotaError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 429, code: "quota_exceeded", retryAfter: 3600 });
    expect(mock.requests).toHaveLength(1);
  });

  it("times out slow answers per attempt", async () => {
    const memory = client({ timeoutMs: 30, retry: false });
    mock.faults.latency(500);
    const started = Date.now();
    const error = await memory.get("k").catch((e: unknown) => e);
    expect(BotWireTimeoutError.isInstance(error)).toBe(true);
    expect(BotWireError.isInstance(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(400);
    expect((error as Error).message).toContain("timeoutMs");
  });

  it("keeps a non-protocol error body and status", async () => {
    const memory = new Memory("x", {
      url: "http://proxy",
      retry: false,
      fetch: async () => new Response("<html>Bad Gateway</html>", { status: 502 }),
    });
    const error = await memory.get("k").catch((e: unknown) => e);
    expect(error).toMatchObject({
      statusCode: 502,
      code: "http_502",
      responseBody: "<html>Bad Gateway</html>",
    });
  });
});
