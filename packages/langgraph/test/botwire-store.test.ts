import { BotWireValidationError } from "@botwire/core";
import { mockServerTarget, referenceServerTarget } from "@botwire/test-suite/targets";
import { Annotation, getStore, START, StateGraph } from "@langchain/langgraph";
import { InvalidNamespaceError } from "@langchain/langgraph-checkpoint";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BotWireStore } from "../src/index.js";
import { requestLog } from "./request-log.js";

describe("BotWireStore", () => {
  let target: ReturnType<typeof mockServerTarget>;
  let store: BotWireStore;
  beforeEach(() => {
    target = mockServerTarget();
    store = new BotWireStore({ memory: target.memory("lg") });
  });

  it("runs a batch's reads as one batch of gets and its writes as one atomic batch", async () => {
    await store.put(["users", "1"], "a", { n: 1 });
    target.mock.requests.length = 0;
    const results = await store.batch([
      { namespace: ["users", "1"], key: "a" },
      { namespace: ["users", "1"], key: "a", value: { n: 2 } },
      { namespace: ["users", "1"], key: "b", value: { n: 3 } },
      { namespace: ["users", "1"], key: "a", value: { n: 4 } },
      { namespacePrefix: ["users"], limit: 10, offset: 0 },
    ] as const);
    // The search's key listing, then one batch of reads, then one batch of writes.
    expect(requestLog(target)).toEqual([
      "GET keys?prefix=users+&limit=1000",
      "POST batch",
      "POST batch",
    ]);
    expect(results[0]?.value).toEqual({ n: 1 });
    expect(results[4].map((item) => item.value)).toEqual([{ n: 1 }]);
    expect((await store.search(["users"])).map((item) => item.value)).toEqual([{ n: 4 }, { n: 3 }]);
  });

  it("keeps createdAt across updates and moves updatedAt", async () => {
    await store.put(["ns"], "k", { v: 1 });
    const created = await store.get(["ns"], "k");
    await new Promise((resolve) => setTimeout(resolve, 5));
    await store.put(["ns"], "k", { v: 2 });
    const updated = await store.get(["ns"], "k");
    expect(updated?.createdAt).toEqual(created?.createdAt);
    expect(updated?.updatedAt.getTime()).toBeGreaterThan(created?.updatedAt.getTime() ?? 0);
  });

  it("loses no put and keeps createdAt when writers race on the same item", async () => {
    await store.put(["ns"], "k", { v: -1 });
    const createdAt = (await store.get(["ns"], "k"))?.createdAt;
    const writers = Array.from(
      { length: 8 },
      () => new BotWireStore({ memory: target.memory("lg") }),
    );
    await Promise.all(writers.map((writer, v) => writer.put(["ns"], "k", { v })));
    const item = await store.get(["ns"], "k");
    expect(item?.createdAt).toEqual(createdAt);
    expect(item?.value.v).toBeGreaterThanOrEqual(0);
  });

  it("expires items after ttl, restarting it on reads when refreshTtlOnRead is set", async () => {
    const plain = new BotWireStore({ memory: target.memory("lg"), ttl: 60 });
    const sliding = new BotWireStore({
      memory: target.memory("lg"),
      ttl: 60,
      refreshTtlOnRead: true,
    });
    await plain.put(["ttl"], "plain", { v: 1 });
    await sliding.put(["ttl"], "sliding", { v: 2 });
    for (let i = 0; i < 3; i++) {
      target.advanceTime(40_000);
      await sliding.get(["ttl"], "sliding");
      await plain.get(["ttl"], "plain");
    }
    expect(await plain.get(["ttl"], "plain")).toBeNull();
    expect((await sliding.search(["ttl"])).map((item) => item.key)).toEqual(["sliding"]);
    target.advanceTime(61_000);
    expect(await sliding.get(["ttl"], "sliding")).toBeNull();
  });

  it("refuses a ttl the server would refuse, when constructed", () => {
    for (const ttl of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new BotWireStore({ memory: target.memory("lg"), ttl })).toThrow(
        BotWireValidationError,
      );
    }
  });

  it("ranks a search query by a plain text match and reports it as score", async () => {
    await store.put(["m"], "1", { text: "likes green tea" });
    await store.put(["m"], "2", { text: "allergic to peanuts" });
    await store.put(["m"], "3", { text: "drinks tea, not coffee" });
    const found = await store.search(["m"], { query: "Green TEA" });
    expect(found.map((item) => [item.key, item.score])).toEqual([
      ["1", 1],
      ["3", 0.5],
      ["2", 0],
    ]);
    expect((await store.search(["m"], { query: "?!" })).map((item) => item.score)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("round-trips labels and keys with spaces and percent signs", async () => {
    await store.put(["a b", "50%"], "key with space %20", { v: 1 });
    await store.put(["a"], "b", { v: 2 });
    expect(await store.listNamespaces()).toEqual([["a"], ["a b", "50%"]]);
    expect((await store.search(["a b"]))[0]).toMatchObject({
      namespace: ["a b", "50%"],
      key: "key with space %20",
    });
    expect((await store.search(["a"])).map((item) => item.key)).toEqual(["b"]);
  });

  it("refuses the namespaces InMemoryStore refuses", async () => {
    await expect(store.batch([{ namespace: [], key: "k" }])).rejects.toThrow(InvalidNamespaceError);
    await expect(store.put(["a.b"], "k", { v: 1 })).rejects.toThrow(InvalidNamespaceError);
    await expect(store.put(["langgraph"], "k", { v: 1 })).rejects.toThrow(InvalidNamespaceError);
    expect(target.mock.requests).toEqual([]);
  });

  it("is the long-term memory of a graph", async () => {
    const State = Annotation.Root({ user: Annotation<string>(), seen: Annotation<number>() });
    const graph = new StateGraph(State)
      .addNode("remember", async (state) => {
        const memories = getStore();
        await memories?.put(["users", state.user], `visit-${Date.now()}`, { at: "now" });
        return { seen: (await memories?.search(["users", state.user]))?.length ?? 0 };
      })
      .addEdge(START, "remember")
      .compile({ store });
    expect((await graph.invoke({ user: "ada" })).seen).toBe(1);
    expect((await graph.invoke({ user: "ada" })).seen).toBe(2);
    const elsewhere = new BotWireStore({ memory: target.memory("lg") });
    expect(await elsewhere.search(["users", "ada"])).toHaveLength(2);
  });
});

// The mock does not enforce the 16 MiB request limit; the reference server does.
describe("BotWireStore on the reference server", () => {
  const server = referenceServerTarget("in-process");
  beforeAll(() => server.start());
  afterAll(() => server.close());

  it("writes a batch of puts over 16 MiB in several requests", async () => {
    const store = new BotWireStore({ memory: server.memory("lg") });
    const puts = Array.from({ length: 20 }, (_, i) => ({
      namespace: ["docs"],
      key: `doc-${String(i).padStart(2, "0")}`,
      value: { text: String.fromCharCode(97 + i).repeat(900_000) },
    }));
    await store.batch(puts);
    const found = await store.search(["docs"], { limit: 100 });
    expect(found.map((item) => item.value)).toEqual(puts.map((put) => put.value));
  });
});
