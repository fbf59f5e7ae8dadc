import { BotWireConflictError, BotWireWrongKindError } from "@botwire/core";
import { type ContractTarget, freshMemory, rejectionOf, type TestApi } from "./contract-target.js";

/** getMany / setMany / deleteMany and the raw batch: atomic, in order. */
export function batchTests(test: TestApi, target: ContractTarget): void {
  const { describe, it, expect } = test;

  describe("batch", () => {
    it("reads many keys in order, absent ones as undefined", async () => {
      const memory = await freshMemory(target);
      await memory.set("a", 1);
      await memory.set("c", 3);
      expect(await memory.getMany(["a", "b", "c", "a"])).toEqual([1, undefined, 3, 1]);
    });

    it("writes many keys and deletes many keys", async () => {
      const memory = await freshMemory(target);
      const written = await memory.setMany([
        { key: "a", value: "A" },
        { key: "b", value: { n: 2 } },
      ]);
      expect(written.map((w) => w.created)).toEqual([true, true]);
      expect(await memory.getMany(["a", "b"])).toEqual(["A", { n: 2 }]);
      expect(await memory.deleteMany(["a", "missing", "b"])).toEqual([true, false, true]);
      expect(await memory.list()).toEqual([]);
    });

    it("commits no write when one precondition fails", async () => {
      const memory = await freshMemory(target);
      await memory.set("existing", "original");
      const error = await rejectionOf(
        memory.setMany([
          { key: "new-1", value: 1 },
          { key: "existing", value: "changed", ifVersion: 0 },
          { key: "new-2", value: 2 },
        ]),
      );
      expect(BotWireConflictError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ statusCode: 412, details: { index: 1 } });
      expect(await memory.getMany(["new-1", "existing", "new-2"])).toEqual([
        undefined,
        "original",
        undefined,
      ]);
    });

    it("lets later ops see earlier writes of the same batch", async () => {
      const memory = await freshMemory(target);
      const results = await memory.batch([
        { op: "set", key: "k", value: "v" },
        { op: "get", key: "k" },
        { op: "delete", key: "k" },
        { op: "get", key: "k" },
      ]);
      expect(results[1]).toMatchObject({ op: "get", found: true, value: "v" });
      expect(results[2]).toMatchObject({ op: "delete", deleted: true });
      expect(results[3]).toMatchObject({ op: "get", found: false });
    });

    it("refuses a batch touching a list key, naming the op", async () => {
      const memory = await freshMemory(target);
      await memory.append("history", ["m"]);
      const error = await rejectionOf(
        memory.batch([
          { op: "set", key: "ok", value: 1 },
          { op: "set", key: "history", value: 2 },
        ]),
      );
      expect(BotWireWrongKindError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ details: { index: 1 } });
      expect(await memory.has("ok")).toBe(false);
    });
  });
}
