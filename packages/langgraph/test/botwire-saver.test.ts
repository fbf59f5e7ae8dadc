import { BotWireValidationError } from "@botwire/core";
import { mockServerTarget, referenceServerTarget } from "@botwire/test-suite/targets";
import type { RunnableConfig } from "@langchain/core/runnables";
import {
  type Checkpoint,
  type CheckpointMetadata,
  type CheckpointTuple,
  emptyCheckpoint,
  JsonPlusSerializer,
  type SerializerProtocol,
  uuid6,
} from "@langchain/langgraph-checkpoint";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BotWireSaver } from "../src/index.js";
import { requestLog } from "./request-log.js";

const meta: CheckpointMetadata = { source: "loop", step: 0, parents: {} };

function checkpoint(values: Record<string, unknown> = {}): Checkpoint {
  const versions = Object.fromEntries(Object.keys(values).map((k) => [k, 1]));
  return {
    ...emptyCheckpoint(),
    id: uuid6(-1),
    channel_values: values,
    channel_versions: versions,
  };
}

async function all(iterable: AsyncIterable<CheckpointTuple>) {
  const tuples: CheckpointTuple[] = [];
  for await (const tuple of iterable) tuples.push(tuple);
  return tuples;
}

describe("BotWireSaver", () => {
  let target: ReturnType<typeof mockServerTarget>;
  let saver: BotWireSaver;
  beforeEach(() => {
    target = mockServerTarget();
    saver = new BotWireSaver({ memory: target.memory("lg") });
  });

  it("writes a checkpoint and its changed channel values in one batch, and writes in one append", async () => {
    const config = await saver.put(
      { configurable: { thread_id: "t" } },
      checkpoint({ a: 1, b: [2] }),
      meta,
      { a: 1, b: 1 },
    );
    await saver.putWrites(
      config,
      [
        ["a", 3],
        ["b", [4]],
      ],
      "task-1",
    );
    expect(requestLog(target)).toEqual(["POST batch", expect.stringMatching(/^POST w%2Ft%2F%2F/)]);
  });

  it("keeps thread ids and namespaces with separators, escapes and unicode apart", async () => {
    const threads = ["a/b", "a", "a%2Fb", "a b", "ü🙂", "1", "10"];
    for (const thread_id of threads) {
      for (const checkpoint_ns of ["", "sub|graph:1", "/"]) {
        await saver.put(
          { configurable: { thread_id, checkpoint_ns } },
          checkpoint({ v: [thread_id, checkpoint_ns] }),
          meta,
          { v: 1 },
        );
      }
    }
    for (const thread_id of threads) {
      const tuples = await all(saver.list({ configurable: { thread_id } }));
      expect(tuples.map((t) => t.checkpoint.channel_values.v).sort()).toEqual(
        [
          [thread_id, ""],
          [thread_id, "/"],
          [thread_id, "sub|graph:1"],
        ].sort(),
      );
    }
    await saver.deleteThread("1");
    expect(await all(saver.list({ configurable: { thread_id: "1" } }))).toEqual([]);
    expect(await all(saver.list({ configurable: { thread_id: "10" } }))).toHaveLength(3);
  });

  it("accepts a numeric thread id, as LangGraph does", async () => {
    const config = await saver.put({ configurable: { thread_id: 7 } }, checkpoint(), meta, {});
    expect(config.configurable?.thread_id).toBe("7");
    expect(await saver.getTuple({ configurable: { thread_id: 7 } })).toBeDefined();
  });

  it("lists newest first, with before, limit and filter; getTuple reads the newest", async () => {
    const ids: string[] = [];
    let config: RunnableConfig = { configurable: { thread_id: "t", checkpoint_ns: "" } };
    for (let step = 0; step < 12; step++) {
      const next = checkpoint({ step });
      ids.push(next.id);
      config = await saver.put(config, next, { ...meta, step }, { step: 1 });
    }
    const newestFirst = [...ids].reverse();
    const listed = await all(saver.list({ configurable: { thread_id: "t" } }));
    expect(listed.map((t) => t.checkpoint.id)).toEqual(newestFirst);
    expect(listed[0]?.parentConfig?.configurable?.checkpoint_id).toBe(ids[10]);
    const before = { configurable: { checkpoint_id: ids[5] } };
    const page = await all(saver.list({ configurable: { thread_id: "t" } }, { before, limit: 3 }));
    expect(page.map((t) => t.checkpoint.id)).toEqual([ids[4], ids[3], ids[2]]);
    const steps = await all(
      saver.list({ configurable: { thread_id: "t" } }, { filter: { step: 7 } }),
    );
    expect(steps.map((t) => t.checkpoint.id)).toEqual([ids[7]]);
    expect((await saver.getTuple({ configurable: { thread_id: "t" } }))?.checkpoint.id).toBe(
      ids[11],
    );
  });

  it("pages past 1000 keys in list and deleteThread", async () => {
    const ids: string[] = [];
    for (let step = 0; step < 1005; step++) {
      const next = checkpoint();
      ids.push(next.id);
      await saver.put({ configurable: { thread_id: "long" } }, next, { ...meta, step }, {});
    }
    const listed = await all(saver.list({ configurable: { thread_id: "long" } }));
    expect(listed.map((t) => t.checkpoint.id)).toEqual([...ids].reverse());
    const before = { configurable: { checkpoint_id: ids[3] } };
    const older = await all(saver.list({ configurable: { thread_id: "long" } }, { before }));
    expect(older.map((t) => t.checkpoint.id)).toEqual([ids[2], ids[1], ids[0]]);
    await saver.deleteThread("long");
    expect(await target.memory("lg").list()).toEqual([]);
  });

  it("keeps every write of tasks writing at once, and one copy of a task's retried write", async () => {
    const config = await saver.put({ configurable: { thread_id: "t" } }, checkpoint(), meta, {});
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        saver.putWrites(config, [["ch", i]], `task-${String(i).padStart(2, "0")}`),
      ),
    );
    await saver.putWrites(config, [["ch", "retried"]], "task-03");
    const writes = (await saver.getTuple(config))?.pendingWrites ?? [];
    expect(writes.map((w) => w[2])).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it("stores writes too large for a list item, and more than one append holds", async () => {
    const config = await saver.put({ configurable: { thread_id: "t" } }, checkpoint(), meta, {});
    const big = "x".repeat(600_000); // over the 256 KiB list item limit, under the 1 MiB value one
    await saver.putWrites(
      config,
      [
        ["doc", big],
        ["note", "small"],
      ],
      "reader",
    );
    const sends = Array.from({ length: 1500 }, (_, i): [string, unknown] => ["fanout", i]);
    await saver.putWrites(config, sends, "planner");
    const writes = (await saver.getTuple(config))?.pendingWrites ?? [];
    expect(writes.filter((w) => w[0] === "reader")).toEqual([
      ["reader", "doc", big],
      ["reader", "note", "small"],
    ]);
    expect(writes.filter((w) => w[0] === "planner").map((w) => w[2])).toEqual(
      sends.map((s) => s[1]),
    );
    await saver.deleteThread("t");
    expect(await target.memory("lg").list()).toEqual([]);
  });

  it("never lets concurrent writers to two threads interfere", async () => {
    const run = async (thread_id: string) => {
      let config: RunnableConfig = { configurable: { thread_id } };
      for (let step = 0; step < 15; step++) {
        config = await saver.put(config, checkpoint({ n: `${thread_id}-${step}` }), meta, {
          n: 1,
        });
        await saver.putWrites(config, [["n", step]], "task");
      }
    };
    await Promise.all([run("x"), run("y")]);
    for (const thread_id of ["x", "y"]) {
      const tuples = await all(saver.list({ configurable: { thread_id } }));
      expect(tuples).toHaveLength(15);
      expect(tuples[0]?.pendingWrites).toEqual([["task", "n", 14]]);
    }
  });

  it("refuses a put or putWrites without thread_id or checkpoint_id before sending anything", async () => {
    const put = saver.put({ configurable: {} }, checkpoint(), meta, {});
    await expect(put).rejects.toSatisfy(BotWireValidationError.isInstance);
    await expect(put).rejects.toThrow(/configurable\.thread_id/);
    const writes = saver.putWrites({ configurable: { thread_id: "t" } }, [["a", 1]], "task");
    await expect(writes).rejects.toThrow(/configurable\.checkpoint_id/);
    expect(target.mock.requests).toEqual([]);
  });

  it("stores what a binary serde produces byte for byte", async () => {
    const json = new JsonPlusSerializer();
    // Every byte flipped: not UTF-8, not JSON; only base64 carries it unchanged.
    const flip = (bytes: Uint8Array) => bytes.map((b) => b ^ 0xff);
    const serde: SerializerProtocol = {
      dumpsTyped: async (data) => {
        const [, bytes] = await json.dumpsTyped(data);
        return ["flipped", flip(bytes)];
      },
      loadsTyped: async (type, data) => {
        expect(type).toBe("flipped");
        return json.loadsTyped("json", flip(data as Uint8Array));
      },
    };
    const binary = new BotWireSaver({ memory: target.memory("lg"), serde });
    const config = await binary.put(
      { configurable: { thread_id: "t" } },
      checkpoint({ a: "ü" }),
      meta,
      { a: 1 },
    );
    await binary.putWrites(config, [["a", { x: 1 }]], "task");
    const tuple = await binary.getTuple(config);
    expect(tuple?.checkpoint.channel_values).toEqual({ a: "ü" });
    expect(tuple?.pendingWrites).toEqual([["task", "a", { x: 1 }]]);
    expect(tuple?.metadata).toEqual(meta);
  });

  it("fails with a typed error when a channel value or a thread id is over the server's limits", async () => {
    const big = saver.put(
      { configurable: { thread_id: "t" } },
      checkpoint({ big: "x".repeat(800_000) }),
      meta,
      { big: 1 },
    );
    await expect(big).rejects.toSatisfy(BotWireValidationError.isInstance);
    const long = saver.put(
      { configurable: { thread_id: "t".repeat(600) } },
      checkpoint(),
      meta,
      {},
    );
    await expect(long).rejects.toSatisfy(BotWireValidationError.isInstance);
    expect(await saver.getTuple({ configurable: { thread_id: "t" } })).toBeUndefined();
  });

  it("uses the namespace option for its default client", () => {
    expect(() => new BotWireSaver({ namespace: "not valid!" })).toThrow(BotWireValidationError);
  });
});

// The mock does not enforce the 16 MiB request limit; the reference server does.
describe("BotWireSaver on the reference server", () => {
  const server = referenceServerTarget("in-process");
  beforeAll(() => server.start());
  afterAll(() => server.close());

  it("splits a checkpoint or writes over the 16 MiB request limit into several requests", async () => {
    const values = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [`ch${i}`, String.fromCharCode(97 + i).repeat(700_000)]),
    );
    const versions = Object.fromEntries(Object.keys(values).map((channel) => [channel, 1]));
    const big = { ...checkpoint(), channel_values: values, channel_versions: versions };
    const saver = new BotWireSaver({ memory: server.memory("lg") });
    const config = await saver.put({ configurable: { thread_id: "huge" } }, big, meta, versions);
    const writes = Array.from({ length: 110 }, (_, i): [string, unknown] => [
      "w",
      "y".repeat(140_000) + i, // inline in the list (under 192 KiB serialized), 20 MiB in all
    ]);
    await saver.putWrites(config, writes, "task");
    const tuple = await saver.getTuple(config);
    expect(tuple?.checkpoint.channel_values).toEqual(values);
    expect(tuple?.pendingWrites?.map((w) => w[2])).toEqual(writes.map((w) => w[1]));
  });
});
