import { randomNamespace } from "@botwire/test-suite";
import KeyvRedis from "@keyv/redis";
import Keyv from "keyv";
import { afterAll, expect, it } from "vitest";
import { onEveryTarget } from "./targets.js";

/**
 * An app's cache code, written against Keyv only: it never knows which store is behind it.
 * Returns what it saw, so two stores can be compared.
 */
async function cacheApp(cache: Keyv): Promise<unknown[]> {
  const seen: unknown[] = [];
  await cache.set("user:1", { name: "Ada" });
  await cache.set("user:2", { name: "Grace", langs: ["COBOL"] });
  await cache.set("session:9", "token", 50);
  seen.push(await cache.get("user:1"));
  seen.push(await cache.get(["user:1", "user:2", "user:3"]));
  // Only expiry is compared for the short-lived key: whether it is still there before its
  // deadline depends on how fast the machine is.
  seen.push(await cache.has("user:2"), await cache.has("user:3"));
  await new Promise((resolve) => setTimeout(resolve, 100));
  seen.push(await cache.get("session:9"));
  seen.push(
    await cache.setMany<unknown>([
      { key: "a", value: 1 },
      { key: "b", value: [true, null] },
    ]),
  );
  const entries: [string, unknown][] = [];
  for await (const [key, value] of cache.iterator()) entries.push([key as string, value]);
  seen.push(entries.sort(([a], [b]) => a.localeCompare(b)));
  seen.push(await cache.delete("user:1"), await cache.delete("user:1"));
  // Only keys that exist: @keyv/redis answers deleteMany with one boolean (true when any key
  // was deleted), which Keyv's bridge repeats for every key; ours answers per key.
  seen.push(await cache.delete(["a", "b"]));
  await cache.clear();
  seen.push(await cache.get("user:2"));
  return seen;
}

const redisUrl = "redis://127.0.0.1:6379";
const redisNamespace = randomNamespace("keyv-drop-in");
const redis = new Keyv({ store: new KeyvRedis(redisUrl), namespace: redisNamespace });
let expected: unknown[] | undefined;

/** What the app sees on @keyv/redis, computed once (Redis must be running: it fails otherwise). */
async function onRedis(): Promise<unknown[]> {
  expected ??= await cacheApp(redis);
  return expected;
}

afterAll(async () => {
  await redis.clear();
  await redis.disconnect();
});

onEveryTarget("Drop-in for @keyv/redis", (store) => {
  it("the same app code gives the same results on @keyv/redis and on BotWire", async () => {
    const botwire = new Keyv({ store: store(), namespace: redisNamespace });
    const results = await cacheApp(botwire);
    expect(results).toEqual(await onRedis());
    // Sanity: the app did observe real data, not a run of undefineds on both sides.
    expect(results[0]).toEqual({ name: "Ada" });
    expect(results[4]).toBeUndefined();
    // Where they differ: a missing key among deleted ones is reported as such.
    await botwire.set("a", 1);
    expect(await botwire.delete(["a", "missing"])).toEqual([true, false]);
  });

  it("stores keys under the same names as @keyv/redis (namespace::key)", async () => {
    const adapter = store();
    await new Keyv({ store: adapter, namespace: "app" }).set("user:1", 1);
    const raw = new KeyvRedis(redisUrl);
    const client = await raw.getClient();
    const namespace = randomNamespace("keyv-layout");
    await new Keyv({ store: new KeyvRedis(client), namespace }).set("user:1", 1);
    expect(await client.keys(`${namespace}::*`)).toEqual([`${namespace}::user:1`]);
    expect(await adapter.memory.list()).toEqual(["app::user:1"]);
    await client.del(`${namespace}::user:1`);
    await raw.disconnect();
  });
});
