import { BotWireApiError, BotWireError, BotWireValidationError, Memory } from "@botwire/core";
import { type ContractTarget, freshMemory, rejectionOf, type TestApi } from "./contract-target.js";

/** Error codes and classes for requests the server must refuse, with nothing changed. */
export function errorTests(test: TestApi, target: ContractTarget): void {
  const { describe, it, expect } = test;

  describe("errors", () => {
    it("refuses an invalid namespace before any request", () => {
      for (const namespace of ["", ".", "..", "has space", "slash/ns", "x".repeat(129)]) {
        let error: unknown;
        try {
          new Memory(namespace);
        } catch (caught) {
          error = caught;
        }
        expect(BotWireValidationError.isInstance(error)).toBe(true);
        expect(error).toMatchObject({ code: "invalid_namespace" });
      }
    });

    it("refuses invalid keys", async () => {
      const memory = await freshMemory(target);
      for (const key of ["", ".", "..", "tab\tkey", "nul\u0000", "x".repeat(513), "\ud800"]) {
        const error = await rejectionOf(memory.set(key, 1));
        expect(BotWireValidationError.isInstance(error)).toBe(true);
        expect(error).toMatchObject({ code: "invalid_key" });
      }
      expect(await memory.list()).toEqual([]);
    });

    it("refuses a value over the size limit with value_too_large", async () => {
      const memory = await freshMemory(target);
      await memory.set("big", "small");
      const error = await rejectionOf(memory.set("big", "x".repeat(1024 * 1024 + 1)));
      expect(BotWireApiError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ code: "value_too_large", statusCode: 413 });
      expect(await memory.get("big")).toBe("small");
    });

    it("refuses an empty append and a bad ttl", async () => {
      const memory = await freshMemory(target);
      const empty = await rejectionOf(memory.append("chat", []));
      expect(BotWireValidationError.isInstance(empty)).toBe(true);
      for (const ttl of [0, -1, Number.NaN]) {
        const error = await rejectionOf(memory.set("k", 1, { ttl }));
        expect(BotWireValidationError.isInstance(error)).toBe(true);
      }
      expect(await memory.list()).toEqual([]);
    });

    it("gives every error the common base and a message saying what to do", async () => {
      const memory = await freshMemory(target);
      await memory.set("v", 1);
      const error = await rejectionOf(memory.append("v", [1]));
      expect(BotWireError.isInstance(error)).toBe(true);
      expect((error as Error).message.length).toBeGreaterThan(20);
    });
  });
}
