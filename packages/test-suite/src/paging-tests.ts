import { type ContractTarget, freshMemory, type TestApi } from "./contract-target.js";

const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** Key listing: order, prefixes, cursors, and stability under concurrent writes. */
export function pagingTests(test: TestApi, target: ContractTarget): void {
  const { describe, it, expect } = test;

  describe("key listing and paging", () => {
    it("lists every key in byte order across pages", async () => {
      const memory = await freshMemory(target);
      const keys = Array.from({ length: 250 }, (_, i) => `key-${String(i).padStart(3, "0")}`);
      keys.push("Zebra", "apple", "ñandú", "😀 emoji", "\uffee fullwidth");
      await memory.setMany(keys.map((key) => ({ key, value: key })));
      expect(await memory.list()).toEqual([...keys].sort(byteOrder));
    });

    it("filters by prefix, treating % and _ literally", async () => {
      const memory = await freshMemory(target);
      await memory.setMany(
        ["user:1", "user:2", "user_3", "users", "user%", "usa", "admin"].map((key) => ({
          key,
          value: 0,
        })),
      );
      expect(await memory.list({ prefix: "user:" })).toEqual(["user:1", "user:2"]);
      expect(await memory.list({ prefix: "user_" })).toEqual(["user_3"]);
      expect(await memory.list({ prefix: "user%" })).toEqual(["user%"]);
      expect(await memory.list({ prefix: "nobody" })).toEqual([]);
    });

    it("pages with cursors and ends with a null cursor", async () => {
      const memory = await freshMemory(target);
      await memory.setMany(["a", "b", "c", "d", "e"].map((key) => ({ key, value: 1 })));
      const first = await memory.listPage({ limit: 2 });
      expect(first.items.map((item) => item.key)).toEqual(["a", "b"]);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await memory.listPage({ limit: 2, cursor: first.nextCursor ?? undefined });
      expect(second.items.map((item) => item.key)).toEqual(["c", "d"]);
      const last = await memory.listPage({ limit: 2, cursor: second.nextCursor ?? undefined });
      expect(last.items.map((item) => item.key)).toEqual(["e"]);
      expect(last.nextCursor).toBeNull();
    });

    it("describes each key's kind, size and version", async () => {
      const memory = await freshMemory(target);
      const value = await memory.set("v", "abc");
      await memory.append("l", ["x", "y"]);
      const page = await memory.listPage();
      expect(page.items).toEqual([
        expect.objectContaining({ key: "l", kind: "list", bytes: 6 }),
        expect.objectContaining({ key: "v", kind: "value", bytes: 5, version: value.version }),
      ]);
    });

    it("iterates keys lazily and never yields a key twice while keys are written", async () => {
      const memory = await freshMemory(target);
      await memory.setMany(
        Array.from({ length: 60 }, (_, i) => ({ key: `k${100 + i}`, value: i })),
      );
      const seen: string[] = [];
      let inserted = 0;
      for await (const key of memory.keys({ pageSize: 7 })) {
        seen.push(key);
        // Writes on both sides of the cursor while paging: existing keys must appear once.
        if (inserted < 20) await memory.set(`k${inserted++ % 2 === 0 ? "0" : "9"}${inserted}`, 0);
      }
      expect(new Set(seen).size).toBe(seen.length);
      for (let i = 0; i < 60; i++) expect(seen).toContain(`k${100 + i}`);
    });
  });
}
