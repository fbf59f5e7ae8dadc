import { describe, expect, it } from "vitest";
import { calls, mockMemory } from "./mock-memory.js";

describe("Memory: listing keys", () => {
  it("list() returns every key in UTF-8 byte order, following pages", async () => {
    const { memory } = mockMemory();
    // UTF-16 order would put "😀" (a surrogate pair) before "\uffee"; byte order puts it after.
    const keys = ["b", "a/1", "a/2", "\uffee", "😀", "é", "A"];
    for (const key of keys) await memory.set(key, 1);
    expect(await memory.list()).toEqual(["A", "a/1", "a/2", "b", "é", "\uffee", "😀"]);
    expect(await memory.list({ prefix: "a/" })).toEqual(["a/1", "a/2"]);
    expect(await memory.list({ prefix: "zzz" })).toEqual([]);
  });

  it("keys() fetches pages lazily, one request per page of pageSize", async () => {
    const { mock, memory } = mockMemory();
    for (const key of ["k1", "k2", "k3", "k4", "k5"]) await memory.set(key, 1);
    mock.requests.length = 0;
    const seen: string[] = [];
    for await (const key of memory.keys({ pageSize: 2 })) {
      seen.push(key);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual(["k1", "k2", "k3"]);
    expect(mock.requests).toHaveLength(2);
    expect(mock.requests[0]?.path).toBe("/v1/namespaces/test/keys?limit=2");
    expect(mock.requests[1]?.path).toMatch(/^\/v1\/namespaces\/test\/keys\?limit=2&cursor=/);
  });

  it("listPage() gives key details and an opaque cursor, null at the end", async () => {
    let now = 5_000;
    const { memory } = mockMemory({ server: { now: () => now } });
    const { version } = await memory.set("v", "abc", { ttl: 10 });
    now = 6_000;
    await memory.append("l", ["x", 12]);
    const first = await memory.listPage({ limit: 1 });
    expect(first.items).toEqual([
      {
        key: "l",
        kind: "list",
        bytes: 5,
        version: expect.any(Number),
        updatedAt: 6_000,
        expiresAt: null,
      },
    ]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await memory.listPage({ limit: 1, cursor: first.nextCursor ?? undefined });
    expect(second).toEqual({
      items: [{ key: "v", kind: "value", bytes: 5, version, updatedAt: 5_000, expiresAt: 15_000 }],
      nextCursor: null,
    });
  });

  it("never returns a key twice while keys are added and removed between pages", async () => {
    const { memory } = mockMemory();
    for (const key of ["a", "c", "e"]) await memory.set(key, 1);
    const page = await memory.listPage({ limit: 2 });
    await memory.set("b", 1); // before the cursor: not seen, and "c" not repeated
    await memory.delete("e");
    await memory.set("f", 1);
    const rest = await memory.listPage({ cursor: page.nextCursor ?? undefined });
    expect([...page.items, ...rest.items].map((i) => i.key)).toEqual(["a", "c", "f"]);
  });

  it("sends the prefix percent-encoded", async () => {
    const { mock, memory } = mockMemory();
    await memory.list({ prefix: "a&b=c/ü" });
    expect(calls(mock)).toEqual([
      "GET /v1/namespaces/test/keys?prefix=a%26b%3Dc%2F%C3%BC&limit=1000",
    ]);
  });
});
