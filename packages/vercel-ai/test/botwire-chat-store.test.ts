import { randomUUID } from "node:crypto";
import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { BotWireConflictError, BotWireValidationError } from "@botwire/core";
import { mockServerTarget } from "@botwire/test-suite/targets";
import type { UIMessage } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { botwireChatStore } from "../src/index.js";
import { chatRoute, HeadlessChat, uiLines } from "./chat-app.js";
import { scriptedModel, usage } from "./scripted-model.js";
import { everyTarget } from "./targets.js";

const targets = everyTarget();

const user = (id: string, text: string): UIMessage => ({
  id,
  role: "user",
  parts: [{ type: "text", text }],
});

/** A model that streams "Hello" then waits for `release()` before " world". */
function gatedModel() {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const model = new MockLanguageModelV4({
    doStream: async () => {
      const parts: LanguageModelV4StreamPart[] = [
        { type: "stream-start", warnings: [] },
        { type: "text-start", id: "t" },
        { type: "text-delta", id: "t", delta: "Hello" },
      ];
      const rest: LanguageModelV4StreamPart[] = [
        { type: "text-delta", id: "t", delta: " world" },
        { type: "text-end", id: "t" },
        { type: "finish", usage, finishReason: { unified: "stop", raw: undefined } },
      ];
      return {
        stream: new ReadableStream({
          async pull(controller) {
            const part = parts.shift();
            if (part) return controller.enqueue(part);
            await gate;
            for (const late of rest) controller.enqueue(late);
            controller.close();
          },
        }),
      };
    },
  });
  return { model, release };
}

for (const [name, target] of Object.entries(targets)) {
  describe(`botwireChatStore on the ${name}`, () => {
    beforeAll(() => target.start());
    afterAll(() => target.close());

    it("saves a useChat conversation through the route and reloads it in a new page", async () => {
      const chats = botwireChatStore({ memory: target.memory("chats") });
      const model = scriptedModel();
      const route = chatRoute(chats, model);
      const chatId = randomUUID();

      const tab = new HeadlessChat(chatId, await chats.load(chatId), route);
      await tab.sendMessage({ text: "My name is Ada." });
      expect(tab.status).toBe("ready");

      // A reload: the page reads the stored chat and hands it to useChat.
      const reloaded = await chats.load(chatId);
      expect(reloaded).toEqual(tab.messages);
      const page = new HeadlessChat(chatId, reloaded, route);
      await page.sendMessage({ text: "What is my name?" });

      const stored = await chats.load(chatId);
      expect(uiLines(stored)).toEqual([
        "user: My name is Ada.",
        "assistant: 0 earlier, you said: My name is Ada.",
        "user: What is my name?",
        "assistant: 2 earlier, you said: What is my name?",
      ]);
      // Ids are made on the server and the client shows the same ones.
      expect(stored.map((message) => message.id)).toEqual(page.messages.map((m) => m.id));
      expect(stored[1]?.id).toMatch(/^msg-\w{16}$/);
    });

    it("still saves the whole answer when the client hangs up mid-stream", async () => {
      const chats = botwireChatStore({ memory: target.memory("chats") });
      const { model, release } = gatedModel();
      const chatId = randomUUID();
      const tab = new HeadlessChat(chatId, [], chatRoute(chats, model));
      const sending = tab.sendMessage({ text: "Say hello." });
      await vi.waitFor(() => expect(uiLines(tab.messages)).toContain("assistant: Hello"));
      await tab.stop(); // the browser tab closes: the request is aborted
      await sending;
      release();
      await vi.waitFor(async () =>
        expect(uiLines(await chats.load(chatId))).toEqual([
          "user: Say hello.",
          "assistant: Hello world",
        ]),
      );
    });

    it("refuses to let a tab's answer overwrite another's saved meanwhile: a typed conflict", async () => {
      const chats = botwireChatStore({ memory: target.memory("chats") });
      const chatId = randomUUID();
      const slow = gatedModel();
      const errors: unknown[] = [];
      const tabA = new HeadlessChat(
        chatId,
        [],
        chatRoute(chats, slow.model, { onError: (error) => errors.push(error) }),
      );
      const tabB = new HeadlessChat(chatId, [], chatRoute(chats, scriptedModel()));
      const sendingA = tabA.sendMessage({ text: "from A" });
      await vi.waitFor(() => expect(uiLines(tabA.messages)).toContain("assistant: Hello"));
      await tabB.sendMessage({ text: "from B" }); // opened the same empty chat, saved first
      slow.release();
      await sendingA;
      // A's save, against the version it read, was refused and nothing of B's was lost.
      expect(errors).toEqual([expect.any(BotWireConflictError)]);
      expect(uiLines(await chats.load(chatId))).toEqual([
        "user: from B",
        "assistant: 0 earlier, you said: from B",
      ]);
      expect(tabA.status).toBe("ready"); // with onError, A's answer is still shown
      // A, still showing its own stale view, sends again: the route builds on the stored chat.
      await tabA.sendMessage({ text: "A again" });
      expect(uiLines(await chats.load(chatId))).toEqual([
        "user: from B",
        "assistant: 0 earlier, you said: from B",
        "user: A again",
        "assistant: Hello world", // tab A's route answers with the (released) gated model
      ]);

      // Without onError, the refusal ends the response with an error that useChat shows.
      const chat = await chats.open(chatId);
      const tabC = new HeadlessChat(chatId, chat.messages, async (request) => {
        const response = await chatRoute(chats, scriptedModel())(request);
        await chats.save(chatId, [...chat.messages, user("x", "sneaked in")]);
        return response;
      });
      await tabC.sendMessage({ text: "from C" });
      expect(tabC.status).toBe("error");
      expect(uiLines(await chats.load(chatId)).at(-1)).toBe("user: sneaked in");
    });

    it("saves with If-Match: a stale version or an existing chat refuses with BotWireConflictError", async () => {
      const chats = botwireChatStore({ memory: target.memory("chats"), ttl: 60 });
      const chatId = randomUUID();
      expect(await chats.open(chatId)).toEqual({ chatId, messages: [], version: null });
      const v1 = await chats.save(chatId, [user("1", "hi")], { ifVersion: null });
      await expect(chats.save(chatId, [], { ifVersion: null })).rejects.toThrow(
        BotWireConflictError,
      );
      const v2 = await chats.save(chatId, [user("1", "hi"), user("2", "again")], { ifVersion: v1 });
      const stale = chats.save(chatId, [user("1", "lost")], { ifVersion: v1 });
      await expect(stale).rejects.toSatisfy(
        (error) => BotWireConflictError.isInstance(error) && error.currentVersion === v2,
      );
      expect(await chats.open(chatId)).toMatchObject({
        version: v2,
        messages: [{ id: "1" }, { id: "2" }],
      });
      expect(await chats.delete(chatId)).toBe(true);
      expect(await chats.load(chatId)).toEqual([]);
    });
  });
}

describe("botwireChatStore input checks", () => {
  it("refuses a list that does not hold UI messages, and a non-array save", async () => {
    const target = mockServerTarget();
    const memory = target.memory("chats");
    const chats = botwireChatStore({ memory });
    await memory.append("other", [{ role: "user", content: "not a UI message" }]);
    await expect(chats.load("other")).rejects.toThrow(BotWireValidationError);
    await expect(chats.load("other")).rejects.toThrow(/Item 0 of chat "other" is not a UI message/);
    await expect(chats.save("c", "nope" as never)).rejects.toThrow(/needs an array of UI messages/);
  });
});
