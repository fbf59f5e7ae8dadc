import { BotWireError, BotWireNetworkError, BotWireUnavailableError } from "@botwire/core";
import { mockServerTarget } from "@botwire/test-suite/targets";
import { Memory, type MemoryMessage } from "@llamaindex/core/memory";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createBotWireMemory } from "../src/index.js";

describe("createBotWireMemory", () => {
  let target: ReturnType<typeof mockServerTarget>;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    target = mockServerTarget();
    unhandled.length = 0;
    process.on("unhandledRejection", onUnhandled);
  });
  afterEach(() => {
    process.off("unhandledRejection", onUnhandled);
  });
  const open = (
    sessionId: string,
    options: Partial<Parameters<typeof createBotWireMemory>[0]> = {},
  ) => createBotWireMemory({ sessionId, memory: target.memory("li"), ...options });
  /** A client whose earlier requests take longer: unordered saves would land newest first. */
  const slowerEarlier = () => {
    let sent = 0;
    return target.memory("li", {
      fetch: async (input, init) => {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, 30 - 3 * sent++)));
        return target.mock.fetch(input, init);
      },
    });
  };
  const texts = async (memory: Memory) => (await memory.get()).map((m) => m.content);

  it("is a llamaindex Memory that a new process restores with ids, dates, content and options", async () => {
    const first = await open("s");
    expect(first).toBeInstanceOf(Memory);
    await first.add({ role: "user", content: "hi" });
    await first.add({
      role: "assistant",
      content: [{ type: "text", text: "hello" }],
      options: { toolCall: [{ id: "t1", name: "lookup", input: { q: 1 } }] },
    });
    // Another format an adapter converts: the Vercel UI message.
    await first.add({ id: "v1", role: "user", content: "", parts: [{ type: "text", text: "ui" }] });
    const restored = await open("s");
    const [before, after] = [JSON.parse(first.snapshot()), JSON.parse(restored.snapshot())];
    expect(after).toEqual(before);
    expect(before.messages).toHaveLength(3);
    const [message] = (restored as unknown as { messages: MemoryMessage[] }).messages;
    expect(message?.createdAt).toBeInstanceOf(Date);
    expect(await restored.get({ type: "vercel" })).toEqual(await first.get({ type: "vercel" }));
  });

  it("saves each add as one append and restores a window with maxMessages", async () => {
    const memory = await open("s", { keyPrefix: "chat:" });
    for (const content of ["1", "2", "3", "4"]) await memory.add({ role: "user", content });
    const appends = target.mock.requests.filter((r) => r.method === "POST");
    expect(appends.map((r) => r.path)).toEqual(Array(4).fill("/v1/namespaces/li/lists/chat%3As"));
    expect(await texts(await open("s", { keyPrefix: "chat:", maxMessages: 2 }))).toEqual([
      "3",
      "4",
    ]);
  });

  it("passes the llamaindex options through (tokenLimit)", async () => {
    const memory = await open("s", { tokenLimit: 7 });
    for (const content of ["one two three", "four five six", "seven eight nine"]) {
      await memory.add({ role: "user", content });
    }
    // The token limit keeps only the newest messages in the LLM's view; all are stored.
    expect((await memory.getLLM()).length).toBeLessThan(3);
    expect(await texts(await open("s"))).toHaveLength(3);
  });

  it("keeps saves in the order of add() even when nobody waits for them", async () => {
    const memory = await open("s", { memory: slowerEarlier() });
    for (let i = 0; i < 10; i++) void memory.add({ role: "user", content: `m${i}` });
    await memory.flush();
    expect(await texts(await open("s"))).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`));
  });

  it("loses nothing when 50 processes add to one session at once", async () => {
    target.mock.faults.latency(2);
    const memories = await Promise.all(Array.from({ length: 50 }, () => open("shared")));
    await Promise.all(memories.map((m, i) => m.add({ role: "user", content: `m${i}` })));
    const stored = await texts(await open("shared"));
    expect(new Set(stored)).toEqual(new Set(memories.map((_, i) => `m${i}`)));
    expect(stored).toHaveLength(50);
  });

  it("clear() deletes the stored history after the saves already queued", async () => {
    const memory = await open("s", { memory: slowerEarlier() });
    void memory.add({ role: "user", content: "queued" });
    await memory.clear();
    await memory.add({ role: "user", content: "after" });
    expect(await texts(memory)).toEqual(["after"]);
    expect(await texts(await open("s"))).toEqual(["after"]);
  });

  it("rejects an awaited add with the BotWireError when the save fails", async () => {
    const onError = vi.fn();
    const memory = await open("s", { onError });
    target.mock.faults.failNext(1, { status: 503, code: "store_unavailable" });
    const failing = memory.add({ role: "user", content: "lost" });
    await expect(failing).rejects.toSatisfy(BotWireUnavailableError.isInstance);
    expect(onError).toHaveBeenCalledOnce();
    expect(onError.mock.calls[0]?.[1]).toMatchObject([{ role: "user", content: "lost" }]);
    // The failure was reported; later saves go on.
    await memory.add({ role: "user", content: "kept" });
    expect(await texts(await open("s"))).toEqual(["kept"]);
  });

  it("surfaces a failed fire-and-forget save through onError and flush(), never as an unhandled rejection", async () => {
    const onError = vi.fn();
    const memory = await open("s", { onError });
    target.mock.faults.networkErrorNext(1);
    void memory.add({ role: "assistant", content: "streamed reply" });
    await expect(memory.flush()).rejects.toSatisfy(BotWireNetworkError.isInstance);
    expect(onError).toHaveBeenCalledWith(expect.any(BotWireError), [
      expect.objectContaining({ content: "streamed reply" }),
    ]);
    await expect(memory.flush()).resolves.toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(unhandled).toEqual([]);
  });

  it("logs failed saves with the logger option when no onError is given", async () => {
    const logger = { log: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const memory = await open("s", { logger });
    target.mock.faults.failNext(1, { status: 503, code: "store_unavailable" });
    void memory.add({ role: "user", content: "x" });
    await expect(memory.flush()).rejects.toThrow(/503/);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringMatching(/not saved/),
      expect.any(BotWireUnavailableError),
    );
  });

  it("refuses a message no adapter takes, like llamaindex, and saves nothing", async () => {
    const memory = await open("s");
    await expect(memory.add({ text: "no role" })).rejects.toThrow(/None of the adapters/);
    await expect(memory.addAll([])).resolves.toBeUndefined();
    expect(target.mock.requests.filter((r) => r.method === "POST")).toEqual([]);
  });

  it("fails with a BotWireError when the history cannot be read or the session id is bad", async () => {
    target.mock.faults.failNext(4, { status: 503, code: "store_unavailable" });
    await expect(open("s", { memory: target.memory("li", { retry: false }) })).rejects.toSatisfy(
      BotWireUnavailableError.isInstance,
    );
    await expect(open("")).rejects.toSatisfy(BotWireError.isInstance);
    await expect(createBotWireMemory({ sessionId: "s", namespace: "bad space" })).rejects.toThrow(
      /namespace/,
    );
  });
});
