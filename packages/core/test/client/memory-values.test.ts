import { describe, expect, it } from "vitest";
import { BotWireConflictError, BotWireWrongKindError } from "../../src/index.js";
import { calls, mockMemory, rejectionOf } from "./mock-memory.js";

describe("Memory: values", () => {
  it("set then get and getEntry, with created, versions and times", async () => {
    let now = 1_000;
    const { memory } = mockMemory({ server: { now: () => now } });
    const first = await memory.set("user", { name: "Ada" });
    expect(first).toMatchObject({ key: "user", created: true, createdAt: 1_000, expiresAt: null });
    now = 2_000;
    const second = await memory.set("user", { name: "Ada", plan: "pro" }, { ttl: 1.5 });
    expect(second).toMatchObject({ created: false, createdAt: 1_000, updatedAt: 2_000 });
    expect(second.expiresAt).toBe(3_500);
    expect(second.version).not.toBe(first.version);
    expect(await memory.get("user")).toEqual({ name: "Ada", plan: "pro" });
    expect(await memory.getEntry("user")).toEqual({
      key: "user",
      value: { name: "Ada", plan: "pro" },
      version: second.version,
      createdAt: 1_000,
      updatedAt: 2_000,
      expiresAt: 3_500,
    });
    now = 3_500;
    expect(await memory.get("user")).toBeUndefined();
  });

  it("stores every kind of JSON value, null included, and undefined means absent", async () => {
    const { memory } = mockMemory();
    for (const value of [null, 0, false, "", [], {}, [1, "two", { three: [null] }], "é😀"]) {
      await memory.set("v", value);
      expect(await memory.get("v")).toEqual(value);
    }
    expect(await memory.get("never-set")).toBeUndefined();
    expect(await memory.getEntry("never-set")).toBeUndefined();
  });

  it("writes conditionally with ifVersion and ifAbsent", async () => {
    const { memory } = mockMemory();
    const created = await memory.set("doc", 1, { ifAbsent: true });
    const again = await rejectionOf(memory.set("doc", 2, { ifAbsent: true }));
    expect(BotWireConflictError.isInstance(again)).toBe(true);
    expect(again).toMatchObject({ statusCode: 412, currentVersion: created.version });
    const updated = await memory.set("doc", 3, { ifVersion: created.version });
    const stale = await rejectionOf(memory.set("doc", 4, { ifVersion: created.version }));
    expect(stale).toMatchObject({ code: "version_mismatch", currentVersion: updated.version });
    expect(await memory.get("doc")).toBe(3);
  });

  it("delete: either kind, false when absent, conditional on ifVersion", async () => {
    const { memory } = mockMemory();
    const { version } = await memory.set("v", 1);
    await memory.append("l", ["x"]);
    expect(await memory.delete("v", { ifVersion: version + 1000 }).catch((e) => e.code)).toBe(
      "version_mismatch",
    );
    expect(await memory.delete("v", { ifVersion: version })).toBe(true);
    expect(await memory.delete("l")).toBe(true);
    expect(await memory.delete("v")).toBe(false);
    expect(await memory.list()).toEqual([]);
  });

  it("has() is true for a value and a list, false for absent or expired keys", async () => {
    let now = 0;
    const { memory } = mockMemory({ server: { now: () => now } });
    await memory.set("v", null, { ttl: 1 });
    await memory.append("l", [1]);
    expect([await memory.has("v"), await memory.has("l"), await memory.has("x")]).toEqual([
      true,
      true,
      false,
    ]);
    now = 1_000;
    expect(await memory.has("v")).toBe(false);
  });

  it("refuses to read or overwrite a list as a value", async () => {
    const { memory } = mockMemory();
    await memory.append("chat", ["hi"]);
    for (const call of [memory.get("chat"), memory.getEntry("chat"), memory.set("chat", 1)]) {
      const error = await rejectionOf(call);
      expect(BotWireWrongKindError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ statusCode: 409, code: "wrong_kind" });
    }
  });

  it("clear() deletes every key of its namespace only, in one call", async () => {
    const { mock, memory, connect } = mockMemory();
    const other = connect("other");
    await memory.set("a", 1);
    await memory.append("b", [1]);
    await other.set("a", "kept");
    mock.requests.length = 0;
    await memory.clear();
    expect(calls(mock)).toEqual(["DELETE /v1/namespaces/test"]);
    expect(await memory.list()).toEqual([]);
    expect(await other.get("a")).toBe("kept");
    await memory.clear(); // already empty: still fine
  });
});
