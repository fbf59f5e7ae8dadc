import { BotWireWrongKindError } from "@botwire/core";
import { type ContractTarget, freshMemory, rejectionOf, type TestApi } from "./contract-target.js";

const values = (items: { value: unknown }[]) => items.map((item) => item.value);

/** Lists (chat histories): ordered atomic appends, windows, trims and replaces. */
export function listTests(test: TestApi, target: ContractTarget): void {
  const { describe, it, expect } = test;

  describe("lists", () => {
    it("appends in order and reports the new seqs", async () => {
      const memory = await freshMemory(target);
      const first = await memory.append("chat", [{ role: "user", content: "hi" }]);
      expect(first).toMatchObject({ length: 1, firstSeq: 1, lastSeq: 1 });
      const second = await memory.append("chat", ["b", "c"]);
      expect(second).toMatchObject({ length: 3, firstSeq: 2, lastSeq: 3 });
      expect(second.version).toBeGreaterThan(first.version);
      const items = await memory.range("chat");
      expect(items.map((item) => item.seq)).toEqual([1, 2, 3]);
      expect(values(items)).toEqual([{ role: "user", content: "hi" }, "b", "c"]);
    });

    it("reads the newest N items, oldest first", async () => {
      const memory = await freshMemory(target);
      await memory.append("log", [1, 2, 3, 4, 5]);
      expect(values(await memory.range("log", { last: 2 }))).toEqual([4, 5]);
      expect(values(await memory.range("log", { last: 50 }))).toEqual([1, 2, 3, 4, 5]);
    });

    it("pages with after and limit", async () => {
      const memory = await freshMemory(target);
      await memory.append("log", ["a", "b", "c", "d"]);
      expect(await memory.range("log", { after: 1, limit: 2 })).toEqual([
        { seq: 2, value: "b" },
        { seq: 3, value: "c" },
      ]);
      const page = await memory.getList("log", { after: 3 });
      expect(page).toMatchObject({ items: [{ seq: 4, value: "d" }], length: 4 });
    });

    it("reads a list longer than one server page", async () => {
      const memory = await freshMemory(target);
      for (let i = 0; i < 12; i++) {
        await memory.append(
          "long",
          Array.from({ length: 1000 }, (_, j) => i * 1000 + j),
        );
      }
      const items = await memory.range("long");
      expect(items).toHaveLength(12_000);
      expect(items[11_999]).toEqual({ seq: 12_000, value: 11_999 });
    });

    it("reads an absent list as empty", async () => {
      const memory = await freshMemory(target);
      expect(await memory.range("nothing")).toEqual([]);
      expect(await memory.getList("nothing")).toBeUndefined();
    });

    it("trims to maxLength and never reuses a seq", async () => {
      const memory = await freshMemory(target);
      await memory.append("window", [1, 2, 3]);
      const trimmed = await memory.append("window", [4, 5], { maxLength: 3 });
      expect(trimmed).toMatchObject({ length: 3, firstSeq: 4, lastSeq: 5 });
      expect(await memory.range("window")).toEqual([
        { seq: 3, value: 3 },
        { seq: 4, value: 4 },
        { seq: 5, value: 5 },
      ]);
    });

    it("replaces the whole list, numbering after the highest seq", async () => {
      const memory = await freshMemory(target);
      await memory.append("chat", ["a", "b", "c"]);
      const replaced = await memory.replaceList("chat", ["x", "y"]);
      expect(replaced.length).toBe(2);
      const items = await memory.range("chat");
      expect(values(items)).toEqual(["x", "y"]);
      expect(items[0]?.seq).toBeGreaterThan(3);
      await memory.replaceList("chat", []);
      expect(await memory.getList("chat")).toMatchObject({ items: [], length: 0 });
    });

    it("deletes a list", async () => {
      const memory = await freshMemory(target);
      await memory.append("chat", ["a"]);
      expect(await memory.deleteList("chat")).toBe(true);
      expect(await memory.deleteList("chat")).toBe(false);
      expect(await memory.range("chat")).toEqual([]);
    });

    it("keeps values and lists apart", async () => {
      const memory = await freshMemory(target);
      await memory.set("value", 1);
      await memory.append("list", [1]);
      for (const call of [
        () => memory.append("value", [2]),
        () => memory.range("value"),
        () => memory.replaceList("value", []),
        () => memory.get("list"),
        () => memory.set("list", 2),
      ]) {
        const error = await rejectionOf(call());
        expect(BotWireWrongKindError.isInstance(error)).toBe(true);
        expect(error).toMatchObject({ code: "wrong_kind", statusCode: 409 });
      }
      expect(await memory.get("value")).toBe(1);
      expect(values(await memory.range("list"))).toEqual([1]);
    });

    it("loses no item and interleaves no request under concurrent appends", async () => {
      const memory = await freshMemory(target);
      const clients = await Promise.all(
        Array.from({ length: 5 }, () => target.memory(memory.namespace)),
      );
      await Promise.all(
        Array.from({ length: 50 }, (_, request) =>
          clients[request % clients.length]?.append("chat", [
            `${request}:0`,
            `${request}:1`,
            `${request}:2`,
          ]),
        ),
      );
      const items = await memory.range("chat");
      expect(items).toHaveLength(150);
      expect(items.map((item) => item.seq)).toEqual(items.map((_, i) => i + 1));
      for (let i = 0; i < items.length; i += 3) {
        const [request] = String(items[i]?.value).split(":");
        expect(values(items.slice(i, i + 3))).toEqual([0, 1, 2].map((n) => `${request}:${n}`));
      }
    });
  });
}
