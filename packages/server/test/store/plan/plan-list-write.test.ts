import { describe, expect, it } from "vitest";
import {
  listEntryAfter,
  planAppend,
  planReplace,
} from "../../../src/store/plan/plan-list-write.js";
import { StoreLimitError } from "../../../src/store/store-errors.js";
import { row } from "./row.js";

const list = row({ kind: "list", value: null, bytes: 6, length: 3, next_seq: 11, expires_at: 900 });

describe("planAppend", () => {
  it("starts a new list at seq 1 without expiry", () => {
    expect(planAppend(undefined, { items: ['"a"', "1"] })).toEqual({
      items: ['"a"', "1"],
      firstSeq: 1,
      lastSeq: 2,
      trimUpTo: undefined,
      length: 2,
      untrimmedBytes: 4,
      expiresAt: null,
    });
  });

  it("continues after the list's seqs and keeps its expiry unless given one", () => {
    const plan = planAppend(list, { items: ["1", "22"] });
    expect(plan).toMatchObject({ firstSeq: 11, lastSeq: 12, length: 5, untrimmedBytes: 9 });
    expect(plan.expiresAt).toBe(900);
    expect(planAppend(list, { items: ["1"], expiresAt: 5 }).expiresAt).toBe(5);
  });

  it("trims the oldest items down to maxLength", () => {
    // Seqs 8..10 held, 11..12 appended: keeping 2 deletes up to seq 10.
    expect(planAppend(list, { items: ["1", "2"], maxLength: 2 })).toMatchObject({
      trimUpTo: 10,
      length: 2,
    });
    expect(planAppend(list, { items: ["1"], maxLength: 4 }).trimUpTo).toBeUndefined();
  });

  it("refuses, before writing, a list longer than maxListLength after the trim", () => {
    expect(() => planAppend(list, { items: ["1", "2"], maxListLength: 4 })).toThrow(
      StoreLimitError,
    );
    expect(planAppend(list, { items: ["1", "2"], maxLength: 4, maxListLength: 4 }).length).toBe(4);
  });
});

describe("planReplace", () => {
  it("follows the old seqs (never reused), sizes the new items, checks the precondition", () => {
    expect(planReplace(list, { items: ['"é"'], expiresAt: null })).toEqual({
      items: ['"é"'],
      firstSeq: 11,
      lastSeq: 11,
      length: 1,
      bytes: 4,
      expiresAt: null,
    });
    expect(planReplace(undefined, { items: [], expiresAt: 3 })).toMatchObject({
      firstSeq: 1,
      lastSeq: 0,
      length: 0,
      bytes: 0,
    });
    expect(() =>
      planReplace(list, { items: [], expiresAt: null, expect: { absent: true } }),
    ).toThrow(expect.objectContaining({ code: "version_mismatch", currentVersion: 7 }));
  });
});

describe("listEntryAfter", () => {
  it("keeps the creation time and never moves next_seq back", () => {
    const write = { length: 2, lastSeq: 12, expiresAt: null };
    expect(listEntryAfter(list, write, 10, 500)).toEqual({
      length: 2,
      bytes: 10,
      expiresAt: null,
      createdAt: 100,
      nextSeq: 13,
      growth: 4,
    });
    // An empty replace inserts nothing (lastSeq below the next seq): next_seq stays.
    const empty = { length: 0, lastSeq: 10, expiresAt: null };
    expect(listEntryAfter(list, empty, 0, 500)).toMatchObject({ nextSeq: 11, growth: -6 });
    expect(listEntryAfter(undefined, { length: 0, lastSeq: 0, expiresAt: 1 }, 0, 500)).toEqual({
      length: 0,
      bytes: 0,
      expiresAt: 1,
      createdAt: 500,
      nextSeq: 1,
      growth: 0,
    });
  });
});
