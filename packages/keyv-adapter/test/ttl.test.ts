import { BotWireValidationError } from "@botwire/core";
import Keyv from "keyv";
import { describe, expect, it } from "vitest";
import { ttlSeconds } from "../src/ttl-seconds.js";
import { onEveryTarget } from "./targets.js";

onEveryTarget("TTL", (store, target) => {
  it("is enforced by the server: expired for every client even when Keyv skips its own check", async () => {
    const adapter = store();
    // checkExpired: false trusts the store; only the server's TTL can hide the entry.
    const keyv = new Keyv({ store: adapter, checkExpired: false });
    const other = new Keyv({ store: store({ memory: adapter.memory }), checkExpired: false });
    await keyv.set("session", { user: 42 }, 60_000);
    expect(await other.get("session")).toEqual({ user: 42 });

    target.advanceTime(59_000);
    expect(await other.get("session")).toEqual({ user: 42 });
    target.advanceTime(1_001);
    expect(await keyv.get("session")).toBeUndefined();
    expect(await other.get("session")).toBeUndefined();
    expect(await keyv.has("session")).toBe(false);
    expect(await adapter.memory.list()).toEqual([]);
  });

  it("stores Keyv's absolute expires as the server's expiry, not later", async () => {
    const adapter = store();
    const before = Date.now();
    await new Keyv({ store: adapter }).set("k", "v", 5_000);
    const entry = await adapter.memory.getEntry("k");
    const envelope = JSON.parse(entry?.value as string) as { expires: number };
    expect(envelope.expires).toBeGreaterThanOrEqual(before + 5_000);
    // The server's clock may be behind the client's (the targets' clocks stand still), so
    // compare durations: the server keeps it at most as long as Keyv asked.
    expect(entry?.expiresAt).not.toBeNull();
    expect((entry?.expiresAt ?? 0) - (entry?.updatedAt ?? 0)).toBeLessThanOrEqual(5_000);
    expect((entry?.expiresAt ?? 0) - (entry?.updatedAt ?? 0)).toBeGreaterThan(4_000);
  });

  it("setMany gives each entry its own server-side expiry, and none where no ttl", async () => {
    const adapter = store();
    const keyv = new Keyv({ store: adapter, checkExpired: false });
    await keyv.setMany([
      { key: "short", value: 1, ttl: 1_000 },
      { key: "long", value: 2, ttl: 10_000 },
      { key: "forever", value: 3 },
    ]);
    target.advanceTime(1_001);
    expect(await keyv.getMany(["short", "long", "forever"])).toEqual([undefined, 2, 3]);
    target.advanceTime(9_000);
    expect(await keyv.getMany(["short", "long", "forever"])).toEqual([undefined, undefined, 3]);
    expect((await adapter.memory.getEntry("forever"))?.expiresAt).toBeNull();
  });

  it("a write without ttl clears an earlier expiry", async () => {
    const adapter = store();
    const keyv = new Keyv({ store: adapter, checkExpired: false });
    await keyv.set("k", "first", 1_000);
    await keyv.set("k", "second");
    target.advanceTime(2_000);
    expect(await keyv.get("k")).toBe("second");
  });

  it("an expires already past deletes the key instead of writing it", async () => {
    const adapter = store();
    await adapter.set("gone", "old");
    await adapter.setMany([{ key: "gone-too", value: "old" }]);
    expect(await adapter.set("gone", "new", Date.now() - 1)).toBe(true);
    const past = Date.now() - 60_000;
    expect(await adapter.setMany([{ key: "gone-too", value: "new", expires: past }])).toEqual([
      true,
    ]);
    expect(await adapter.memory.list()).toEqual([]);
  });

  it("refuses keyv 5's relative ttl instead of deleting the entry as long expired", async () => {
    const adapter = store();
    await adapter.set("kept", "old");
    await expect(adapter.set("kept", "new", 60_000)).rejects.toThrow(/relative ttl from keyv 5/);
    await expect(
      adapter.setMany([{ key: "kept", value: "new", expires: 60_000 }]),
    ).rejects.toSatisfy(BotWireValidationError.isInstance);
    expect(await adapter.get("kept")).toBe("old");
  });
});

const NOW = 1_800_000_000_000;

describe("ttlSeconds", () => {
  it("converts an absolute deadline to seconds from now", () => {
    expect(ttlSeconds(NOW + 500, NOW)).toBe(0.5);
  });

  it("has no expiry without a finite deadline", () => {
    expect(ttlSeconds(undefined, 0)).toBeUndefined();
    expect(ttlSeconds(Number.POSITIVE_INFINITY, 0)).toBeUndefined();
    expect(ttlSeconds(Number.NaN, 0)).toBeUndefined();
  });

  it("says expired at or past the deadline", () => {
    expect(ttlSeconds(NOW, NOW)).toBe("expired");
    expect(ttlSeconds(NOW - 1, NOW)).toBe("expired");
  });

  it("keeps a deadline under a millisecond away at the protocol's smallest ttl", () => {
    expect(ttlSeconds(NOW + 0.25, NOW)).toBe(0.001);
  });
});
