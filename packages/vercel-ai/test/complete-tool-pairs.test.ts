import type { LanguageModelV4Message } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { completeToolPairs } from "../src/complete-tool-pairs.js";

const text = (role: "user" | "assistant", value: string) =>
  ({ role, content: [{ type: "text", text: value }] }) as LanguageModelV4Message;
const toolCall = { type: "tool-call", toolCallId: "c1", toolName: "t", input: {} } as const;
const toolResult = {
  type: "tool-result",
  toolCallId: "c1",
  toolName: "t",
  output: { type: "text", value: "r" },
} as const;

describe("completeToolPairs", () => {
  it("drops a tool call whose result was never stored, and a message it leaves empty", () => {
    const history: LanguageModelV4Message[] = [
      text("user", "weather?"),
      { role: "assistant", content: [{ type: "text", text: "Looking." }, toolCall] },
      { role: "assistant", content: [{ ...toolCall, toolCallId: "c2" }] },
      text("user", "never mind"),
    ];
    expect(completeToolPairs(history, [])).toEqual([
      text("user", "weather?"),
      text("assistant", "Looking."),
      text("user", "never mind"),
    ]);
  });

  it("keeps a call whose result is in the caller's prompt, and provider-executed pairs", () => {
    const history: LanguageModelV4Message[] = [
      text("user", "search"),
      { role: "assistant", content: [toolCall] },
      {
        role: "assistant",
        content: [
          { ...toolCall, toolCallId: "p1", providerExecuted: true },
          { ...toolResult, toolCallId: "p1" },
        ],
      },
    ];
    const prompt: LanguageModelV4Message[] = [{ role: "tool", content: [toolResult] }];
    expect(completeToolPairs(history, prompt)).toEqual(history);
  });

  it("starts at a user message, dropping results whose call fell out of the window", () => {
    const history: LanguageModelV4Message[] = [
      { role: "tool", content: [toolResult] },
      text("assistant", "It is sunny."),
      text("user", "thanks"),
    ];
    expect(completeToolPairs(history, [])).toEqual([text("user", "thanks")]);
  });
});
