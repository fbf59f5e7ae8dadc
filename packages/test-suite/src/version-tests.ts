import { BotWireConflictError } from "@botwire/core";
import { type ContractTarget, freshMemory, rejectionOf, type TestApi } from "./contract-target.js";

/** Versions and conditional writes (optimistic concurrency). */
export function versionTests(test: TestApi, target: ContractTarget): void {
  const { describe, it, expect } = test;

  describe("versions and conditional writes", () => {
    it("gives every write a higher version", async () => {
      const memory = await freshMemory(target);
      const a = await memory.set("k", 1);
      const b = await memory.set("k", 2);
      const c = await memory.set("k", 3);
      expect(b.version).toBeGreaterThan(a.version);
      expect(c.version).toBeGreaterThan(b.version);
    });

    it("never reuses a version after delete and re-create", async () => {
      const memory = await freshMemory(target);
      const before = await memory.set("k", "old");
      await memory.delete("k");
      const after = await memory.set("k", "new");
      expect(after.version).not.toBe(before.version);
      const stale = await rejectionOf(
        memory.set("k", "lost update", { ifVersion: before.version }),
      );
      expect(BotWireConflictError.isInstance(stale)).toBe(true);
      expect(await memory.get("k")).toBe("new");
    });

    it("writes when ifVersion matches and refuses when it does not", async () => {
      const memory = await freshMemory(target);
      const first = await memory.set("k", "v1");
      const second = await memory.set("k", "v2", { ifVersion: first.version });
      const error = await rejectionOf(memory.set("k", "v3", { ifVersion: first.version }));
      expect(BotWireConflictError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({
        code: "version_mismatch",
        statusCode: 412,
        currentVersion: second.version,
      });
      expect(await memory.get("k")).toBe("v2");
    });

    it("refuses ifVersion on an absent key with currentVersion null", async () => {
      const memory = await freshMemory(target);
      const error = await rejectionOf(memory.set("k", 1, { ifVersion: 7 }));
      expect(error).toMatchObject({ code: "version_mismatch", currentVersion: null });
      expect(await memory.has("k")).toBe(false);
    });

    it("creates with ifAbsent only once", async () => {
      const memory = await freshMemory(target);
      await memory.set("lock", "owner-1", { ifAbsent: true });
      const error = await rejectionOf(memory.set("lock", "owner-2", { ifAbsent: true }));
      expect(BotWireConflictError.isInstance(error)).toBe(true);
      expect(await memory.get("lock")).toBe("owner-1");
    });

    it("deletes only the expected version", async () => {
      const memory = await freshMemory(target);
      const first = await memory.set("k", 1);
      await memory.set("k", 2);
      const error = await rejectionOf(memory.delete("k", { ifVersion: first.version }));
      expect(BotWireConflictError.isInstance(error)).toBe(true);
      expect(await memory.get("k")).toBe(2);
    });

    it("update() applies every concurrent change exactly once", async () => {
      const memory = await freshMemory(target);
      const clients = await Promise.all(
        Array.from({ length: 10 }, () => target.memory(memory.namespace)),
      );
      await Promise.all(
        clients.map((client) =>
          client.update<number>("counter", (n) => (n ?? 0) + 1, { maxAttempts: 50 }),
        ),
      );
      expect(await memory.get("counter")).toBe(10);
    });
  });
}
