import { mockServerTarget } from "@botwire/test-suite/targets";
import { createMemory } from "@llamaindex/core/memory";
import { beforeEach, describe, expect, it } from "vitest";
import { BotWireFactsBlock, formatFacts } from "../src/index.js";

describe("BotWireFactsBlock", () => {
  let target: ReturnType<typeof mockServerTarget>;
  beforeEach(() => {
    target = mockServerTarget();
  });

  it("recalls named facts in one batched read, leaving absent ones out", async () => {
    const memory = target.memory("user-1");
    await memory.setMany([
      { key: "p:name", value: "Ada" },
      { key: "p:age", value: 36 },
    ]);
    const before = target.mock.requests.length;
    const block = new BotWireFactsBlock({
      memory,
      prefix: "p:",
      names: ["name", "unknown", "age"],
    });
    expect(await block.recall()).toEqual([
      ["age", 36],
      ["name", "Ada"],
    ]);
    expect(target.mock.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /v1/namespaces/user-1/batch",
    ]);
  });

  it("recalls every value under its prefix, skipping lists and other prefixes", async () => {
    const memory = target.memory("user-1");
    await memory.set("profile:name", "Ada");
    await memory.set("other:name", "Bob");
    await memory.append("profile:log", ["a list, not a fact"]);
    const block = new BotWireFactsBlock({ memory, prefix: "profile:", id: "profile" });
    expect(await block.get()).toEqual([
      { id: "profile", role: "memory", content: "Long-term facts you remember:\n- name: Ada" },
    ]);
    expect(block).toMatchObject({ priority: 0, isLongTerm: false });
  });

  it("gives no message without facts, and forgets and expires them", async () => {
    const block = new BotWireFactsBlock({ memory: target.memory("user-1") });
    expect(await block.get()).toEqual([]);
    await block.remember("mood", "happy", { ttl: 10 });
    await block.remember("city", "Lyon");
    expect(await block.forget("city")).toBe(true);
    expect(await block.forget("city")).toBe(false);
    expect(await block.recall()).toEqual([["mood", "happy"]]);
    target.advanceTime(10_001);
    expect(await block.recall()).toEqual([]);
  });

  it("uses the format and role options", async () => {
    const block = new BotWireFactsBlock({
      memory: target.memory("user-1"),
      format: (facts) => facts.map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(";"),
      messageRole: "system",
      priority: 5,
    });
    await block.remember("a", { nested: [1] });
    expect((await block.get())[0]).toMatchObject({ role: "system", content: 'a={"nested":[1]}' });
    expect(formatFacts([["x", null]])).toBe("Long-term facts you remember:\n- x: null");
  });

  it("puts the facts into a plain llamaindex Memory's prompt", async () => {
    const block = new BotWireFactsBlock({ memory: target.memory("user-1") });
    await block.remember("name", "Ada");
    const memory = createMemory([{ role: "user", content: "hi" }], { memoryBlocks: [block] });
    expect((await memory.getLLM()).map((m) => m.content)).toEqual([
      "Long-term facts you remember:\n- name: Ada",
      "hi",
    ]);
  });

  it("needs a place to read from", () => {
    expect(() => new BotWireFactsBlock({})).toThrow(/`memory` or `namespace`/);
    expect(() => new BotWireFactsBlock({ namespace: "bad space" })).toThrow(/namespace/);
  });
});
