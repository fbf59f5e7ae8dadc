import { type ContractTarget, freshMemory, passTime, type TestApi } from "./contract-target.js";

/** Time-to-live: expired data is absent everywhere, at once. */
export function ttlTests(test: TestApi, target: ContractTarget): void {
  const { describe, it, expect } = test;
  // With a movable clock the TTLs are long and time jumps; without one, real time passes.
  const ttl = target.advanceTime ? 60 : 0.3;
  const past = ttl * 1000 + (target.advanceTime ? 1 : 150);

  describe("TTL", () => {
    it("reports when a value expires", async () => {
      const memory = await freshMemory(target);
      const written = await memory.set("t", 1, { ttl });
      expect(written.expiresAt).toBeGreaterThanOrEqual(written.updatedAt + ttl * 1000);
      expect((await memory.getEntry("t"))?.expiresAt).toBe(written.expiresAt);
    });

    it("makes an expired value absent to every read", async () => {
      const memory = await freshMemory(target);
      await memory.set("t", "short", { ttl });
      await memory.set("keep", "forever");
      await passTime(target, past);
      expect(await memory.get("t")).toBeUndefined();
      expect(await memory.has("t")).toBe(false);
      expect(await memory.getMany(["t", "keep"])).toEqual([undefined, "forever"]);
      expect(await memory.list()).toEqual(["keep"]);
      expect(await memory.delete("t")).toBe(false);
    });

    it("treats a write over an expired key as a create", async () => {
      const memory = await freshMemory(target);
      await memory.set("t", 1, { ttl });
      await passTime(target, past);
      expect(await memory.set("t", 2, { ifAbsent: true })).toMatchObject({ created: true });
      expect(await memory.get("t")).toBe(2);
    });

    it("keeps a value without ttl, and a write without ttl clears an earlier one", async () => {
      const memory = await freshMemory(target);
      await memory.set("t", 1, { ttl });
      const rewritten = await memory.set("t", 2);
      expect(rewritten.expiresAt).toBeNull();
      await passTime(target, past);
      expect(await memory.get("t")).toBe(2);
    });

    it("expires a list, and an append after expiry starts a new list", async () => {
      const memory = await freshMemory(target);
      await memory.append("chat", ["old"], { ttl });
      await passTime(target, past);
      expect(await memory.range("chat")).toEqual([]);
      await memory.append("chat", ["new"]);
      expect((await memory.range("chat")).map((item) => item.value)).toEqual(["new"]);
    });

    it("refreshes a list's expiry when an append passes ttl", async () => {
      const memory = await freshMemory(target);
      await memory.append("chat", ["a"], { ttl });
      await passTime(target, past / 2);
      await memory.append("chat", ["b"], { ttl });
      await passTime(target, past / 2 + 1);
      expect((await memory.range("chat")).map((item) => item.value)).toEqual(["a", "b"]);
    });
  });
}
