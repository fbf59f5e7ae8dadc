import type { JsonValue } from "@botwire/core/protocol";
import { type ContractTarget, freshMemory, type TestApi } from "./contract-target.js";

const VALUES: [string, JsonValue][] = [
  ["null", null],
  ["true", true],
  ["false", false],
  ["zero", 0],
  ["negative fraction", -1.5],
  ["large number", 1e300],
  ["max safe integer", Number.MAX_SAFE_INTEGER],
  ["empty string", ""],
  ["unicode string", "héllo wörld — 你好 — 🚀🧠 — \u202e"],
  ["string with quotes and escapes", 'she said "hi"\n\t\\ \u0000 end'],
  ["empty object", {}],
  ["empty array", []],
  ["nested", { a: [1, { b: [true, null, "x"] }], c: { d: { e: {} } } }],
  ["prototype-looking keys", JSON.parse('{"__proto__": {"polluted": 1}, "constructor": "c"}')],
];

const KEYS = [
  "with/slash",
  "with?query",
  "with#hash",
  "with%25percent",
  "with space",
  "ключ",
  "emoji-🔑",
  "a:b:c",
  "...",
  "x".repeat(512),
];

/** JSON value types, unicode, and keys that need careful URL encoding. */
export function jsonValueTests(test: TestApi, target: ContractTarget): void {
  const { describe, it, expect } = test;

  describe("JSON values and names", () => {
    for (const [name, value] of VALUES) {
      it(`round-trips ${name}`, async () => {
        const memory = await freshMemory(target);
        await memory.set("v", value);
        expect(await memory.getEntry("v")).toMatchObject({ value });
      });
    }

    it("does not let a stored __proto__ key pollute prototypes", async () => {
      const memory = await freshMemory(target);
      await memory.set("p", JSON.parse('{"__proto__": {"polluted": true}}'));
      const value = (await memory.get("p")) as Record<string, unknown>;
      expect(Object.hasOwn(value, "__proto__")).toBe(true);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    for (const key of KEYS) {
      it(`stores under the key ${JSON.stringify(key.slice(0, 24))}`, async () => {
        const memory = await freshMemory(target);
        await memory.set(key, key);
        expect(await memory.get(key)).toBe(key);
        expect(await memory.list()).toEqual([key]);
        expect(await memory.delete(key)).toBe(true);
      });
    }
  });
}
