import { BotWireConflictError, BotWireValidationError, Memory } from "@botwire/core";
import { createMockServer } from "@botwire/core/testing";
import { mockServerTarget } from "@botwire/test-suite/targets";
import { beforeEach, describe, expect, it } from "vitest";
import { BotWireSession } from "../src/index.js";
import { everyShape, user } from "./items.js";
import { memoryLosingFirstPutAnswer } from "./lose-first-answer.js";

describe("BotWireSession", () => {
  let target: ReturnType<typeof mockServerTarget>;
  let session: BotWireSession;
  const requests = () => target.mock.requests.map((r) => `${r.method} ${r.path}`);
  beforeEach(() => {
    target = mockServerTarget();
    session = new BotWireSession({ sessionId: "s", memory: target.memory("oa") });
  });

  it("round-trips every item shape, inline bytes included, through a new client", async () => {
    await session.addItems(everyShape);
    const read = await new BotWireSession({
      sessionId: "s",
      memory: target.memory("oa"),
    }).getItems();
    expect(read).toEqual(everyShape);
    const output = (read[4] as { output: { image: { data: unknown } } }).output;
    expect(output.image.data).toBeInstanceOf(Uint8Array);
  });

  it("refuses what JSON cannot hold before sending anything", async () => {
    const cyclic: Record<string, unknown> = { type: "message", role: "user" };
    cyclic.content = cyclic;
    await expect(session.addItems([cyclic as never])).rejects.toThrow(BotWireValidationError);
    await expect(session.addItems([{ big: 1n } as never])).rejects.toThrow(/JSON/);
    expect(requests()).toEqual([]);
  });

  it("writes each addItems call as one append, refreshing the TTL", async () => {
    const withTtl = new BotWireSession({ sessionId: "s", memory: target.memory("oa"), ttl: 60 });
    await withTtl.addItems([user("a"), user("b")]);
    await withTtl.addItems([]);
    expect(requests()).toEqual(["POST /v1/namespaces/oa/lists/s"]);
    target.advanceTime(59_000);
    await withTtl.addItems([user("c")]);
    target.advanceTime(59_000);
    expect(await withTtl.getItems()).toHaveLength(3);
    target.advanceTime(1_001);
    expect(await withTtl.getItems()).toEqual([]);
  });

  it("reads getItems(limit) as one window of the newest items, in order", async () => {
    await session.addItems(["a", "b", "c", "d"].map(user));
    target.mock.requests.length = 0;
    expect(await session.getItems(2)).toEqual([user("c"), user("d")]);
    expect(requests()).toEqual(["GET /v1/namespaces/oa/lists/s?last=3"]);
    expect(await session.getItems(10)).toEqual(["a", "b", "c", "d"].map(user));
    expect(await session.getItems(0)).toEqual([]);
    expect(await session.getItems(-1)).toEqual([]);
    expect(
      await new BotWireSession({ sessionId: "none", memory: target.memory("oa") }).getItems(3),
    ).toEqual([]);
    await expect(session.getItems(1.5)).rejects.toThrow(BotWireValidationError);
  });

  it("pops the newest item, and nothing from an empty history", async () => {
    expect(await session.popItem()).toBeUndefined();
    await session.addItems(["a", "b", "c"].map(user));
    expect(await session.popItem()).toEqual(user("c"));
    // The bookkeeping item the pop left at the head of the list is never history.
    expect(await session.getItems()).toEqual([user("a"), user("b")]);
    expect(await session.getItems(2)).toEqual([user("a"), user("b")]);
    expect(await session.getItems(1)).toEqual([user("b")]);
    expect(await session.popItem()).toEqual(user("b"));
    expect(await session.popItem()).toEqual(user("a"));
    expect(await session.popItem()).toBeUndefined();
    expect(await session.getItems()).toEqual([]);
  });

  it("reads whole windows and snapshots when the server pages at its byte cap", async () => {
    const mock = createMockServer({ limits: { maxReadBytes: 1_000 } });
    const memory = new Memory("oa", { url: mock.url, fetch: mock.fetch });
    const paged = new BotWireSession({ sessionId: "s", memory });
    const texts = Array.from({ length: 30 }, (_, i) => `${i}`.padEnd(100, "."));
    await paged.addItems(texts.map(user));
    expect(await paged.popItem()).toEqual(user(texts[29] ?? ""));
    expect(await paged.getItems(12)).toEqual(texts.slice(17, 29).map(user));
    expect(await paged.getItems(29)).toEqual(texts.slice(0, 29).map(user));
    expect(await paged.getItems()).toEqual(texts.slice(0, 29).map(user));
    const reads = mock.requests.filter((r) => r.method === "GET");
    expect(reads.length).toBeGreaterThan(4 * 4);
  });

  it("keeps the TTL on the list it rewrites", async () => {
    const withTtl = new BotWireSession({ sessionId: "s", memory: target.memory("oa"), ttl: 60 });
    await withTtl.addItems([user("a"), user("b")]);
    await withTtl.popItem();
    target.advanceTime(60_001);
    expect(await withTtl.getItems()).toEqual([]);
  });

  it("removes one item when the answer to its write is lost and the write is retried", async () => {
    await session.addItems(["a", "b", "c"].map(user));
    const memory = memoryLosingFirstPutAnswer(target);
    expect(await new BotWireSession({ sessionId: "s", memory }).popItem()).toEqual(user("c"));
    expect(await session.getItems()).toEqual([user("a"), user("b")]);
  });

  it("never returns the same item to concurrent pops", async () => {
    await session.addItems(Array.from({ length: 12 }, (_, i) => user(`m${i}`)));
    target.mock.faults.latency(2);
    const popped = await Promise.all(
      Array.from({ length: 8 }, () =>
        new BotWireSession({ sessionId: "s", memory: target.memory("oa") }).popItem(),
      ),
    );
    const texts = popped.map((item) => (item as { content: string }).content).sort();
    expect(texts).toEqual(["m10", "m11", "m4", "m5", "m6", "m7", "m8", "m9"]);
    expect(await session.getItems()).toEqual(["m0", "m1", "m2", "m3"].map(user));
  });

  it("loses nothing to concurrent addItems", async () => {
    target.mock.faults.latency(2);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        new BotWireSession({ sessionId: "s", memory: target.memory("oa") }).addItems([
          user(`q${i}`),
          user(`a${i}`),
        ]),
      ),
    );
    const items = (await session.getItems()) as { content: string }[];
    expect(items).toHaveLength(80);
    // Each call's two items stay next to each other: one append is never interleaved.
    for (let i = 0; i < 80; i += 2) {
      expect(items[i + 1]?.content).toBe(items[i]?.content.replace("q", "a"));
    }
  });

  it("gives up with a conflict error when the history keeps changing", async () => {
    await session.addItems([user("a")]);
    const memory = target.memory("oa", {
      fetch: async (input, init) => {
        // Someone appends between every read and write.
        if (init?.method === "PUT") await session.addItems([user("x")]);
        return target.mock.fetch(input, init);
      },
    });
    const contended = new BotWireSession({ sessionId: "s", memory, maxAttempts: 3 });
    await expect(contended.popItem()).rejects.toThrow(BotWireConflictError);
    expect(await session.getItems()).toHaveLength(4);
  });

  it("clears the history", async () => {
    await session.addItems([user("a")]);
    await session.clearSession();
    await session.clearSession();
    expect(await session.getItems()).toEqual([]);
    expect(await session.getSessionId()).toBe("s");
  });

  it("uses its namespace option for the default client and checks it", () => {
    expect(() => new BotWireSession({ sessionId: "s", namespace: "bad space" })).toThrow(
      /namespace/,
    );
    expect(new BotWireSession({ sessionId: "s" })).toBeInstanceOf(BotWireSession);
  });
});
