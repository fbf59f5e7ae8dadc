import { BotWireUnavailableError } from "@botwire/core";
import { mockServerTarget, referenceServerTarget } from "@botwire/test-suite/targets";
import type { ChatMessage } from "@llamaindex/core/llms";
import { MockLLM } from "@llamaindex/core/llms/mock";
import { BaseRetriever } from "@llamaindex/core/retriever";
import { type NodeWithScore, TextNode } from "@llamaindex/core/schema";
import { tool } from "@llamaindex/core/tools";
import { extractText } from "@llamaindex/core/utils";
import { agent } from "@llamaindex/workflow";
import { ContextChatEngine, SimpleChatEngine } from "llamaindex";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { BotWireFactsBlock, createBotWireMemory } from "../src/index.js";

/** A mock model that answers `reply` and records the prompt of each call as "role: text" lines. */
function recordingLlm(reply: string) {
  const llm = new MockLLM({ responseMessage: reply, timeBetweenToken: 0 });
  const chat = vi.spyOn(llm, "chat");
  const prompts = () =>
    chat.mock.calls.map(([params]) =>
      params.messages.map((m: ChatMessage) => `${m.role}: ${extractText(m.content)}`),
    );
  return { llm, prompts };
}

/** A retriever that always finds the same passage. */
class FixedRetriever extends BaseRetriever {
  constructor(private readonly text: string) {
    super();
  }
  async _retrieve(): Promise<NodeWithScore[]> {
    return [{ node: new TextNode({ text: this.text }), score: 1 }];
  }
}

/** Drains a streamed engine answer into its text. */
async function collect(stream: AsyncIterable<{ delta: string }>): Promise<string> {
  let text = "";
  for await (const chunk of stream) text += chunk.delta;
  return text;
}

describe("llamaindex chat engines with BotWire memory, on the reference server over HTTP", () => {
  const target = referenceServerTarget("http");
  beforeAll(() => target.start());
  afterAll(() => target.close());
  /** A Memory as a freshly started process makes it: new client, restored from the server. */
  const restore = (sessionId: string, options = {}) =>
    createBotWireMemory({ sessionId, memory: target.memory("app"), ...options });

  it("SimpleChatEngine: a restarted process sees the earlier turns", async () => {
    const first = recordingLlm("Nice to meet you, Ada.");
    await new SimpleChatEngine({ llm: first.llm, memory: await restore("simple") }).chat({
      message: "My name is Ada.",
    });

    const second = recordingLlm("Your name is Ada.");
    const engine = new SimpleChatEngine({ llm: second.llm, memory: await restore("simple") });
    const answer = await engine.chat({ message: "What is my name?" });
    expect(answer.message.content).toBe("Your name is Ada.");
    expect(second.prompts()).toEqual([
      ["user: My name is Ada.", "assistant: Nice to meet you, Ada.", "user: What is my name?"],
    ]);
  });

  it("SimpleChatEngine streaming: the reply it adds without waiting is saved, before the next question", async () => {
    const memory = await restore("stream");
    const { llm } = recordingLlm("Streamed.");
    const engine = new SimpleChatEngine({ llm, memory });
    expect(await collect(await engine.chat({ message: "one", stream: true }))).toBe("Streamed.");
    // No flush: the next turn starts while the reply's save may still be in flight.
    await engine.chat({ message: "two" });
    await memory.flush();
    const restored = await (await restore("stream")).get();
    expect(restored.map((m) => `${m.role}: ${extractText(m.content)}`)).toEqual([
      "user: one",
      "assistant: Streamed.",
      "user: two",
      "assistant: Streamed.",
    ]);
  });

  it("ContextChatEngine: a restarted process sees the earlier turns next to the retrieved context", async () => {
    const retriever = new FixedRetriever("BotWire keeps chat histories on SQLite.");
    /** One turn in a freshly started process; the prompt the model saw. */
    const turn = async (message: string, reply: string) => {
      const { llm, prompts } = recordingLlm(reply);
      const chatHistory = await restore("context");
      await new ContextChatEngine({ retriever, chatModel: llm, chatHistory }).chat({ message });
      return prompts()[0];
    };
    await turn("My favourite colour is blue.", "Blue, noted.");
    const prompt = await turn("What is my favourite colour?", "Blue.");
    // llamaindex puts the context (a system message) after the history.
    expect(prompt?.slice(0, 3)).toEqual([
      "user: My favourite colour is blue.",
      "assistant: Blue, noted.",
      "user: What is my favourite colour?",
    ]);
    expect(prompt?.[3]).toMatch(/^system: .*BotWire keeps chat histories on SQLite/s);
    expect(prompt).toHaveLength(4);
  });

  it("agent workflow: it adds messages without waiting; flush() saves them for the next process", async () => {
    const first = await restore("agent");
    const echo = tool((input: { text: string }) => input.text, {
      name: "echo",
      description: "Repeats its input.",
      parameters: {
        type: "object",
        properties: { text: { type: "string" } },
        required: ["text"],
      },
    });
    const ran = await agent({
      llm: recordingLlm("Hello Ada.").llm,
      tools: [echo],
      memory: first,
    }).run("My name is Ada.");
    expect(ran.data.result).toBe("Hello Ada.");
    await first.flush();

    const { llm, prompts } = recordingLlm("You are Ada.");
    await agent({ llm, tools: [echo], memory: await restore("agent") }).run("Who am I?");
    expect(prompts()[0]?.slice(-3)).toEqual([
      "user: My name is Ada.",
      "assistant: Hello Ada.",
      "user: Who am I?",
    ]);
  });

  it("BotWireFactsBlock: the prompt carries the stored facts, as another process last wrote them", async () => {
    const profile = new BotWireFactsBlock({ memory: target.memory("user-7"), prefix: "profile:" });
    await profile.remember("name", "Ada");
    await profile.remember("languages", ["TypeScript", "Rust"]);
    const memory = await restore("facts", { memoryBlocks: [profile] });
    const { llm, prompts } = recordingLlm("Hi Ada.");
    const engine = new SimpleChatEngine({ llm, memory });
    await engine.chat({ message: "Hello!" });
    // Another process learns something new; the next prompt has it.
    await target.memory("user-7").set("profile:city", "Lyon");
    await engine.chat({ message: "Where do I live?" });
    expect(prompts().map((p) => p[0])).toEqual([
      'memory: Long-term facts you remember:\n- languages: ["TypeScript","Rust"]\n- name: Ada',
      'memory: Long-term facts you remember:\n- city: Lyon\n- languages: ["TypeScript","Rust"]\n- name: Ada',
    ]);
    // The facts are not chat history: nothing of them was appended to the session.
    expect((await (await restore("facts")).get()).map((m) => m.role)).toEqual([
      "user",
      "assistant",
      "user",
      "assistant",
    ]);
  });
});

describe("a streaming engine whose reply cannot be saved", () => {
  it("tells onError and flush(), with no unhandled rejection", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const target = mockServerTarget();
      const onError = vi.fn();
      const memory = await createBotWireMemory({
        sessionId: "s",
        memory: target.memory("app"),
        onError,
      });
      const { llm } = recordingLlm("Lost reply.");
      const stream = await new SimpleChatEngine({ llm, memory }).chat({
        message: "hi",
        stream: true,
      });
      target.mock.faults.failNext(1, { status: 503, code: "store_unavailable" });
      expect(await collect(stream)).toBe("Lost reply.");
      await expect(memory.flush()).rejects.toSatisfy(BotWireUnavailableError.isInstance);
      expect(onError.mock.calls.map(([, messages]) => messages[0].content)).toEqual([
        "Lost reply.",
      ]);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});
