import { describe, expect, it } from "vitest";
import {
  BotWireConflictError,
  BotWireValidationError,
  BotWireWrongKindError,
} from "../../src/index.js";
import { calls, mockMemory, rejectionOf } from "./mock-memory.js";

describe("Memory: batches", () => {
  it("getMany, setMany and deleteMany make one batch call each", async () => {
    const { mock, memory } = mockMemory();
    const written = await memory.setMany([
      { key: "a", value: 1 },
      { key: "b", value: { two: 2 }, ttl: 60 },
    ]);
    expect(written).toEqual([
      expect.objectContaining({ key: "a", created: true, expiresAt: null }),
      expect.objectContaining({ key: "b", created: true, expiresAt: expect.any(Number) }),
    ]);
    expect(written[0]).not.toHaveProperty("op");
    expect(await memory.getMany(["a", "missing", "b"])).toEqual([1, undefined, { two: 2 }]);
    expect(await memory.deleteMany(["a", "missing"])).toEqual([true, false]);
    expect(calls(mock)).toEqual(Array(3).fill("POST /v1/namespaces/test/batch"));
    expect(await memory.list()).toEqual(["b"]);
  });

  it("reads a batch of gets past the server's read cap in several batches, in order", async () => {
    const { mock, memory } = mockMemory({ server: { limits: { maxReadBytes: 2500 } } });
    const keys = Array.from({ length: 7 }, (_, i) => `k${i}`);
    await memory.setMany(keys.map((key, i) => ({ key, value: `${i}`.repeat(1000) })));
    mock.requests.length = 0;
    expect(await memory.getMany([...keys, "absent"])).toEqual([
      ...keys.map((_, i) => `${i}`.repeat(1000)),
      undefined,
    ]);
    // 2 values (~1 KB each) fit in 2500 bytes: each refusal names the third, so the client
    // reads the two that fit and asks again for the rest (3 refusals, 4 reads).
    expect(calls(mock)).toEqual(Array(7).fill("POST /v1/namespaces/test/batch"));
    // A batch that writes is one transaction: never split, the refusal reaches the caller.
    const mixed = rejectionOf(
      memory.batch([
        ...keys.map((key) => ({ op: "get" as const, key })),
        { op: "delete", key: "x" },
      ]),
    );
    expect(await mixed).toMatchObject({ code: "limit_exceeded", details: { index: 2 } });
  });

  it("empty calls resolve without a request", async () => {
    const { mock, memory } = mockMemory();
    expect(await memory.getMany([])).toEqual([]);
    expect(await memory.setMany([])).toEqual([]);
    expect(await memory.deleteMany([])).toEqual([]);
    expect(await memory.batch([])).toEqual([]);
    expect(mock.requests).toHaveLength(0);
  });

  it("batch() runs ops in order, gets seeing earlier writes", async () => {
    const { memory } = mockMemory();
    const results = await memory.batch([
      { op: "set", key: "k", value: "v1" },
      { op: "get", key: "k" },
      { op: "delete", key: "k" },
      { op: "get", key: "k" },
      { op: "set", key: "n", value: 1, ifVersion: 0 },
    ]);
    expect(results.map((r) => r.op)).toEqual(["set", "get", "delete", "get", "set"]);
    expect(results[1]).toMatchObject({ found: true, value: "v1", expiresAt: null });
    expect(results[2]).toEqual({ op: "delete", key: "k", deleted: true });
    expect(results[3]).toEqual({ op: "get", key: "k", found: false });
  });

  it("is atomic: a failing op writes nothing and names its index", async () => {
    const { memory } = mockMemory();
    const { version } = await memory.set("guard", 1);
    const conflict = await rejectionOf(
      memory.setMany([
        { key: "new", value: 1 },
        { key: "guard", value: 2, ifVersion: version + 99 },
      ]),
    );
    expect(BotWireConflictError.isInstance(conflict)).toBe(true);
    expect(conflict).toMatchObject({ details: { index: 1 }, currentVersion: version });
    await memory.append("chat", ["x"]);
    const wrongKind = await rejectionOf(memory.deleteMany(["guard", "chat"]));
    expect(BotWireWrongKindError.isInstance(wrongKind)).toBe(true);
    expect(wrongKind).toMatchObject({ details: { index: 1 } });
    expect(await memory.list()).toEqual(["chat", "guard"]);
    expect(await memory.get("guard")).toBe(1);
  });

  it("refuses an invalid key or ttl in any op before sending", async () => {
    const { mock, memory } = mockMemory();
    for (const call of [
      memory.getMany(["ok", ".."]),
      memory.setMany([{ key: "ok", value: 1, ttl: Number.NaN }]),
      memory.deleteMany(["a\u0000b"]),
    ]) {
      expect(BotWireValidationError.isInstance(await rejectionOf(call))).toBe(true);
    }
    expect(mock.requests).toHaveLength(0);
  });

  it("reports the server's refusal of a too large value with its index", async () => {
    const { memory } = mockMemory({ server: { limits: { maxValueBytes: 8 } } });
    const error = await rejectionOf(
      memory.setMany([
        { key: "a", value: "ok" },
        { key: "b", value: "far too long" },
      ]),
    );
    expect(error).toMatchObject({
      statusCode: 413,
      code: "value_too_large",
      details: { index: 1, limit: 8 },
    });
    expect(await memory.list()).toEqual([]);
  });
});
