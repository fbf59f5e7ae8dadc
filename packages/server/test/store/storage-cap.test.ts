import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ServerStore as Store } from "../../src/store/store.js";
import { StoreQuotaError } from "../../src/store/store-errors.js";
import { engines, type OpenedEngine } from "./engines.js";
import { rejectionOf } from "./rejection-of.js";

const NS = "ns";
const T0 = 1_700_000_000_000;
const CAP = { maxNamespaceBytes: 10_000 };
/** A serialized JSON string of exactly `bytes` bytes. */
const sized = (bytes: number) => JSON.stringify("x".repeat(bytes - 2));
const put = (store: Store, key: string, bytes: number, expiresAt: number | null = null) =>
  store.put(NS, key, { value: sized(bytes), expiresAt, ...CAP }, T0);
const bytesHeld = async (store: Store, now = T0) =>
  (await store.listKeys(NS, { limit: 1000 }, now)).reduce((sum, k) => sum + k.bytes, 0);

const refusal = (call: Promise<unknown>) => rejectionOf(call, StoreQuotaError);

// The storage cap is checked in the write's transaction, with the size really written.
describe.each(Object.entries(engines))("storage cap on %s", (_name, open) => {
  let engine: OpenedEngine;
  let store: Store;
  beforeEach(async () => {
    engine = await open();
    store = engine.store;
  });
  afterEach(() => engine.dispose());

  it("refuses a value that would pass the cap, and lets smaller values replace larger ones", async () => {
    await put(store, "a", 6000);
    expect(await refusal(put(store, "b", 4001))).toMatchObject({ limit: 10_000, bytes: 10_001 });
    expect(await store.get(NS, "b", T0)).toBeUndefined();
    await put(store, "b", 4000);
    // Over a lowered cap, a write that shrinks the namespace still passes.
    const lower = { maxNamespaceBytes: 5000 };
    await store.put(NS, "a", { value: sized(100), expiresAt: null, ...lower }, T0);
    expect(await bytesHeld(store)).toBe(4100);
  });

  it("refuses a whole batch by its real size, and always lets deletes through", async () => {
    await put(store, "a", 9000);
    const sets = Array.from({ length: 5 }, (_, i) => ({
      op: "set" as const,
      key: `k${i}`,
      value: sized(500),
      expiresAt: null,
    }));
    await refusal(store.batch(NS, sets, T0, CAP));
    expect(await bytesHeld(store)).toBe(9000);
    // Over a lowered cap, a batch of deletes (or one that frees more than it adds) passes.
    const lower = { maxNamespaceBytes: 100 };
    await store.batch(
      NS,
      [
        { op: "delete", key: "a" },
        { op: "delete", key: "zz" },
      ],
      T0,
      lower,
    );
    expect(await bytesHeld(store)).toBe(0);
    await store.batch(NS, sets.slice(0, 2), T0, CAP);
    await store.batch(NS, [{ op: "delete", key: "k0" }, sets[2] as (typeof sets)[0]], T0, lower);
    expect(await bytesHeld(store)).toBe(1000);
  });

  it("refuses appends and replaces past the cap, counting what maxLength trims", async () => {
    const item = sized(1000);
    for (let i = 0; i < 30; i++) {
      await store.append(NS, "chat", { items: [item], maxLength: 9, ...CAP }, T0);
    }
    expect(await bytesHeld(store)).toBe(9000);
    await refusal(store.append(NS, "chat", { items: [item, item], maxLength: 11, ...CAP }, T0));
    expect((await store.range(NS, "chat", { last: 100 }, T0))?.length).toBe(9);
    const eleven = Array.from({ length: 11 }, () => item);
    await refusal(store.replaceList(NS, "chat", { items: eleven, expiresAt: null, ...CAP }, T0));
    const two = { items: [item, item], expiresAt: null, ...CAP };
    expect((await store.replaceList(NS, "chat", two, T0)).length).toBe(2);
    expect(await bytesHeld(store)).toBe(2000);
  });

  it("does not count expired keys, swept or not", async () => {
    await put(store, "old", 9000, T0 + 10);
    await store.append(NS, "l", { items: [sized(900)], expiresAt: T0 + 10 }, T0);
    const later = T0 + 10;
    await store.put(NS, "new", { value: sized(9000), expiresAt: null, ...CAP }, later);
    await store.append(NS, "l", { items: [sized(1000)], ...CAP }, later);
    expect(await bytesHeld(store, later)).toBe(10_000);
  });

  it("holds under 40 concurrent writers on two replicas (or one SQLite writer)", async () => {
    const replica = engine.replica ? await engine.replica() : store;
    const writes = Array.from({ length: 40 }, (_, i) =>
      (i % 2 ? replica : store)
        .put(NS, `k${i}`, { value: sized(1000), expiresAt: null, ...CAP }, T0)
        .then(
          () => "ok",
          (error: unknown) => (error instanceof StoreQuotaError ? "refused" : error),
        ),
    );
    const outcomes = await Promise.all(writes);
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(10);
    expect(outcomes.filter((o) => o === "refused")).toHaveLength(30);
    expect(await bytesHeld(store)).toBe(10_000);
  });
});

describe.each(Object.entries(engines))("write quota on %s", (_name, open) => {
  let engine: OpenedEngine;
  beforeEach(async () => {
    engine = await open();
  });
  afterEach(() => engine.dispose());

  it("refuses a batch larger than the whole quota, even as the day's first write", async () => {
    const { store } = engine;
    expect(await store.consumeWrites(NS, "2030-01-01", 4, 3)).toEqual({ allowed: false, used: 0 });
    expect(await store.consumeWrites(NS, "2030-01-01", 3, 3)).toEqual({ allowed: true, used: 3 });
    expect(await store.consumeWrites(NS, "2030-01-01", 1, 3)).toEqual({ allowed: false, used: 3 });
    expect(await store.consumeWrites(NS, "2030-01-02", 1, 3)).toEqual({ allowed: true, used: 1 });
  });
});
