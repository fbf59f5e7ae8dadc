import { ReadBudget } from "@botwire/core/protocol";
import { describe, expect, it } from "vitest";
import { batchGetResult, nextAfterOf } from "../../../src/store/plan/plan-reads.js";
import { StoreReadLimitError } from "../../../src/store/store-errors.js";
import { row } from "./row.js";

describe("batchGetResult", () => {
  it("reads a live value, charging its bytes; absent or expired is not found", () => {
    const budget = new ReadBudget(5);
    expect(batchGetResult("k", row({ expires_at: 300 }), 200, budget, 0)).toEqual({
      op: "get",
      key: "k",
      found: true,
      value: "123",
      version: 7,
      expiresAt: 300,
    });
    expect(batchGetResult("k", row({ expires_at: 200 }), 200, budget, 1)).toEqual({
      op: "get",
      key: "k",
      found: false,
    });
    expect(batchGetResult("k", undefined, 200, budget, 1)).toMatchObject({ found: false });
    // 3 of 5 bytes used: another 3 would pass the budget.
    const refused = (() => {
      try {
        return batchGetResult("k", row(), 200, budget, 2);
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(StoreReadLimitError);
    expect(refused).toMatchObject({ limit: 5, index: 2 });
  });

  it("refuses a list", () => {
    expect(() => batchGetResult("k", row({ kind: "list" }), 0, new ReadBudget(), 3)).toThrow(
      expect.objectContaining({ code: "wrong_kind", index: 3 }),
    );
  });
});

describe("nextAfterOf", () => {
  it("continues after the last item returned while items follow it", () => {
    expect(nextAfterOf([{ seq: 3 }, { seq: 4 }], 9)).toBe(4);
    expect(nextAfterOf([{ seq: 8 }], 9)).toBeNull();
    expect(nextAfterOf([], 9)).toBeNull();
  });
});
