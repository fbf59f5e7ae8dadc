import Keyv from "keyv";
import { expect, it } from "vitest";
import { createKeyv, KeyvBotWire } from "../src/index.js";
import { onEveryTarget } from "./targets.js";

onEveryTarget("Namespaces", (store) => {
  it("is used by Keyv directly, not wrapped in its legacy bridge", () => {
    const adapter = store();
    expect(new Keyv({ store: adapter }).store).toBe(adapter);
    expect(adapter.capabilities.expires).toBe(true);
  });

  it("stores Keyv's namespace as a key prefix, the layout of @keyv/redis", async () => {
    // One adapter per Keyv: Keyv assigns its namespace to the adapter it is given.
    const adapter = store();
    await new Keyv({ store: adapter, namespace: "users" }).set("42", "Ada");
    await new Keyv({ store: store({ memory: adapter.memory }) }).set("plain", 1);
    expect(await adapter.memory.list()).toEqual(["plain", "users::42"]);
  });

  it("clear() removes only its own namespace, over more than one page", async () => {
    const adapter = store({ batchSize: 3 });
    const memory = adapter.memory;
    const a = new Keyv({ store: adapter, namespace: "a" });
    const ab = new Keyv({ store: store({ memory, batchSize: 3 }), namespace: "ab" });
    const none = new Keyv({ store: store({ memory }) });
    const keys = Array.from({ length: 10 }, (_, i) => `k${i}`);
    await a.setMany(keys.map((key) => ({ key, value: key })));
    await ab.set("k0", "ab");
    await none.set("a-key", "none");

    await a.clear();
    expect(await a.getMany(keys)).toEqual(keys.map(() => undefined));
    // "ab::k0" starts with "a" but not with the prefix "a::".
    expect(await memory.list()).toEqual(["a-key", "ab::k0"]);
  });

  it("clear() without a Keyv namespace empties the whole BotWire namespace", async () => {
    const adapter = store();
    await new Keyv({ store: store({ memory: adapter.memory }), namespace: "a" }).set("k", 1);
    const keyv = new Keyv({ store: adapter });
    await keyv.set("k", 2);
    expect(await adapter.memory.list()).toEqual(["a::k", "k"]);
    await keyv.clear();
    expect(await adapter.memory.list()).toEqual([]);
  });

  it("keeps different BotWire namespaces apart under the same Keyv namespace", async () => {
    const one = new Keyv({ store: store(), namespace: "cache" });
    const two = new Keyv({ store: store(), namespace: "cache" });
    await one.set("k", "one");
    await two.set("k", "two");
    await two.clear();
    expect(await one.get("k")).toBe("one");
    expect(await two.get("k")).toBeUndefined();
  });

  it("the adapter's own namespace survives until Keyv assigns one", async () => {
    const adapter = store();
    adapter.namespace = "preset";
    await new Keyv({ store: adapter }).set("k", 1);
    await new Keyv({ store: adapter, namespace: "other" }).set("k", 2);
    expect(await adapter.memory.list()).toEqual(["other::k", "preset::k"]);
  });
});

it("createKeyv passes the BotWire options to the store and Keyv's options to Keyv", () => {
  const keyv = createKeyv({ namespace: "my-cache" }, { namespace: "cache", ttl: 60_000 });
  const store = keyv.store;
  if (!(store instanceof KeyvBotWire)) throw new Error("createKeyv must use a KeyvBotWire store");
  expect(store.memory.namespace).toBe("my-cache");
  expect(store.namespace).toBe("cache");
  expect(keyv.ttl).toBe(60_000);
});
