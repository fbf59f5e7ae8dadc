import { describe, expect, it } from "vitest";
import {
  DEFAULT_LIMITS,
  decodeCursor,
  encodeCursor,
  isValidKey,
  isValidNamespace,
  ProtocolError,
  parsePrecondition,
  parseRangeQuery,
  readBody,
  scanJson,
  utf8Length,
} from "../../src/protocol/index.js";

describe("protocol helpers", () => {
  it("validates names", () => {
    expect(["a", "user-sessions", "a.b:c_d", "x".repeat(128)].every(isValidNamespace)).toBe(true);
    expect(["", ".", "..", "a b", "a/b", "x".repeat(129), 5].some(isValidNamespace)).toBe(false);
    expect(["k", "a/b", "...", "😀", "é".repeat(256)].every((key) => isValidKey(key))).toBe(true);
    expect(
      ["", ".", "..", "a\nb", "\u0085", "\udc00x", "é".repeat(257)].some((key) => isValidKey(key)),
    ).toBe(false);
  });

  it("honours a lower key limit", () => {
    expect(isValidKey("12345678", { maxBytes: 8 })).toBe(true);
    expect(isValidKey("123456789", { maxBytes: 8 })).toBe(false);
    expect(isValidKey("ééééé", { maxBytes: 8 })).toBe(false);
  });

  it("measures JSON depth without counting brackets inside strings", () => {
    expect(scanJson('[[["[[[[[[["]]]', 3)).toBeUndefined();
    expect(scanJson('{"a":{"b":{"c":{}}}}', 3)).toBe("too_deep");
    expect(scanJson('["\\"[[[[[[[["]', 2)).toBeUndefined();
  });

  it("finds duplicate keys, escaped or not, per object", () => {
    expect(scanJson('{"a":1,"a":2}', 10)).toBe("duplicate_key");
    expect(scanJson('{"a":1,"\\u0061":2}', 10)).toBe("duplicate_key");
    expect(scanJson('{"__proto__":1,"__proto__":2}', 10)).toBe("duplicate_key");
    expect(scanJson('{"a":{"a":1},"b":{"a":2},"c":["a","a"]}', 10)).toBeUndefined();
    expect(scanJson('{"a":"a","b":"a"}', 10)).toBeUndefined();
    expect(scanJson('[{"a":1},{"a":1}]', 10)).toBeUndefined();
  });

  it("round-trips cursors and refuses forged ones", () => {
    for (const key of ["a", "user:42/x", "😀 ü"]) expect(decodeCursor(encodeCursor(key))).toBe(key);
    for (const cursor of ["!!!", "AA", `${encodeCursor("ok").slice(0, -1)}*`]) {
      expect(() => decodeCursor(cursor)).toThrow(ProtocolError);
    }
  });

  it("parses preconditions", () => {
    expect(parsePrecondition('"12"', null)).toEqual({ version: 12 });
    expect(parsePrecondition('W/"12"', null)).toEqual({ version: 12 });
    expect(parsePrecondition("*", null)).toEqual({ present: true });
    expect(parsePrecondition(null, "*")).toEqual({ absent: true });
    expect(parsePrecondition(null, null)).toBeUndefined();
    for (const bad of ['"-1"', '"1.5"', "12345678901234567", ""])
      expect(() => parsePrecondition(bad, null)).toThrow(ProtocolError);
  });

  it("parses list windows", () => {
    const q = (s: string) => parseRangeQuery(new URLSearchParams(s), DEFAULT_LIMITS);
    expect(q("")).toEqual({ after: 0, limit: 10_000 });
    expect(q("last=5")).toEqual({ last: 5 });
    expect(q("after=3")).toEqual({ after: 3, limit: 1000 });
    expect(() => q("last=5&after=1")).toThrow(ProtocolError);
  });

  it("reads bodies up to a limit and no further", async () => {
    const ok = await readBody(new Request("http://x", { method: "POST", body: "hello" }), 5);
    expect(new TextDecoder().decode(ok)).toBe("hello");
    await expect(
      readBody(new Request("http://x", { method: "POST", body: "hello!" }), 5),
    ).rejects.toMatchObject({
      code: "payload_too_large",
      status: 413,
    });
    expect(utf8Length("aé😀")).toBe(7);
  });
});
