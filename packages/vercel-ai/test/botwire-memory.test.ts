import { randomUUID } from "node:crypto";
import type { LanguageModelV4Message } from "@ai-sdk/provider";
import {
  mockServerTarget,
  type RunningTarget,
  referenceServerTarget,
} from "@botwire/test-suite/targets";
import { generateText, jsonSchema, stepCountIs, streamText, tool, wrapLanguageModel } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { botwireMemory } from "../src/index.js";
import { lastUserText, promptLines, scriptedModel } from "./scripted-model.js";

const targets: Record<string, RunningTarget> = {
  "mock server": mockServerTarget(),
  "reference server in-process": referenceServerTarget("in-process"),
  "reference server over HTTP": referenceServerTarget("http"),
};

/** A tool loop: the model asks for the weather, reads the result, then answers. */
const weatherScript = scriptedModel((options) => {
  const last = options.prompt.at(-1);
  const result = last?.role === "tool" ? last.content[0] : undefined;
  const asked = lastUserText(options);
  if (result?.type === "tool-result" && result.output.type === "text") {
    return [{ type: "text", text: `It is ${result.output.value}.` }];
  }
  return [
    { type: "text", text: "Let me look." },
    {
      type: "tool-call",
      toolCallId: `call-${asked}`,
      toolName: "weather",
      input: JSON.stringify({ city: asked }),
    },
  ];
});

const weather = tool({
  description: "The weather in a city",
  inputSchema: jsonSchema<{ city: string }>({
    type: "object",
    properties: { city: { type: "string" } },
    required: ["city"],
  }),
  execute: async ({ city }) => `sunny in ${city}`,
});

/** Stored messages of a session, as `role: texts` lines. */
async function storedLines(target: RunningTarget, namespace: string, sessionId: string) {
  const items = await target.memory(namespace).range<LanguageModelV4Message>(sessionId);
  return promptLines({ prompt: items.map((item) => item.value) });
}

for (const [name, target] of Object.entries(targets)) {
  describe(`botwireMemory on the ${name}`, () => {
    beforeAll(() => target.start());
    afterAll(() => target.close());

    it("generateText through a fresh client sees the earlier turns", async () => {
      const namespace = "vercel-ai";
      const sessionId = randomUUID();
      const first = scriptedModel();
      await generateText({
        model: wrapLanguageModel({
          model: first,
          middleware: botwireMemory({ memory: target.memory(namespace), sessionId }),
        }),
        system: "Be brief.",
        prompt: "My name is Ada.",
      });

      // A new process: new client, new middleware, new model; same session.
      const second = scriptedModel();
      const result = await generateText({
        model: wrapLanguageModel({
          model: second,
          middleware: botwireMemory({ memory: target.memory(namespace) }),
        }),
        system: "Be brief.",
        prompt: "What is my name?",
        providerOptions: { botwire: { sessionId } },
      });
      expect(result.text).toBe("2 earlier, you said: What is my name?");
      expect(promptLines(second.doGenerateCalls[0] ?? { prompt: [] })).toEqual([
        "system: Be brief.",
        "user: My name is Ada.",
        "assistant: 0 earlier, you said: My name is Ada.",
        "user: What is my name?",
      ]);
      expect(await storedLines(target, namespace, sessionId)).toEqual([
        "user: My name is Ada.",
        "assistant: 0 earlier, you said: My name is Ada.",
        "user: What is my name?",
        "assistant: 2 earlier, you said: What is my name?",
      ]);
    });

    it("streamText through a fresh client sees the earlier turns, saved by the time it ends", async () => {
      const sessionId = randomUUID();
      const streamOnce = async (prompt: string) => {
        const result = streamText({
          model: wrapLanguageModel({
            model: scriptedModel(),
            middleware: botwireMemory({ memory: target.memory("vercel-ai"), sessionId }),
          }),
          prompt,
        });
        return result.text;
      };
      expect(await streamOnce("I like tea.")).toBe("0 earlier, you said: I like tea.");
      expect(await streamOnce("What do I like?")).toBe("2 earlier, you said: What do I like?");
      expect(await storedLines(target, "vercel-ai", sessionId)).toEqual([
        "user: I like tea.",
        "assistant: 0 earlier, you said: I like tea.",
        "user: What do I like?",
        "assistant: 2 earlier, you said: What do I like?",
      ]);
    });

    it("stores a multi-step tool loop once: call, result and answer, for generate and stream", async () => {
      const sessionId = randomUUID();
      const memory = target.memory("vercel-ai");
      const model = wrapLanguageModel({
        model: weatherScript,
        middleware: botwireMemory({ memory, sessionId }),
      });
      const generated = await generateText({
        model,
        tools: { weather },
        stopWhen: stepCountIs(5),
        prompt: "Paris",
      });
      expect(generated.text).toBe("It is sunny in Paris.");
      const streamed = streamText({
        model,
        tools: { weather },
        stopWhen: stepCountIs(5),
        prompt: "Oslo",
      });
      expect(await streamed.text).toBe("It is sunny in Oslo.");

      expect(await storedLines(target, "vercel-ai", sessionId)).toEqual([
        "user: Paris",
        "assistant: Let me look. tool-call(call-Paris)",
        "tool: tool-result(call-Paris)",
        "assistant: It is sunny in Paris.",
        "user: Oslo",
        "assistant: Let me look. tool-call(call-Oslo)",
        "tool: tool-result(call-Oslo)",
        "assistant: It is sunny in Oslo.",
      ]);
      // The step after the tool saw each message once, after the stored turn.
      expect(promptLines(weatherScript.doStreamCalls.at(-1) ?? { prompt: [] })).toEqual([
        "user: Paris",
        "assistant: Let me look. tool-call(call-Paris)",
        "tool: tool-result(call-Paris)",
        "assistant: It is sunny in Paris.",
        "user: Oslo",
        "assistant: Let me look. tool-call(call-Oslo)",
        "tool: tool-result(call-Oslo)",
      ]);
      const stored = await memory.range<LanguageModelV4Message>(sessionId);
      expect(stored[1]?.value.content).toContainEqual(
        expect.objectContaining({ type: "tool-call", input: { city: "Paris" } }),
      );
    });

    it("saves what the user sent and the partial reply, marked aborted, when a stream is aborted", async () => {
      const sessionId = randomUUID();
      const memory = target.memory("vercel-ai");
      // A provider that sends one delta, then hangs until the call is cancelled.
      const model = new MockLanguageModelV4({
        doStream: async () => ({
          stream: new ReadableStream({
            start(controller) {
              controller.enqueue({ type: "stream-start", warnings: [] });
              controller.enqueue({ type: "text-start", id: "t" });
              controller.enqueue({ type: "text-delta", id: "t", delta: "Once upon" });
            },
          }),
        }),
      });
      const abort = new AbortController();
      const result = streamText({
        model: wrapLanguageModel({ model, middleware: botwireMemory({ memory, sessionId }) }),
        prompt: "Tell me a story.",
        abortSignal: abort.signal,
      });
      for await (const delta of result.textStream) {
        expect(delta).toBe("Once upon");
        abort.abort();
      }
      await vi.waitFor(async () => expect(await memory.range(sessionId)).toHaveLength(2));
      const stored = await memory.range<LanguageModelV4Message>(sessionId);
      expect(stored.map((item) => item.value)).toEqual([
        { role: "user", content: [{ type: "text", text: "Tell me a story." }] },
        {
          role: "assistant",
          content: [{ type: "text", text: "Once upon" }],
          providerOptions: { botwire: { incomplete: "aborted" } },
        },
      ]);
    });

    it("keeps every turn of 20 concurrent calls on one session, each reply right after its message", async () => {
      const sessionId = randomUUID();
      const model = wrapLanguageModel({
        model: scriptedModel(),
        middleware: botwireMemory({ memory: target.memory("vercel-ai"), sessionId }),
      });
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          i % 2 === 0
            ? generateText({ model, prompt: `m${i}` })
            : streamText({ model, prompt: `m${i}` }).text,
        ),
      );
      const lines = await storedLines(target, "vercel-ai", sessionId);
      expect(lines).toHaveLength(40);
      for (let i = 0; i < 40; i += 2) {
        const said = lines[i]?.replace("user: ", "");
        expect(lines[i + 1]).toMatch(new RegExp(`^assistant: \\d+ earlier, you said: ${said}$`));
      }
      expect(new Set(lines.filter((line) => line.startsWith("user")))).toHaveProperty("size", 20);
    });
  });
}
