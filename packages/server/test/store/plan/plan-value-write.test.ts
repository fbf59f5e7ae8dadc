import { describe, expect, it } from "vitest";
import { existingEntry } from "../../../src/store/plan/existing-entry.js";
import {
  planDelete,
  planValueWrite,
  putResultOf,
} from "../../../src/store/plan/plan-value-write.js";
import { row } from "./row.js";

describe("existingEntry", () => {
  it("builds on a live row of the kind, purges an expired one, refuses the other kind", () => {
    expect(existingEntry(undefined, 200, "value")).toEqual({ row: undefined, purge: false });
    const live = row({ expires_at: 201 });
    expect(existingEntry(live, 200, "value")).toEqual({ row: live, purge: false });
    expect(existingEntry(row({ expires_at: 200 }), 200, "list")).toEqual({
      row: undefined,
      purge: true,
    });
    expect(() => existingEntry(live, 200, "list", 4)).toThrow(
      expect.objectContaining({ code: "wrong_kind", currentVersion: 7, index: 4 }),
    );
  });
});

describe("planValueWrite", () => {
  it("creates: UTF-8 size, creation time now, growth the whole size", () => {
    const write = { value: '"é"', expiresAt: null };
    const plan = planValueWrite(undefined, write, 200);
    expect(plan).toEqual({ bytes: 4, createdAt: 200, created: true, growth: 4 });
    expect(putResultOf(plan, write, 9, 200)).toEqual({
      version: 9,
      created: true,
      createdAt: 200,
      updatedAt: 200,
      expiresAt: null,
    });
  });

  it("replaces: keeps the creation time, grows by the difference (negative when smaller)", () => {
    const plan = planValueWrite(row({ bytes: 10 }), { value: "1", expiresAt: 5 }, 200);
    expect(plan).toEqual({ bytes: 1, createdAt: 100, created: false, growth: -9 });
  });

  it("checks the precondition, naming the batch op", () => {
    const write = { value: "1", expiresAt: null, expect: { version: 8 } };
    expect(() => planValueWrite(row(), write, 200, 2)).toThrow(
      expect.objectContaining({ code: "version_mismatch", currentVersion: 7, index: 2 }),
    );
    expect(() => planValueWrite(undefined, { ...write, expect: { present: true } }, 0)).toThrow(
      expect.objectContaining({ code: "version_mismatch", currentVersion: null }),
    );
  });
});

describe("planDelete", () => {
  it("frees a live row's bytes; nothing to delete when absent or expired", () => {
    expect(planDelete(row({ bytes: 12 }), {}, 200)).toEqual({ freed: 12 });
    expect(planDelete(undefined, {}, 200)).toBeUndefined();
    expect(planDelete(row({ expires_at: 200 }), { expect: { absent: true } }, 200)).toBeUndefined();
  });

  it("refuses a missing key that was expected, the wrong kind, or a stale version", () => {
    expect(() => planDelete(undefined, { expect: { version: 1 } }, 0, 3)).toThrow(
      expect.objectContaining({ code: "version_mismatch", currentVersion: null, index: 3 }),
    );
    expect(() => planDelete(row(), { kind: "list" }, 0)).toThrow(
      expect.objectContaining({ code: "wrong_kind", currentVersion: 7 }),
    );
    expect(() => planDelete(row(), { expect: { version: 6 } }, 0)).toThrow(
      expect.objectContaining({ code: "version_mismatch", currentVersion: 7 }),
    );
  });
});
