import { describe, expect, it } from "vitest";
import {
  BotWireConflictError,
  BotWireValidationError,
  BotWireWrongKindError,
} from "../../src/index.js";
import { calls, mockMemory, rejectionOf } from "./mock-memory.js";

const values = (items: { value: unknown }[]) => items.map((item) => item.value);

describe("Memory: lists", () => {
  it("append() numbers items in order, one call per append, and trims with maxLength", async () => {
    const { mock, memory } = mockMemory();
    expect(await memory.append("chat", ["a", "b"])).toEqual({
      length: 2,
      firstSeq: 1,
      lastSeq: 2,
      version: expect.any(Number),
    });
    expect(await memory.append("chat", ["c", "d", "e"], { maxLength: 3 })).toMatchObject({
      length: 3,
      firstSeq: 3,
      lastSeq: 5,
    });
    expect(await memory.range("chat")).toEqual([
      { seq: 3, value: "c" },
      { seq: 4, value: "d" },
      { seq: 5, value: "e" },
    ]);
    expect(calls(mock).filter((c) => c.startsWith("POST"))).toHaveLength(2);
  });

  it("append([]) is refused before sending", async () => {
    const { mock, memory } = mockMemory();
    const error = await rejectionOf(memory.append("chat", []));
    expect(BotWireValidationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 0, code: "invalid_request" });
    expect(mock.requests).toHaveLength(0);
  });

  it("append's ttl slides the list's expiry; without ttl the expiry stays", async () => {
    let now = 0;
    const { memory } = mockMemory({ server: { now: () => now } });
    await memory.append("chat", [1], { ttl: 10 });
    now = 8_000;
    await memory.append("chat", [2], { ttl: 10 }); // now expires at 18 000
    now = 12_000;
    await memory.append("chat", [3]); // keeps 18 000
    expect(values(await memory.range("chat"))).toEqual([1, 2, 3]);
    now = 18_000;
    expect(await memory.range("chat")).toEqual([]);
    expect(await memory.getList("chat")).toBeUndefined();
  });

  it("range() reads the newest n, or a page after a seq, in one call each", async () => {
    const { mock, memory } = mockMemory();
    await memory.append("log", [1, 2, 3, 4, 5, 6]);
    mock.requests.length = 0;
    expect(values(await memory.range("log", { last: 2 }))).toEqual([5, 6]);
    expect(values(await memory.range("log", { after: 2, limit: 3 }))).toEqual([3, 4, 5]);
    expect(values(await memory.range("log", { limit: 2 }))).toEqual([1, 2]);
    expect(calls(mock)).toEqual([
      "GET /v1/namespaces/test/lists/log?last=2",
      "GET /v1/namespaces/test/lists/log?after=2&limit=3",
      "GET /v1/namespaces/test/lists/log?limit=2",
    ]);
    expect(await memory.range("absent", { last: 5 })).toEqual([]);
  });

  it("range() without a window reads the whole list, paging past the server's page size", async () => {
    const { mock, memory } = mockMemory({ server: { limits: { maxRangeItems: 3 } } });
    await memory.append("log", [1, 2, 3, 4, 5, 6, 7]);
    mock.requests.length = 0;
    expect(values(await memory.range("log"))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(calls(mock)).toEqual([
      "GET /v1/namespaces/test/lists/log",
      "GET /v1/namespaces/test/lists/log?after=3",
      "GET /v1/namespaces/test/lists/log?after=6",
    ]);
    expect(values(await memory.range("log", { last: undefined }))).toHaveLength(7);
    mock.requests.length = 0;
    expect(values(await memory.range("log", { after: 4 }))).toEqual([5, 6, 7]);
    await memory.append("short", [1, 2]);
    mock.requests.length = 0;
    expect(values(await memory.range("short"))).toEqual([1, 2]);
    expect(mock.requests).toHaveLength(1);
  });

  it("range() pages past the server's byte cap: the whole list, and every window whole", async () => {
    // Items of 12 bytes ("xxxxxxxxxx" with its quotes): 3 fit in a 40-byte page.
    const { mock, memory } = mockMemory({ server: { limits: { maxReadBytes: 40 } } });
    const item = (i: number) => `${i}`.padStart(10, "x");
    await memory.append(
      "log",
      Array.from({ length: 8 }, (_, i) => item(i + 1)),
    );
    mock.requests.length = 0;
    expect(values(await memory.range("log"))).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map(item));
    expect(calls(mock)).toEqual([
      "GET /v1/namespaces/test/lists/log",
      "GET /v1/namespaces/test/lists/log?after=3",
      "GET /v1/namespaces/test/lists/log?after=6",
    ]);
    expect(values(await memory.range("log", { last: 5 }))).toEqual([4, 5, 6, 7, 8].map(item));
    mock.requests.length = 0;
    expect(values(await memory.range("log", { after: 1, limit: 4 }))).toEqual(
      [2, 3, 4, 5].map(item),
    );
    expect(calls(mock)).toEqual([
      "GET /v1/namespaces/test/lists/log?after=1&limit=4",
      "GET /v1/namespaces/test/lists/log?after=4&limit=1",
    ]);
    const page = await memory.getList("log", { last: 8 });
    expect([page?.items.length, page?.nextAfter]).toEqual([3, 3]);
    // One item larger than the cap still reads: the first item of a page always fits.
    await memory.append("big", ["y".repeat(100), "z"]);
    expect(values(await memory.range("big"))).toEqual(["y".repeat(100), "z"]);
  });

  it("getList() gives one page with the list's length and version; undefined when absent", async () => {
    const { memory } = mockMemory();
    const { version } = await memory.append("log", ["a", "b", "c"]);
    expect(await memory.getList("log", { last: 1 })).toEqual({
      items: [{ seq: 3, value: "c" }],
      length: 3,
      version,
      nextAfter: null,
    });
    expect(await memory.getList("log", { after: 0, limit: 2 })).toMatchObject({ nextAfter: 2 });
    expect(await memory.getList("absent")).toBeUndefined();
  });

  it("replaceList() swaps the items, numbering after the highest seq ever, and can empty a list", async () => {
    const { memory } = mockMemory();
    await memory.append("l", ["a", "b"]);
    const replaced = await memory.replaceList("l", ["x"]);
    expect(replaced).toEqual({ length: 1, version: expect.any(Number) });
    expect(await memory.range("l")).toEqual([{ seq: 3, value: "x" }]);
    await memory.replaceList("l", []);
    expect(await memory.getList("l")).toMatchObject({ items: [], length: 0 });
    expect(await memory.has("l")).toBe(true);
    expect((await memory.append("l", ["y"])).firstSeq).toBe(4);
  });

  it("replaceList() honours ifVersion and ifAbsent", async () => {
    const { memory } = mockMemory();
    const { version } = await memory.replaceList("l", [1], { ifAbsent: true });
    expect(
      BotWireConflictError.isInstance(
        await rejectionOf(memory.replaceList("l", [2], { ifAbsent: true })),
      ),
    ).toBe(true);
    const stale = await rejectionOf(memory.replaceList("l", [2], { ifVersion: version + 1 }));
    expect(stale).toMatchObject({ code: "version_mismatch", currentVersion: version });
    await memory.replaceList("l", [3], { ifVersion: version });
    expect(values(await memory.range("l"))).toEqual([3]);
  });

  it("deleteList() deletes a list, false when absent; list calls on a value are wrong_kind", async () => {
    const { memory } = mockMemory();
    await memory.append("l", [1]);
    expect(await memory.deleteList("l")).toBe(true);
    expect(await memory.deleteList("l")).toBe(false);
    await memory.set("v", 1);
    // Each rejection is caught as soon as the call starts: over real HTTP a later call may fail
    // before an earlier one is awaited, which would be an unhandled rejection.
    const errors = await Promise.all(
      [
        memory.append("v", [1]),
        memory.range("v"),
        memory.getList("v"),
        memory.replaceList("v", []),
        memory.deleteList("v"),
      ].map(rejectionOf),
    );
    for (const error of errors) expect(BotWireWrongKindError.isInstance(error)).toBe(true);
    expect(await memory.get("v")).toBe(1);
  });
});
