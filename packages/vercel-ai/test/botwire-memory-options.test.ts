import type { LanguageModelV4Message, LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { BotWireValidationError } from "@botwire/core";
import { mockServerTarget } from "@botwire/test-suite/targets";
import { generateText, streamText, wrapLanguageModel } from "ai";
import { convertArrayToReadableStream, MockLanguageModelV4 } from "ai/test";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { type BotWireMemoryOptions, botwireMemory } from "../src/index.js";
import { promptLines, scriptedModel } from "./scripted-model.js";

describe("botwireMemory options and failures", () => {
  let target: ReturnType<typeof mockServerTarget>;
  beforeEach(() => {
    target = mockServerTarget();
  });
  const wrap = (model: MockLanguageModelV4, options: BotWireMemoryOptions = {}) =>
    wrapLanguageModel({
      model,
      middleware: botwireMemory({ memory: target.memory("ai"), ...options }),
    });
  const stored = async (sessionId: string) =>
    (await target.memory("ai").range<LanguageModelV4Message>(sessionId)).map((item) => item.value);

  it("needs a session, from the option or providerOptions.botwire.sessionId (which wins)", async () => {
    const model = scriptedModel();
    const call = (providerOptions?: Record<string, Record<string, never>>) =>
      generateText({ model: wrap(model), prompt: "hi", providerOptions });
    await expect(call()).rejects.toThrow(BotWireValidationError);
    await expect(call()).rejects.toThrow(
      /botwireMemory needs a session: pass botwireMemory\(\{ sessionId \}\)/,
    );
    await expect(call({ botwire: { sessionId: 42 as never } })).rejects.toThrow(
      /sessionId must be a non-empty string, got 42/,
    );
    expect(model.doGenerateCalls).toHaveLength(0);

    await generateText({
      model: wrap(model, { sessionId: "default" }),
      prompt: "hi",
      providerOptions: { botwire: { sessionId: "override" } },
    });
    expect(await stored("override")).toHaveLength(2);
    expect(await stored("default")).toEqual([]);
  });

  it("puts the newest maxMessages after the system messages, with one read and one append per call", async () => {
    const model = scriptedModel();
    const chat = wrap(model, { sessionId: "s", maxMessages: 3 });
    for (const prompt of ["one", "two", "three"]) {
      await generateText({ model: chat, system: "Be kind.", prompt });
    }
    expect(promptLines(model.doGenerateCalls[2] ?? { prompt: [] })).toEqual([
      "system: Be kind.",
      "user: two",
      "assistant: 2 earlier, you said: two",
      "user: three",
    ]);
    expect(target.mock.requests.map((r) => `${r.method} ${r.path}`)).toEqual(
      Array.from({ length: 3 }, () => [
        "GET /v1/namespaces/ai/lists/s?last=3",
        "POST /v1/namespaces/ai/lists/s",
      ]).flat(),
    );
    expect(() => botwireMemory({ maxMessages: 0 })).toThrow(
      /maxMessages must be an integer from 1 to 10000/,
    );
    expect(() => botwireMemory({ namespace: "bad space" })).toThrow(/namespace/);
  });

  it("refreshes the TTL with every turn", async () => {
    const chat = wrap(scriptedModel(), { sessionId: "s", ttl: 60 });
    await generateText({ model: chat, prompt: "a" });
    target.advanceTime(59_000);
    await generateText({ model: chat, prompt: "b" });
    target.advanceTime(59_000);
    expect(await stored("s")).toHaveLength(4);
    target.advanceTime(1_001);
    expect(await stored("s")).toEqual([]);
  });

  it("saves nothing when generation fails, so a retry does not repeat the message", async () => {
    const model = new MockLanguageModelV4({
      doGenerate: async () => {
        throw new Error("provider down");
      },
    });
    await expect(
      generateText({ model: wrap(model, { sessionId: "s" }), prompt: "hi", maxRetries: 0 }),
    ).rejects.toThrow("provider down");
    expect(await stored("s")).toEqual([]);
  });

  it("saves the partial reply marked 'error' when the stream fails or carries an error part", async () => {
    // Parts are read one by one before the failure (an error discards a stream's queue).
    const failing = (parts: LanguageModelV4StreamPart[], fail: boolean) =>
      new MockLanguageModelV4({
        doStream: async () => {
          const queue = [...parts];
          return {
            stream: new ReadableStream({
              pull(controller) {
                const part = queue.shift();
                if (part) controller.enqueue(part);
                else if (fail) controller.error(new Error("connection reset"));
                else controller.close();
              },
            }),
          };
        },
      });
    const parts: LanguageModelV4StreamPart[] = [
      { type: "text-start", id: "t" },
      { type: "text-delta", id: "t", delta: "Half an" },
    ];
    const errors: unknown[] = [];
    await streamText({
      model: wrap(failing(parts, true), { sessionId: "thrown" }),
      prompt: "hi",
    }).consumeStream({ onError: (error) => errors.push(error) });
    await streamText({
      model: wrap(failing([...parts, { type: "error", error: "overloaded" }], false), {
        sessionId: "part",
      }),
      prompt: "hi",
      onError: () => {}, // the error part is expected: keep the test's output quiet
    }).consumeStream();
    expect(errors).toEqual([new Error("connection reset")]);
    for (const sessionId of ["thrown", "part"]) {
      expect(await stored(sessionId)).toEqual([
        { role: "user", content: [{ type: "text", text: "hi" }] },
        {
          role: "assistant",
          content: [{ type: "text", text: "Half an" }],
          providerOptions: { botwire: { incomplete: "error" } },
        },
      ]);
    }
  });

  it("errors the stream when its save fails, and reports a failed save after an abort to onError", async () => {
    const fault = () => target.mock.faults.failNext(1, { status: 400, code: "invalid_request" });
    const model = new MockLanguageModelV4({
      doStream: async () => {
        fault(); // armed after the window is read: the append at the end fails
        return {
          stream: convertArrayToReadableStream<LanguageModelV4StreamPart>([
            { type: "text-start", id: "t" },
            { type: "text-delta", id: "t", delta: "Hello" },
            { type: "text-end", id: "t" },
          ]),
        };
      },
    });
    const errors: unknown[] = [];
    await streamText({
      model: wrap(model, { sessionId: "s" }),
      prompt: "hi",
    }).consumeStream({ onError: (error) => errors.push(error) });
    expect(errors).toEqual([expect.any(BotWireValidationError)]);

    const onError = vi.fn();
    const hanging = new MockLanguageModelV4({
      doStream: async () => {
        fault();
        return {
          stream: new ReadableStream<LanguageModelV4StreamPart>({
            start(controller) {
              controller.enqueue({ type: "text-start", id: "t" });
              controller.enqueue({ type: "text-delta", id: "t", delta: "Hel" });
            },
          }),
        };
      },
    });
    const abort = new AbortController();
    const result = streamText({
      model: wrap(hanging, { sessionId: "s", onError }),
      prompt: "hi",
      abortSignal: abort.signal,
    });
    for await (const _ of result.textStream) abort.abort();
    await vi.waitFor(() =>
      expect(onError).toHaveBeenCalledWith(expect.any(BotWireValidationError)),
    );
    expect(await stored("s")).toEqual([]);
  });
});
