import type { LanguageModelV4Message, LanguageModelV4ToolResultPart } from "@ai-sdk/provider";
import { BotWireValidationError } from "@botwire/core";
import { describe, expect, it } from "vitest";
import { fromStoredMessage, toStoredMessage } from "../src/stored-message.js";

/** A tool result with file content, as a screenshot tool returns. */
const screenshot = (value: unknown) =>
  ({
    type: "tool-result",
    toolCallId: "c",
    toolName: "screenshot",
    output: { type: "content", value },
  }) as const;

describe("stored messages", () => {
  it("keeps files given by URL, reference or text, and restores URLs", () => {
    const message: LanguageModelV4Message = {
      role: "user",
      content: [
        {
          type: "file",
          mediaType: "image/png",
          data: { type: "url", url: new URL("https://example.com/cat.png") },
        },
        {
          type: "file",
          mediaType: "application/pdf",
          data: { type: "reference", reference: { openai: "file-1" } },
        },
        { type: "file", mediaType: "text/plain", data: { type: "text", text: "notes" } },
      ],
    };
    const stored = toStoredMessage(message);
    expect(JSON.parse(JSON.stringify(stored))).toEqual(stored);
    const back = fromStoredMessage(stored, "item 0");
    expect(back).toEqual(message);
    const first = back.role === "user" ? back.content[0] : undefined;
    expect(first?.type === "file" && first.data.type === "url" && first.data.url).toBeInstanceOf(
      URL,
    );
  });

  it("replaces inline bytes with a marked text part and drops reasoning files", () => {
    const message: LanguageModelV4Message = {
      role: "assistant",
      content: [
        { type: "reasoning-file", mediaType: "image/png", data: { type: "data", data: "AAAA" } },
        {
          type: "file",
          mediaType: "image/png",
          filename: "chart.png",
          data: { type: "data", data: new Uint8Array([1, 2, 3]) },
        },
        screenshot([
          { type: "file", mediaType: "image/jpeg", data: { type: "data", data: "AAAA" } },
        ]) as LanguageModelV4ToolResultPart,
      ],
    };
    expect(toStoredMessage(message)).toEqual({
      role: "assistant",
      content: [
        {
          type: "text",
          text: "[file not stored: image/png chart.png]",
          providerOptions: {
            botwire: { omittedFile: { mediaType: "image/png", filename: "chart.png" } },
          },
        },
        screenshot([
          {
            type: "text",
            text: "[file not stored: image/jpeg]",
            providerOptions: { botwire: { omittedFile: { mediaType: "image/jpeg" } } },
          },
        ]),
      ],
    });
  });

  it("refuses an item that is not a message with a typed error naming the way out", () => {
    for (const item of [
      null,
      "hello",
      { role: "robot", content: [] },
      { role: "user", content: "x" },
    ]) {
      const read = () => fromStoredMessage(item, 'Item 3 of session "s"');
      expect(read).toThrow(BotWireValidationError);
      expect(read).toThrow(
        /Item 3 of session "s" is not a stored AI SDK message.*sessionId or namespace/,
      );
    }
  });
});
