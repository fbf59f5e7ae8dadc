import { describe, expect, it } from "vitest";
import {
  BotWireApiError,
  BotWireError,
  BotWireNetworkError,
  BotWireNotFoundError,
  BotWireQuotaError,
  BotWireTimeoutError,
  BotWireUnavailableError,
  Memory,
} from "../../src/index.js";
import { calls, mockMemory, rejectionOf } from "./mock-memory.js";

const values = (items: { value: unknown }[]) => items.map((item) => item.value);

describe("client retries, timeouts and faults (against the mock)", () => {
  it("retries idempotent calls after 503, 502/504, network errors and lost answers", async () => {
    const { mock, memory } = mockMemory();
    mock.faults.failNext(2, { status: 503 });
    await memory.set("k", 1);
    mock.faults.networkErrorNext(1);
    expect(await memory.get("k")).toBe(1);
    mock.faults.failNext(1, { status: 502 });
    mock.faults.failNext(1, { status: 504 });
    expect(await memory.getMany(["k"])).toEqual([1]); // a get-only batch is idempotent
    mock.faults.dropNext(1); // applied, answer lost: the retry finds nothing to delete
    expect(await memory.delete("k")).toBe(false);
    expect(calls(mock)).toEqual([
      ...Array(3).fill("PUT /v1/namespaces/test/keys/k"),
      ...Array(2).fill("GET /v1/namespaces/test/keys/k"),
      ...Array(3).fill("POST /v1/namespaces/test/batch"),
      ...Array(2).fill("DELETE /v1/namespaces/test/keys/k"),
    ]);
  });

  it("retries timeouts of idempotent calls, with backoff(attempt) between attempts", async () => {
    const attempts: number[] = [];
    const { mock, memory } = mockMemory({
      client: {
        timeoutMs: 20,
        retry: {
          retries: 2,
          backoff: (n) => {
            attempts.push(n);
            return 1;
          },
        },
      },
    });
    mock.faults.latency(1_000);
    const started = Date.now();
    const error = await rejectionOf(memory.get("k"));
    expect(BotWireTimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ timeoutMs: 20, request: "GET /v1/namespaces/test/keys/k" });
    expect(mock.requests).toHaveLength(3);
    expect(attempts).toEqual([1, 2]);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it("gives up after the configured retries with the last error", async () => {
    const { mock, memory } = mockMemory();
    mock.faults.failNext(4, { status: 503 });
    const error = await rejectionOf(memory.get("k"));
    expect(BotWireUnavailableError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 503, code: "store_unavailable", isRetryable: true });
    expect(mock.requests).toHaveLength(4);
  });

  it("never retries with retry: false", async () => {
    const { mock, memory } = mockMemory({ client: { retry: false } });
    mock.faults.failNext(1, { status: 503 });
    expect(BotWireApiError.isInstance(await rejectionOf(memory.get("k")))).toBe(true);
    mock.faults.networkErrorNext(1);
    expect(BotWireNetworkError.isInstance(await rejectionOf(memory.set("k", 1)))).toBe(true);
    mock.faults.rateLimitNext(1, 0);
    expect(BotWireQuotaError.isInstance(await rejectionOf(memory.set("k", 1)))).toBe(true);
    expect(mock.requests).toHaveLength(3);
  });

  it("never resends an append or a write batch whose answer may be lost", async () => {
    const { mock, memory } = mockMemory({ client: { timeoutMs: 30 } });
    mock.faults.networkErrorNext(1);
    expect(BotWireNetworkError.isInstance(await rejectionOf(memory.append("c", ["a"])))).toBe(true);
    mock.faults.failNext(1, { status: 503, retryAfter: 0 });
    expect(BotWireUnavailableError.isInstance(await rejectionOf(memory.append("c", ["b"])))).toBe(
      true,
    );
    mock.faults.failNext(1, { status: 502 });
    const batch = memory.batch([
      { op: "get", key: "x" },
      { op: "set", key: "x", value: 1 },
    ]);
    expect(BotWireUnavailableError.isInstance(await rejectionOf(batch))).toBe(true);
    mock.faults.latency(200);
    expect(BotWireTimeoutError.isInstance(await rejectionOf(memory.append("c", ["c"])))).toBe(true);
    mock.faults.latency(0);
    expect(calls(mock)).toEqual([
      ...Array(2).fill("POST /v1/namespaces/test/lists/c"),
      "POST /v1/namespaces/test/batch",
      "POST /v1/namespaces/test/lists/c",
    ]);
    expect(await memory.range("c")).toEqual([]);
  });

  it("a dropped append is surfaced, applied exactly once, never duplicated", async () => {
    const { mock, memory } = mockMemory();
    await memory.append("chat", ["before"]);
    mock.faults.dropNext(1);
    const error = await rejectionOf(memory.append("chat", ["dropped"]));
    expect(BotWireNetworkError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("POST /v1/namespaces/test/lists/chat failed");
    expect(values(await memory.range("chat"))).toEqual(["before", "dropped"]);
  });

  it("retries any call, appends included, after a 429 with a short Retry-After, and waits for it", async () => {
    const { mock, memory } = mockMemory();
    mock.faults.rateLimitNext(1, 0.05);
    const started = Date.now();
    await memory.append("chat", ["once"]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(values(await memory.range("chat"))).toEqual(["once"]);
    expect(mock.requests.filter((r) => r.method === "POST")).toHaveLength(2);
  });

  it("waits a 503's Retry-After instead of its backoff", async () => {
    const { mock, memory } = mockMemory();
    mock.faults.failNext(1, { status: 503, retryAfter: 0.06 });
    const started = Date.now();
    await memory.set("k", 1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it("surfaces a quota error with retryAfter when the wait is too long, or unknown", async () => {
    const { mock, memory } = mockMemory();
    mock.faults.rateLimitNext(1, 3600);
    const error = await rejectionOf(memory.set("k", 1));
    expect(BotWireQuotaError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 429, code: "quota_exceeded", retryAfter: 3600 });
    mock.faults.failNext(1, { status: 429 }); // a storage cap: no Retry-After
    const full = await rejectionOf(memory.set("k", 1));
    expect(full).toMatchObject({
      code: "quota_exceeded",
      retryAfter: undefined,
      isRetryable: false,
    });
    expect(mock.requests).toHaveLength(2);
  });

  it("does not retry a 500 or a long 503 Retry-After", async () => {
    const { mock, memory } = mockMemory();
    mock.faults.failNext(1, { status: 500 });
    expect(await rejectionOf(memory.get("k"))).toMatchObject({ code: "internal_error" });
    mock.faults.failNext(1, { status: 503, retryAfter: 120 });
    expect(await rejectionOf(memory.get("k"))).toMatchObject({ code: "store_unavailable" });
    expect(mock.requests).toHaveLength(2);
  });

  it("times out slow answers per attempt", async () => {
    const { mock, memory } = mockMemory({ client: { timeoutMs: 30, retry: false } });
    mock.faults.latency(500);
    const started = Date.now();
    const error = await rejectionOf(memory.get("k"));
    expect(BotWireTimeoutError.isInstance(error)).toBe(true);
    expect(BotWireError.isInstance(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(400);
    expect((error as Error).message).toContain("timeoutMs");
  });

  it("treats only not_found as absence: a 404 from the wrong URL is an error", async () => {
    const { mock } = mockMemory();
    const memory = new Memory("ns", { url: `${mock.url}/api`, fetch: mock.fetch, retry: false });
    for (const call of [
      memory.get("k"),
      memory.delete("k"),
      memory.has("k"),
      memory.getList("k"),
    ]) {
      const error = await rejectionOf(call);
      expect(BotWireNotFoundError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ code: "route_not_found" });
      expect((error as Error).message).toContain("BOTWIRE_URL");
    }
  });

  it("keeps a non-protocol error body and status, and refuses a non-JSON success", async () => {
    const answer = { status: 502, body: "<html>Bad Gateway</html>" };
    const memory = new Memory("x", {
      url: "http://proxy",
      retry: false,
      fetch: async () => new Response(answer.body, { status: answer.status }),
    });
    expect(await rejectionOf(memory.get("k"))).toMatchObject({
      statusCode: 502,
      code: "http_502",
      responseBody: "<html>Bad Gateway</html>",
    });
    Object.assign(answer, { status: 200, body: "<html>Welcome to nginx</html>" });
    const wrongServer = await rejectionOf(memory.get("k"));
    expect(BotWireApiError.isInstance(wrongServer)).toBe(true);
    expect(wrongServer).toMatchObject({ statusCode: 200, code: "invalid_response" });
  });
});
