import { type ContractTarget, freshMemory, type TestApi } from "./contract-target.js";

/** Clearing a namespace removes every key of it and nothing else. */
export function clearTests(test: TestApi, target: ContractTarget): void {
  const { describe, it, expect } = test;

  describe("clear", () => {
    it("removes values and lists of the namespace only", async () => {
      const memory = await freshMemory(target);
      const other = await freshMemory(target);
      await memory.setMany([
        { key: "a", value: 1 },
        { key: "b", value: 2 },
      ]);
      await memory.append("chat", ["m"]);
      await other.set("a", "untouched");
      await memory.clear();
      expect(await memory.list()).toEqual([]);
      expect(await memory.range("chat")).toEqual([]);
      expect(await other.get("a")).toBe("untouched");
    });

    it("succeeds on an empty namespace", async () => {
      const memory = await freshMemory(target);
      await memory.clear();
      expect(await memory.list()).toEqual([]);
    });
  });
}
