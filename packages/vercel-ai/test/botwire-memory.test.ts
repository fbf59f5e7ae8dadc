import { randomUUID } from "node:crypto";
import type { LanguageModelV4Message } from "@ai-sdk/provider";
import type { RunningTarget } from "@botwire/test-suite/targets";
import { generateText, jsonSchema, stepCountIs, streamText, tool, wrapLanguageModel } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { botwireMemory } from "../src/index.js";
import { lastUserText, promptLines, scriptedModel } from "./scripted-model.js";
import { everyTarget } from "./targets.js";

const targets = everyTarget();

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

    for (const via of ["generateText", "streamText"] as const) {
      it(`${via} through a fresh client sees the earlier turns, saved by the time it ends`, async () => {
        const sessionId = randomUUID();
        // Each turn is a new process: new client, new middleware, new model; same session.
        const ask = async (prompt: string) => {
          const model = scriptedModel();
          const options = {
            model: wrapLanguageModel({
              model,
              middleware: botwireMemory({ memory: target.memory("vercel-ai") }),
            }),
            system: "Be brief.",
            prompt,
            providerOptions: { botwire: { sessionId } },
          };
          const text =
            via === "generateText"
              ? (await generateText(options)).text
              : await streamText(options).text;
          const calls = via === "generateText" ? model.doGenerateCalls : model.doStreamCalls;
          return { text, shown: promptLines(calls[0] ?? { prompt: [] }) };
        };
        await ask("My name is Ada.");
        const second = await ask("What is my name?");
        expect(second.text).toBe("2 earlier, you said: What is my name?");
        expect(second.shown).toEqual([
          "system: Be brief.",
          "user: My name is Ada.",
          "assistant: 0 earlier, you said: My name is Ada.",
          "user: What is my name?",
        ]);
        expect(await storedLines(target, "vercel-ai", sessionId)).toEqual([
          ...second.shown.slice(1),
          "assistant: 2 earlier, you said: What is my name?",
        ]);
      });
    }

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

      const lines = await storedLines(target, "vercel-ai", sessionId);
      expect(lines).toEqual([
        "user: Paris",
        "assistant: Let me look. tool-call(call-Paris)",
        "tool: tool-result(call-Paris)",
        "assistant: It is sunny in Paris.",
        "user: Oslo",
        "assistant: Let me look. tool-call(call-Oslo)",
        "tool: tool-result(call-Oslo)",
        "assistant: It is sunny in Oslo.",
      ]);
      // The step after the tool saw each message once: all but the answer it then gave.
      const lastStep = weatherScript.doStreamCalls.at(-1) ?? { prompt: [] };
      expect(promptLines(lastStep)).toEqual(lines.slice(0, -1));
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
