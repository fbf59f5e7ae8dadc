import type { LanguageModelV4Message } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { alignPrompt, fingerprint } from "../src/align-prompt.js";
import { toStoredMessage } from "../src/stored-message.js";

const user = (text: string): LanguageModelV4Message => ({
  role: "user",
  content: [{ type: "text", text }],
});
const assistant = (text: string): LanguageModelV4Message => ({
  role: "assistant",
  content: [{ type: "text", text }],
});
const call = (id: string): LanguageModelV4Message => ({
  role: "assistant",
  content: [{ type: "tool-call", toolCallId: id, toolName: "t", input: { q: id } }],
});
const result = (id: string): LanguageModelV4Message => ({
  role: "tool",
  content: [
    { type: "tool-result", toolCallId: id, toolName: "t", output: { type: "text", value: id } },
  ],
});

describe("alignPrompt", () => {
  it("treats a plain new turn as new and keeps the whole window before it", () => {
    const window = [user("hi"), assistant("hello")];
    expect(alignPrompt([user("how are you?")], window)).toEqual({ known: 0, history: window });
  });

  it("finds a tool loop's earlier steps at the end of the window", () => {
    const window = [user("old"), assistant("ok"), user("weather?"), call("c1")];
    const prompt = [user("weather?"), call("c1"), result("c1")];
    expect(alignPrompt(prompt, window)).toEqual({ known: 2, history: window.slice(0, 2) });
  });

  it("finds them before another call's turn on the same session", () => {
    const window = [user("weather?"), call("c1"), user("other"), assistant("reply")];
    const prompt = [user("weather?"), call("c1"), result("c1")];
    expect(alignPrompt(prompt, window)).toEqual({ known: 2, history: [] });
  });

  it("recognises a resent conversation longer than the window", () => {
    const all = [user("a"), assistant("1"), user("b"), assistant("2"), user("c"), assistant("3")];
    const prompt = [...all, user("d")];
    expect(alignPrompt(prompt, all.slice(-2))).toEqual({ known: 6, history: [] });
    expect(alignPrompt(prompt, all)).toEqual({ known: 6, history: [] });
  });

  it("stores the same words said again as a new turn", () => {
    const window = [user("yes"), assistant("sure"), user("thanks"), assistant("welcome")];
    expect(alignPrompt([user("yes")], window).known).toBe(0);
  });

  it("counts a retried message whose reply was never stored as known", () => {
    const window = [user("a"), assistant("1"), user("retry me")];
    expect(alignPrompt([user("retry me")], window)).toEqual({
      known: 1,
      history: window.slice(0, 2),
    });
  });

  it("matches a stored message with the form the SDK rebuilds (placeholders, empty text, metadata)", () => {
    const file: LanguageModelV4Message = {
      role: "user",
      content: [
        { type: "text", text: "what is this?" },
        { type: "file", mediaType: "image/png", data: { type: "data", data: new Uint8Array([1]) } },
      ],
    };
    const stored = toStoredMessage(file) as unknown as LanguageModelV4Message;
    expect(fingerprint(stored)).toBe(fingerprint(file));
    const rebuilt: LanguageModelV4Message = {
      role: "assistant",
      content: [
        { type: "text", text: "" },
        { type: "text", text: "ok", providerOptions: { p: { x: 1 } } },
      ],
    };
    expect(fingerprint(rebuilt)).toBe(fingerprint(assistant("ok")));
  });
});
