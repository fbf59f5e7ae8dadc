import {
  BotWireNetworkError,
  BotWireUnavailableError,
  BotWireValidationError,
  Memory,
} from "@botwire/core";
import { createMockServer } from "@botwire/core/testing";
import { randomNamespace } from "@botwire/test-suite";
import Keyv from "keyv";
import { beforeEach, describe, expect, it } from "vitest";
import { KeyvBotWire } from "../src/index.js";

describe("errors", () => {
  const mock = createMockServer();
  let adapter: KeyvBotWire;

  beforeEach(() => {
    mock.reset();
    const memory = new Memory(randomNamespace("keyv"), {
      url: mock.url,
      fetch: mock.fetch,
      retry: false,
    });
    adapter = new KeyvBotWire({ memory });
  });

  /** A Keyv whose `error` events are collected. */
  function listening(): { keyv: Keyv; errors: unknown[] } {
    const errors: unknown[] = [];
    const keyv = new Keyv({ store: adapter, namespace: "ns" });
    keyv.on("error", (error) => errors.push(error));
    return { keyv, errors };
  }

  it("rejects with the typed error when Keyv has no error listener", async () => {
    const keyv = new Keyv({ store: adapter });
    for (const call of [
      () => keyv.get("k"),
      () => keyv.set("k", 1),
      () => keyv.getMany(["a", "b"]),
      () => keyv.setMany([{ key: "a", value: 1 }]),
      () => keyv.deleteMany(["a"]),
      () => keyv.clear(),
    ]) {
      mock.faults.failNext(1, { status: 503 });
      await expect(call()).rejects.toSatisfy(BotWireUnavailableError.isInstance);
    }
  });

  it("emits error and answers like a miss when Keyv has a listener", async () => {
    const { keyv, errors } = listening();
    mock.faults.failNext(6, { status: 503 });
    expect(await keyv.get("k")).toBeUndefined();
    expect(await keyv.set("k", 1)).toBe(false);
    expect(await keyv.getMany(["a", "b"])).toEqual([undefined, undefined]);
    expect(await keyv.setMany([{ key: "a", value: 1 }])).toEqual([false]);
    expect(await keyv.deleteMany(["a", "b"])).toEqual([false, false]);
    await keyv.clear();
    expect(errors).toHaveLength(6);
    expect(errors.every(BotWireUnavailableError.isInstance)).toBe(true);
  });

  it("ends the iterator with an error event, or rejects it without a listener", async () => {
    await adapter.set("k", "v");
    const { keyv, errors } = listening();
    mock.faults.failNext(1, { status: 503 });
    for await (const _ of keyv.iterator()) expect.unreachable("the listing failed");
    expect(errors).toHaveLength(1);

    mock.faults.failNext(1, { status: 503 });
    const bare = new Keyv({ store: new KeyvBotWire({ memory: adapter.memory }) });
    await expect(bare.iterator().next()).rejects.toSatisfy(BotWireUnavailableError.isInstance);
  });

  it("refuses a key the protocol cannot carry before sending anything", async () => {
    const keyv = new Keyv({ store: adapter, namespace: "ns" });
    await expect(keyv.set("bad\u0001key", 1)).rejects.toSatisfy(BotWireValidationError.isInstance);
    // The key fits alone but not with the namespace prefix ("ns::" is 4 more bytes).
    await expect(keyv.get("k".repeat(510))).rejects.toSatisfy(BotWireValidationError.isInstance);
    expect(mock.requests).toHaveLength(0);
  });

  it("refuses a batchSize outside 1–1000 with a message that says so", () => {
    for (const batchSize of [0, 1001, 2.5, Number.NaN]) {
      expect(() => new KeyvBotWire({ memory: adapter.memory, batchSize })).toThrow(
        /batchSize must be an integer from 1 to 1000/,
      );
    }
  });

  it("rejects with BotWireNetworkError when no server listens at the url", async () => {
    // A real port that was served and is closed now: connections are refused.
    const served = await createMockServer().listen();
    await served.close();
    const memory = new Memory("keyv", { url: served.url, retry: false });
    const keyv = new Keyv({ store: new KeyvBotWire({ memory }) });
    await expect(keyv.get("k")).rejects.toSatisfy(BotWireNetworkError.isInstance);
  });
});
