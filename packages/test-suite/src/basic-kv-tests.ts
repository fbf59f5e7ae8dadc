import { type ContractTarget, freshMemory, type TestApi } from "./contract-target.js";

/** get / set / delete / has / getEntry on plain values. */
export function basicKvTests(test: TestApi, target: ContractTarget): void {
  const { describe, it, expect } = test;

  describe("basic key-value", () => {
    it("returns undefined for a key never written", async () => {
      const memory = await freshMemory(target);
      expect(await memory.get("missing")).toBeUndefined();
      expect(await memory.getEntry("missing")).toBeUndefined();
      expect(await memory.has("missing")).toBe(false);
    });

    it("stores a value and reads it back", async () => {
      const memory = await freshMemory(target);
      const written = await memory.set("user:42", { name: "Ada", turns: 3 });
      expect(written.created).toBe(true);
      expect(written.version).toBeGreaterThan(0);
      expect(await memory.get("user:42")).toEqual({ name: "Ada", turns: 3 });
      expect(await memory.has("user:42")).toBe(true);
    });

    it("overwrites a value and reports it was not created", async () => {
      const memory = await freshMemory(target);
      await memory.set("k", "first");
      const second = await memory.set("k", "second");
      expect(second.created).toBe(false);
      expect(await memory.get("k")).toBe("second");
    });

    it("returns the entry's metadata", async () => {
      const memory = await freshMemory(target);
      const written = await memory.set("meta", [1, 2, 3]);
      const entry = await memory.getEntry("meta");
      expect(entry).toMatchObject({ key: "meta", value: [1, 2, 3], version: written.version });
      expect(entry?.expiresAt).toBeNull();
      expect(entry?.createdAt).toBe(written.createdAt);
      expect(entry?.updatedAt).toBeGreaterThanOrEqual(entry?.createdAt ?? Number.NaN);
    });

    it("keeps createdAt and moves updatedAt on overwrite", async () => {
      const memory = await freshMemory(target);
      const first = await memory.set("k", 1);
      const second = await memory.set("k", 2);
      expect(second.createdAt).toBe(first.createdAt);
      expect(second.updatedAt).toBeGreaterThanOrEqual(first.updatedAt);
    });

    it("deletes a key and reports whether it existed", async () => {
      const memory = await freshMemory(target);
      await memory.set("gone", true);
      expect(await memory.delete("gone")).toBe(true);
      expect(await memory.get("gone")).toBeUndefined();
      expect(await memory.delete("gone")).toBe(false);
    });

    it("keeps namespaces apart", async () => {
      const a = await freshMemory(target);
      const b = await freshMemory(target);
      await a.set("shared-name", "from a");
      expect(await b.get("shared-name")).toBeUndefined();
      await b.set("shared-name", "from b");
      expect(await a.get("shared-name")).toBe("from a");
    });

    it("sees the writes of another client on the same namespace", async () => {
      const writer = await freshMemory(target);
      const reader = await target.memory(writer.namespace);
      await writer.set("handoff", { step: 2 });
      expect(await reader.get("handoff")).toEqual({ step: 2 });
    });
  });
}
