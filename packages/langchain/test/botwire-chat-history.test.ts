import { Memory } from "@botwire/core";
import { mockServerTarget } from "@botwire/test-suite/targets";
import {
  AIMessage,
  type BaseMessage,
  HumanMessage,
  SystemMessage,
  ToolMessage,
} from "@langchain/core/messages";
import { beforeEach, describe, expect, it } from "vitest";
import { BotWireChatHistory } from "../src/index.js";

describe("BotWireChatHistory", () => {
  let target: ReturnType<typeof mockServerTarget>;
  beforeEach(() => {
    target = mockServerTarget();
  });

  it("round-trips every message type with ids, tool calls, metadata and multimodal content", async () => {
    const history = new BotWireChatHistory({ sessionId: "types", memory: target.memory("lc") });
    const messages: BaseMessage[] = [
      new SystemMessage("You are terse."),
      new HumanMessage({
        content: [
          { type: "text", text: "What is in this picture?" },
          { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
        ],
        id: "h1",
        additional_kwargs: { source: "web" },
      }),
      new AIMessage({
        content: "",
        id: "a1",
        tool_calls: [{ id: "call-1", name: "lookup", args: { q: "cats" } }],
        response_metadata: { model: "fake", tokens: 3 },
      }),
      new ToolMessage({ content: '{"result":"cats"}', tool_call_id: "call-1", name: "lookup" }),
      new AIMessage("A cat."),
    ];
    await history.addMessages(messages);
    const read = await new BotWireChatHistory({
      sessionId: "types",
      memory: target.memory("lc"),
    }).getMessages();
    expect(read.map((m) => m.getType())).toEqual(["system", "human", "ai", "tool", "ai"]);
    expect(read[1]?.content).toEqual(messages[1]?.content);
    expect(read[1]).toMatchObject({ id: "h1", additional_kwargs: { source: "web" } });
    // LangChain's stored form keeps id, name and args (it drops the redundant `type` tag).
    expect((read[2] as AIMessage).tool_calls).toMatchObject([
      { id: "call-1", name: "lookup", args: { q: "cats" } },
    ]);
    expect(read[2]?.response_metadata).toEqual({ model: "fake", tokens: 3 });
    expect(read[3]).toMatchObject({ tool_call_id: "call-1", name: "lookup" });
  });

  it("writes each addMessages call as one append, refreshing the TTL", async () => {
    const history = new BotWireChatHistory({
      sessionId: "s",
      memory: target.memory("lc"),
      ttl: 60,
      keyPrefix: "chat:",
    });
    await history.addMessages([new HumanMessage("a"), new AIMessage("b")]);
    await history.addMessage(new HumanMessage("c"));
    await history.addMessages([]);
    expect(target.mock.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /v1/namespaces/lc/lists/chat%3As",
      "POST /v1/namespaces/lc/lists/chat%3As",
    ]);
    target.advanceTime(59_000);
    await history.addMessage(new AIMessage("d"));
    target.advanceTime(59_000);
    expect(await history.getMessages()).toHaveLength(4);
    target.advanceTime(1_001);
    expect(await history.getMessages()).toEqual([]);
  });

  it("uses the namespace option for its default client", async () => {
    const history = new BotWireChatHistory({ sessionId: "s", namespace: "my-app" });
    expect(history.lc_namespace).toContain("botwire");
    expect(() => new BotWireChatHistory({ sessionId: "s", namespace: "bad space" })).toThrow(
      /namespace/,
    );
  });

  it("keeps every message under concurrency, where the seed's read-modify-write loses some", async () => {
    target.mock.faults.latency(2);
    const memory = target.memory("lc");
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        new BotWireChatHistory({ sessionId: "safe", memory }).addMessages([
          new HumanMessage(`m${i}`),
        ]),
      ),
    );
    expect(await new BotWireChatHistory({ sessionId: "safe", memory }).getMessages()).toHaveLength(
      50,
    );

    // The seed article's pattern: the whole history in one value, read, pushed to, written back.
    const seedPattern = async (m: Memory, text: string) => {
      const history = (await m.get<string[]>("seed_history")) ?? [];
      history.push(text);
      await m.set("seed_history", history);
    };
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        seedPattern(new Memory("lc", { url: target.mock.url, fetch: target.mock.fetch }), `m${i}`),
      ),
    );
    const kept = (await memory.get<string[]>("seed_history")) ?? [];
    expect(kept.length).toBeLessThan(50);
  });
});
