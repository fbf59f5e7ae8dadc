import { randomNamespace } from "@botwire/test-suite";
import { createKeyv as createRedisKeyv } from "@keyv/redis";
import { Cacheable } from "cacheable";
import type Keyv from "keyv";
import { afterAll, expect, it } from "vitest";
import { createKeyv } from "../src/index.js";
import { onEveryTarget } from "./targets.js";

/**
 * A two-level cache as apps write it with `cacheable`: in-memory first level, a shared store
 * as the second. Each `Cacheable` stands for one process (its own first level), so what a
 * "later process" reads can only come from the second level. Returns what it saw.
 */
async function cacheableApp(secondary: Keyv): Promise<unknown[]> {
  const process = () => new Cacheable({ secondary, ttl: "1h" });
  const seen: unknown[] = [];
  const writer = process();
  await writer.set("user:1", { name: "Ada" });
  await writer.set("otp", "123456", "50ms");
  const reader = process();
  seen.push(await reader.get("user:1"), await reader.getMany(["user:1", "user:2"]));
  seen.push(await reader.has("user:1"), await reader.has("user:2"));
  await new Promise((resolve) => setTimeout(resolve, 100));
  seen.push(await process().get("otp"));
  let computed = 0;
  const expensive = async () => {
    computed++;
    return { answer: 42 };
  };
  seen.push(
    await reader.getOrSet("answer", expensive),
    await process().getOrSet("answer", expensive),
  );
  seen.push(computed);
  await writer.delete("user:1");
  seen.push(await process().get("user:1"));
  await writer.clear();
  seen.push(await process().get("answer"));
  return seen;
}

const namespace = randomNamespace("cacheable");
// The one line an app changes: the second level's Keyv.
const redis = createRedisKeyv("redis://127.0.0.1:6379", { namespace });
let expected: unknown[] | undefined;

afterAll(() => redis.disconnect());

onEveryTarget("cacheable: drop-in for @keyv/redis", (store) => {
  it("the same cacheable code gives the same results with @keyv/redis and BotWire as second level", async () => {
    expected ??= await cacheableApp(redis);
    const results = await cacheableApp(createKeyv({ memory: store().memory }, { namespace }));
    expect(results).toEqual(expected);
    // It saw real data: the entry written by one process, computed once across two.
    expect(results[0]).toEqual({ name: "Ada" });
    expect(results.at(-3)).toBe(1);
  });
});
