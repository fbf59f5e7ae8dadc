import { Memory } from "@botwire/core";
import { createMockServer } from "@botwire/core/testing";
import { randomNamespace } from "@botwire/test-suite";
import Keyv from "keyv";
import { expect, it } from "vitest";
import { KeyvBotWire } from "../src/index.js";
import { onEveryTarget } from "./targets.js";

/** Every [key, value] Keyv's iterator yields. */
async function drain(keyv: Keyv): Promise<[string, unknown][]> {
  const entries: [string, unknown][] = [];
  for await (const [key, value] of keyv.iterator()) entries.push([key as string, value]);
  return entries;
}

onEveryTarget("iterator()", (store, target) => {
  it("yields every entry of its namespace once, over more than one page of keys", async () => {
    const adapter = store();
    const keyv = new Keyv({ store: adapter, namespace: "big" });
    // 2 345 keys: three pages of the protocol's largest listing (1000).
    const keys = Array.from({ length: 2_345 }, (_, i) => `key-${String(i).padStart(4, "0")}`);
    await keyv.setMany(keys.map((key) => ({ key, value: { n: key } })));
    await new Keyv({ store: store({ memory: adapter.memory }), namespace: "other" }).set("x", 1);

    const entries = await drain(keyv);
    expect(entries.map(([key]) => key)).toEqual(keys);
    expect(entries.every(([key, value]) => (value as { n: string }).n === key)).toBe(true);
  });

  it("pages by batchSize and skips lists and entries the server expired", async () => {
    const adapter = store({ batchSize: 2 });
    const keyv = new Keyv({ store: adapter, namespace: "ns", checkExpired: false });
    await keyv.set("a", 1);
    await keyv.set("b", 2, 1_000);
    await keyv.set("c", 3);
    await keyv.set("d", 4);
    await adapter.memory.append("ns::e-list", ["not a keyv entry"]);
    target.advanceTime(1_001);
    expect(await drain(keyv)).toEqual([
      ["a", 1],
      ["c", 3],
      ["d", 4],
    ]);
  });

  it("without a Keyv namespace yields every key of the BotWire namespace, as stored", async () => {
    const adapter = store();
    await new Keyv({ store: store({ memory: adapter.memory }), namespace: "ns" }).set("a", 1);
    const keyv = new Keyv({ store: adapter });
    await keyv.set("b", 2);
    expect(await drain(keyv)).toEqual([
      ["b", 2],
      ["ns::a", 1],
    ]);
  });
});

it("reads lazily: one listing and one batch read per page, none past where the caller stops", async () => {
  const mock = createMockServer();
  const memory = new Memory(randomNamespace("keyv"), { url: mock.url, fetch: mock.fetch });
  const keyv = new Keyv({ store: new KeyvBotWire({ memory, batchSize: 3 }) });
  await keyv.setMany(Array.from({ length: 7 }, (_, i) => ({ key: `k${i}`, value: i })));
  mock.requests.length = 0;

  for await (const [key] of keyv.iterator()) if (key === "k1") break;
  expect(mock.requests.map((r) => r.method)).toEqual(["GET", "POST"]);

  expect(await drain(keyv)).toHaveLength(7);
  expect(mock.requests.filter((r) => r.path.includes("/keys?"))).toHaveLength(1 + 3);
  expect(mock.requests.filter((r) => r.path.endsWith("/batch"))).toHaveLength(1 + 3);
});
