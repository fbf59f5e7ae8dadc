import type { Store } from "../store/store.js";
import { StoreConflictError } from "../store/store-errors.js";
import { freshStorePerTest, type OpenedStore, type TestApi } from "./fresh-store.js";

const NS = "ns";
const T0 = 1_700_000_000_000;
const json = (value: unknown) => JSON.stringify(value);
const put = (
  store: Store,
  key: string,
  value: unknown,
  now = T0,
  expiresAt: number | null = null,
) => store.put(NS, key, { value: json(value), expiresAt }, now);

/**
 * The engine-level behaviour every {@link Store} keeps (versions, preconditions, expiry,
 * sweeping, lists, read budgets, batches, key order); the HTTP contract suite of
 * `@botwire/test-suite` covers the rest. `open` makes a fresh empty store per test.
 *
 * @example
 * ```ts
 * import * as vitest from "vitest";
 * import { storeBehaviourSuite } from "@botwire/server/testing";
 *
 * storeBehaviourSuite(vitest, "MyStore", async () => {
 *   const store = await MyStore.open();
 *   return { store, dispose: () => store.close() };
 * });
 * ```
 */
export function storeBehaviourSuite(
  test: TestApi,
  name: string,
  open: () => Promise<OpenedStore>,
): void {
  const { describe, it, expect } = test;
  const conflictOf = async (promise: Promise<unknown>): Promise<StoreConflictError> => {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(StoreConflictError);
    return error as StoreConflictError;
  };

  describe(`${name}: store behaviour`, () => {
    let store: Store;
    freshStorePerTest(test, open, (opened) => {
      store = opened;
    });

    it("writes, reads and deletes a value with its metadata", async () => {
      const created = await put(store, "k", { a: 1 });
      expect(created).toMatchObject({
        created: true,
        createdAt: T0,
        updatedAt: T0,
        expiresAt: null,
      });
      const updated = await put(store, "k", "two", T0 + 5);
      expect(updated).toMatchObject({ created: false, createdAt: T0, updatedAt: T0 + 5 });
      expect(await store.get(NS, "k", T0 + 5)).toEqual({
        key: "k",
        kind: "value",
        value: '"two"',
        version: updated.version,
        createdAt: T0,
        updatedAt: T0 + 5,
        expiresAt: null,
      });
      expect(await store.delete(NS, "k", {}, T0)).toBe(true);
      expect(await store.delete(NS, "k", {}, T0)).toBe(false);
      expect(await store.get(NS, "k", T0)).toBeUndefined();
    });

    it("never reuses a version, even after delete and re-create", async () => {
      const first = await put(store, "k", 1);
      await store.delete(NS, "k", {}, T0);
      const second = await put(store, "k", 1);
      const other = await put(store, "other", 1);
      expect(second.version).toBeGreaterThan(first.version);
      expect(other.version).toBeGreaterThan(second.version);
    });

    it("never reuses a version a refused batch showed (its 412 names one it rolled back)", async () => {
      const refused = await conflictOf(
        store.batch(
          NS,
          [
            { op: "set", key: "k", value: "1", expiresAt: null },
            { op: "set", key: "k", value: "2", expiresAt: null, expect: { absent: true } },
          ],
          T0,
        ),
      );
      const shown = refused.currentVersion as number;
      expect(shown).toBeGreaterThan(0);
      expect((await put(store, "k", 1)).version).toBeGreaterThan(shown);
    });

    it("checks preconditions and reports the current version", async () => {
      const { version } = await put(store, "k", 1);
      const stale = await conflictOf(
        store.put(NS, "k", { value: "2", expiresAt: null, expect: { version: version + 99 } }, T0),
      );
      expect(stale).toMatchObject({ code: "version_mismatch", currentVersion: version });
      const exists = await conflictOf(
        store.put(NS, "k", { value: "2", expiresAt: null, expect: { absent: true } }, T0),
      );
      expect(exists.currentVersion).toBe(version);
      const missing = await conflictOf(
        store.put(NS, "nope", { value: "2", expiresAt: null, expect: { present: true } }, T0),
      );
      expect(missing.currentVersion).toBeNull();
      await store.put(NS, "k", { value: "3", expiresAt: null, expect: { version } }, T0);
      expect((await store.get(NS, "k", T0))?.value).toBe("3");
    });

    it("hides expired entries everywhere and lets a write start them fresh", async () => {
      await put(store, "gone", 1, T0, T0 + 1000);
      await store.append(NS, "list", { items: ["1"], expiresAt: T0 + 1000 }, T0);
      await put(store, "kept", 1);
      const later = T0 + 1000;
      expect(await store.get(NS, "gone", later)).toBeUndefined();
      expect(await store.range(NS, "list", { last: 10 }, later)).toBeUndefined();
      expect((await store.listKeys(NS, { limit: 10 }, later)).map((k) => k.key)).toEqual(["kept"]);
      expect(await store.delete(NS, "gone", {}, later)).toBe(false);
      expect((await store.listKeys(NS, { limit: 10 }, later)).length).toBe(1);
      expect((await put(store, "gone", 2, later)).created).toBe(true);
      const fresh = await store.append(NS, "list", { items: ["a"] }, later);
      expect(fresh).toMatchObject({ length: 1, firstSeq: 1 });
      expect((await store.range(NS, "list", { last: 10 }, later))?.items).toEqual([
        { seq: 1, value: "a" },
      ]);
    });

    it("sweeps at most `limit` expired entries with their items", async () => {
      for (let i = 0; i < 5; i++) await put(store, `k${i}`, i, T0, T0 + 10);
      await store.append(NS, "l", { items: ["1", "2"], expiresAt: T0 + 10 }, T0);
      await put(store, "forever", 1);
      expect(await store.sweepExpired(T0 + 9, 100)).toBe(0);
      expect(await store.sweepExpired(T0 + 10, 4)).toBe(4);
      expect(await store.sweepExpired(T0 + 10, 100)).toBe(2);
      expect((await store.listKeys(NS, { limit: 10 }, T0)).map((k) => k.key)).toEqual(["forever"]);
      // The swept list's items went with it: the key starts over, nothing collides.
      const fresh = await store.append(NS, "l", { items: ["3"] }, T0 + 20);
      expect(fresh).toMatchObject({ length: 1, firstSeq: 1, lastSeq: 1 });
      expect((await store.range(NS, "l", { after: 0, limit: 10 }, T0 + 20))?.items).toEqual([
        { seq: 1, value: "3" },
      ]);
    });

    it("appends with consecutive seqs, trims, and never reuses a seq", async () => {
      const a = await store.append(NS, "chat", { items: ["1", "2", "3"] }, T0);
      expect(a).toMatchObject({ length: 3, firstSeq: 1, lastSeq: 3 });
      const b = await store.append(NS, "chat", { items: ["4", "5"], maxLength: 3 }, T0);
      expect(b).toMatchObject({ length: 3, firstSeq: 4, lastSeq: 5 });
      expect(b.version).toBeGreaterThan(a.version);
      const all = await store.range(NS, "chat", { after: 0, limit: 100 }, T0);
      expect(all?.items.map((i) => i.seq)).toEqual([3, 4, 5]);
      expect(all?.length).toBe(3);
      const replaced = await store.replaceList(NS, "chat", { items: ['"x"'], expiresAt: null }, T0);
      expect(replaced).toMatchObject({ length: 1, created: false });
      expect((await store.range(NS, "chat", { last: 5 }, T0))?.items).toEqual([
        { seq: 6, value: '"x"' },
      ]);
      const info = await store.listKeys(NS, { limit: 10 }, T0);
      expect(info[0]).toMatchObject({ key: "chat", kind: "list", bytes: 3 });
    });

    it("reads windows: newest N oldest-first, and after/limit", async () => {
      await store.append(NS, "l", { items: ["1", "2", "3", "4", "5"] }, T0);
      const last = await store.range(NS, "l", { last: 2 }, T0);
      expect(last?.items.map((i) => i.value)).toEqual(["4", "5"]);
      const page = await store.range(NS, "l", { after: 2, limit: 2 }, T0);
      expect(page?.items.map((i) => i.seq)).toEqual([3, 4]);
    });

    it("stops a read at its byte budget (the first item always fits) and says where to continue", async () => {
      // Items of 4 bytes each ("\"ab\""); seqs 1..6.
      await store.append(NS, "l", { items: Array.from({ length: 6 }, () => '"ab"') }, T0);
      const seqs = async (window: Parameters<Store["range"]>[2]) => {
        const result = await store.range(NS, "l", window, T0);
        return [result?.items.map((i) => i.seq), result?.nextAfter];
      };
      expect(await seqs({ after: 0, limit: 100, maxBytes: 10 })).toEqual([[1, 2], 2]);
      expect(await seqs({ after: 2, limit: 100, maxBytes: 12 })).toEqual([[3, 4, 5], 5]);
      expect(await seqs({ after: 5, limit: 100, maxBytes: 12 })).toEqual([[6], null]);
      expect(await seqs({ after: 0, limit: 3 })).toEqual([[1, 2, 3], 3]);
      expect(await seqs({ after: 0, limit: 6 })).toEqual([[1, 2, 3, 4, 5, 6], null]);
      expect(await seqs({ after: 0, limit: 5, maxBytes: 1 })).toEqual([[1], 1]);
      // A `last` window cut short returns its oldest items.
      expect(await seqs({ last: 4, maxBytes: 8 })).toEqual([[3, 4], 4]);
      expect(await seqs({ last: 40, maxBytes: 8 })).toEqual([[1, 2], 2]);
      expect(await seqs({ last: 2 })).toEqual([[5, 6], null]);
      await store.replaceList(NS, "l", { items: [], expiresAt: null }, T0);
      expect(await seqs({ after: 0, limit: 10 })).toEqual([[], null]);
    });

    it("refuses a batch whose gets would read past the budget, writing nothing", async () => {
      await put(store, "a", "x".repeat(10));
      await put(store, "b", "y".repeat(10));
      const ops = [
        { op: "set" as const, key: "c", value: "1", expiresAt: null },
        { op: "get" as const, key: "a" },
        { op: "get" as const, key: "b" },
      ];
      const refused = await store
        .batch(NS, ops, T0, { maxReadBytes: 20 })
        .catch((error: unknown) => error);
      expect(refused).toMatchObject({ name: "StoreReadLimitError", limit: 20, index: 2 });
      expect(await store.get(NS, "c", T0)).toBeUndefined();
      expect(await store.batch(NS, ops, T0, { maxReadBytes: 24 })).toHaveLength(3);
    });

    it("keeps a list's expiry on append without one and replaces it when given", async () => {
      await store.append(NS, "l", { items: ["1"], expiresAt: T0 + 100 }, T0);
      await store.append(NS, "l", { items: ["2"] }, T0 + 50);
      expect((await store.get(NS, "l", T0))?.expiresAt).toBe(T0 + 100);
      await store.append(NS, "l", { items: ["3"], expiresAt: T0 + 500 }, T0 + 60);
      expect((await store.range(NS, "l", { last: 9 }, T0 + 200))?.length).toBe(3);
    });

    it("refuses to mix kinds", async () => {
      await put(store, "value", 1);
      await store.append(NS, "list", { items: ["1"] }, T0);
      expect((await conflictOf(store.append(NS, "value", { items: ["1"] }, T0))).code).toBe(
        "wrong_kind",
      );
      expect((await conflictOf(put(store, "list", 1))).code).toBe("wrong_kind");
      expect((await conflictOf(store.range(NS, "value", { last: 1 }, T0))).code).toBe("wrong_kind");
      expect((await conflictOf(store.delete(NS, "value", { kind: "list" }, T0))).code).toBe(
        "wrong_kind",
      );
      expect(await store.delete(NS, "list", {}, T0)).toBe(true);
    });

    it("rolls back a whole batch when op k fails, and later ops see earlier writes", async () => {
      await put(store, "existing", "old");
      const failure = await conflictOf(
        store.batch(
          NS,
          [
            { op: "set", key: "a", value: "1", expiresAt: null },
            { op: "delete", key: "existing" },
            { op: "set", key: "b", value: "2", expiresAt: null, expect: { version: 12345 } },
          ],
          T0,
        ),
      );
      expect(failure).toMatchObject({ code: "version_mismatch", index: 2, currentVersion: null });
      expect(await store.get(NS, "a", T0)).toBeUndefined();
      expect((await store.get(NS, "existing", T0))?.value).toBe('"old"');
      const results = await store.batch(
        NS,
        [
          { op: "set", key: "a", value: "1", expiresAt: null },
          { op: "get", key: "a" },
          { op: "get", key: "missing" },
          { op: "delete", key: "a" },
        ],
        T0,
      );
      expect(results[1]).toMatchObject({ op: "get", found: true, value: "1" });
      expect(results[2]).toEqual({ op: "get", key: "missing", found: false });
      expect(results[3]).toEqual({ op: "delete", key: "a", deleted: true });
    });

    it("lists keys in byte order with exact prefixes and keyset paging", async () => {
      const keys = ["b", "a", "a%", "a_", "ab", "é", "😀", "\uffee", "aa"];
      for (const key of keys) await put(store, key, 0);
      const all = (await store.listKeys(NS, { limit: 100 }, T0)).map((k) => k.key);
      expect(all).toEqual([...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))));
      const prefixed = await store.listKeys(NS, { prefix: "a", limit: 100 }, T0);
      expect(prefixed.map((k) => k.key)).toEqual(["a", "a%", "a_", "aa", "ab"]);
      expect((await store.listKeys(NS, { prefix: "a_", limit: 9 }, T0)).map((k) => k.key)).toEqual([
        "a_",
      ]);
      const page = await store.listKeys(NS, { prefix: "a", after: "a_", limit: 2 }, T0);
      expect(page.map((k) => k.key)).toEqual(["aa", "ab"]);
    });

    it("clears one namespace only", async () => {
      await put(store, "a", 1);
      await put(store, "b", 1);
      await store.append(NS, "l", { items: ["1"] }, T0);
      await store.put("other", "x", { value: '"abc"', expiresAt: null }, T0);
      expect(await store.clearNamespace(NS)).toBe(3);
      expect(await store.listKeys(NS, { limit: 10 }, T0)).toEqual([]);
      expect(await store.range(NS, "l", { last: 1 }, T0)).toBeUndefined();
      expect((await store.get("other", "x", T0))?.value).toBe('"abc"');
    });
  });
}
