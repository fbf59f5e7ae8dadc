import { BotWireWrongKindError, Memory } from "@botwire/core";
import { createMockServer } from "@botwire/core/testing";
import { randomNamespace } from "@botwire/test-suite";
import Keyv from "keyv";
import { beforeEach, describe, expect, it } from "vitest";
import { KeyvBotWire } from "../src/index.js";
import { onEveryTarget } from "./targets.js";

describe("many-key operations: requests sent (mock server)", () => {
  const mock = createMockServer();
  let keyv: Keyv;
  const keys = Array.from({ length: 2_500 }, (_, i) => `k${i}`);
  const batchCalls = () => mock.requests.filter((r) => r.path.endsWith("/batch")).length;

  beforeEach(() => {
    mock.reset();
    const memory = new Memory(randomNamespace("keyv"), { url: mock.url, fetch: mock.fetch });
    keyv = new Keyv({ store: new KeyvBotWire({ memory }) });
  });

  it("getMany, setMany, deleteMany and hasMany are one batch call each", async () => {
    await keyv.setMany([
      { key: "a", value: 1 },
      { key: "b", value: 2 },
    ]);
    await keyv.getMany(["a", "b", "c"]);
    await keyv.hasMany(["a", "b", "c"]);
    await keyv.deleteMany(["a", "b", "c"]);
    expect(mock.requests).toHaveLength(4);
    expect(batchCalls()).toBe(4);
  });

  it("splits more than 1000 keys into batches of at most 1000 (the protocol's limit)", async () => {
    expect(await keyv.setMany(keys.map((key) => ({ key, value: key })))).toHaveLength(2_500);
    expect(batchCalls()).toBe(3);
    expect(await keyv.getMany(keys)).toEqual(keys);
    expect(await keyv.hasMany(keys)).toEqual(keys.map(() => true));
    expect(await keyv.deleteMany(keys)).toEqual(keys.map(() => true));
    expect(batchCalls()).toBe(12);
  });

  it("sends nothing for no keys", async () => {
    expect(await keyv.getMany([])).toEqual([]);
    expect(await keyv.deleteMany([])).toEqual([]);
    expect(mock.requests).toHaveLength(0);
  });
});

onEveryTarget("Many-key operations", (store) => {
  it("deleteMany and hasMany resolve one boolean per key (Keyv 6)", async () => {
    const keyv = new Keyv({ store: store(), namespace: "ns" });
    await keyv.set("a", 1);
    expect(await keyv.hasMany(["a", "b"])).toEqual([true, false]);
    expect(await keyv.deleteMany(["a", "b"])).toEqual([true, false]);
    expect(await keyv.hasMany(["a", "b"])).toEqual([false, false]);
  });

  it("each batch is atomic: a failing chunk writes nothing, earlier chunks stay, later ones are not sent", async () => {
    const adapter = store({ batchSize: 2 });
    // A list under a key makes any value write to it fail with wrong_kind (409).
    await adapter.memory.append("c", ["a list"]);
    const entries = ["a", "b", "x", "c", "d", "e"].map((key) => ({ key, value: key }));
    await expect(adapter.setMany(entries)).rejects.toSatisfy(BotWireWrongKindError.isInstance);
    expect(await adapter.memory.list()).toEqual(["a", "b", "c"]);
  });
});
