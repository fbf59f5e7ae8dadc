import { describe, expect, it } from "vitest";
import {
  BotWireAuthError,
  BotWireConflictError,
  BotWireError,
  BotWireNotFoundError,
  BotWireQuotaError,
  BotWireUnavailableError,
  BotWireValidationError,
  BotWireWrongKindError,
  Memory,
} from "../../src/index.js";
import { createMockServer } from "../../src/testing/index.js";

describe("errors from real responses of the mock server", () => {
  it("each status and code arrives as its class, with the server's message", async () => {
    const mock = createMockServer({ limits: { maxKeyBytes: 8, maxValueBytes: 16 } });
    const memory = new Memory("e", { url: mock.url, fetch: mock.fetch, retry: false });
    const { version } = await memory.set("v", 1);
    await memory.append("l", [1]);
    const { faults } = mock;
    const cases: [() => unknown, () => Promise<unknown>, (e: unknown) => boolean, object][] = [
      [
        () => {},
        () => memory.set("nine-byte", 1),
        BotWireValidationError.isInstance,
        { code: "invalid_key" },
      ],
      [
        () => {},
        () => memory.set("v", "x".repeat(20)),
        BotWireValidationError.isInstance,
        { statusCode: 413 },
      ],
      [() => {}, () => memory.get("l"), BotWireWrongKindError.isInstance, { statusCode: 409 }],
      [
        () => {},
        () => memory.set("v", 2, { ifVersion: version + 1 }),
        BotWireConflictError.isInstance,
        { statusCode: 412, currentVersion: version },
      ],
      [
        () => faults.failNext(1, { status: 401 }),
        () => memory.get("v"),
        BotWireAuthError.isInstance,
        { code: "unauthorized" },
      ],
      [
        () => faults.failNext(1, { status: 403 }),
        () => memory.set("v", 1),
        BotWireAuthError.isInstance,
        { code: "forbidden" },
      ],
      [
        () => faults.rateLimitNext(1, 9),
        () => memory.set("v", 1),
        BotWireQuotaError.isInstance,
        { retryAfter: 9 },
      ],
      [
        () => faults.failNext(1, { status: 503 }),
        () => memory.get("v"),
        BotWireUnavailableError.isInstance,
        { code: "store_unavailable" },
      ],
    ];
    for (const [arm, call, is, fields] of cases) {
      arm();
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(is(error), String(error)).toBe(true);
      expect(BotWireError.isInstance(error)).toBe(true);
      expect(error).toMatchObject(fields);
      expect((error as { responseBody: string }).responseBody).toContain('"error"');
    }
    const wrongRoute = new Memory("e", { url: `${mock.url}/v2`, fetch: mock.fetch, retry: false });
    const notFound = await wrongRoute.get("k").catch((e: unknown) => e);
    expect(BotWireNotFoundError.isInstance(notFound)).toBe(true);
    expect(await memory.get("v")).toBe(1);
  });
});
