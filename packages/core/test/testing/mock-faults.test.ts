import { describe, expect, it } from "vitest";
import { createMockServer } from "../../src/testing/index.js";

const base = "http://botwire.mock/v1/namespaces/f/keys";
const put = (key: string, value: unknown, signal?: AbortSignal) =>
  new Request(`${base}/${key}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ value }),
    signal,
  });
const get = (key: string) => new Request(`${base}/${key}`);
/** A response body: an error's, or a value's. */
const json = async (response: Response) =>
  (await response.json()) as { error: { code: string; message: string }; value: unknown };

describe("mock server faults", () => {
  it("failNext answers the protocol's code for the status, unapplied", async () => {
    const mock = createMockServer();
    const expected: [number, string][] = [
      [400, "invalid_request"],
      [401, "unauthorized"],
      [403, "forbidden"],
      [404, "not_found"],
      [500, "internal_error"],
      [503, "store_unavailable"],
    ];
    for (const [status] of expected) mock.faults.failNext(1, { status });
    mock.faults.failNext(1, { status: 409, code: "custom_code", retryAfter: 7 });
    for (const [status, code] of expected) {
      const response = await mock.handle(put("k", 1));
      expect(response.status).toBe(status);
      expect((await json(response)).error).toMatchObject({ code, message: expect.any(String) });
    }
    const custom = await mock.handle(put("k", 1));
    expect(custom.headers.get("retry-after")).toBe("7");
    expect((await json(custom)).error.code).toBe("custom_code");
    expect((await mock.handle(get("k"))).status).toBe(404);
  });

  it("failNext with a status the protocol has no code for answers plain text, like a proxy", async () => {
    const mock = createMockServer();
    mock.faults.failNext(2, { status: 502 });
    const response = await mock.handle(get("k"));
    expect(response.status).toBe(502);
    expect(response.headers.get("content-type")).toBe("text/plain");
    expect(await response.text()).toContain("502");
    expect((await mock.handle(get("k"))).status).toBe(502);
    expect((await mock.handle(get("k"))).status).toBe(404);
  });

  it("rateLimitNext answers 429 quota_exceeded with Retry-After and RateLimit headers", async () => {
    const mock = createMockServer();
    mock.faults.rateLimitNext(1, 30);
    const response = await mock.handle(put("k", 1));
    expect(response.status).toBe(429);
    expect((await json(response)).error.code).toBe("quota_exceeded");
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "retry-after": "30",
      "ratelimit-limit": expect.any(String),
      "ratelimit-remaining": "0",
      "ratelimit-reset": "30",
    });
  });

  it("networkErrorNext rejects like a refused connection, without applying the request", async () => {
    const mock = createMockServer();
    mock.faults.networkErrorNext(1);
    await expect(mock.fetch(put("k", 1))).rejects.toBeInstanceOf(TypeError);
    expect((await mock.fetch(get("k"))).status).toBe(404);
  });

  it("dropNext applies the request, then rejects as if the connection dropped", async () => {
    const mock = createMockServer();
    mock.faults.dropNext(1);
    await expect(mock.fetch(put("k", "applied"))).rejects.toThrow(TypeError);
    const response = await mock.fetch(get("k"));
    expect((await json(response)).value).toBe("applied");
  });

  it("latency delays every answer, and the request's AbortSignal cuts the wait short", async () => {
    const mock = createMockServer();
    mock.faults.latency(60);
    let started = Date.now();
    await mock.fetch(put("k", 1));
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    mock.faults.latency(5_000);
    started = Date.now();
    const aborted = mock.fetch(put("k", 2, AbortSignal.timeout(20)));
    await expect(aborted).rejects.toMatchObject({ name: "TimeoutError" });
    expect(Date.now() - started).toBeLessThan(1_000);
    mock.faults.latency(0);
    expect((await json(await mock.fetch(get("k")))).value).toBe(1); // the aborted PUT never ran
  });

  it("consumes faults in the order armed, one per request; clear() disarms them", async () => {
    const mock = createMockServer();
    mock.faults.failNext(1, { status: 500 });
    mock.faults.networkErrorNext(1);
    mock.faults.failNext(1, { status: 503 });
    expect((await mock.handle(get("k"))).status).toBe(500);
    await expect(mock.handle(get("k"))).rejects.toThrow(TypeError);
    mock.faults.latency(1_000);
    mock.faults.clear();
    const started = Date.now();
    expect((await mock.handle(get("k"))).status).toBe(404);
    expect(Date.now() - started).toBeLessThan(500);
    expect(mock.requests).toHaveLength(3);
  });
});
