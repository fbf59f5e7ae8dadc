import type {
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from "@ai-sdk/provider";
import { convertArrayToReadableStream, MockLanguageModelV4 } from "ai/test";

export const usage: LanguageModelV4Usage = {
  inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 1, text: 1, reasoning: undefined },
};

/** The text of the last user message of a prompt. */
export function lastUserText(options: LanguageModelV4CallOptions): string {
  const user = options.prompt.findLast((message) => message.role === "user");
  if (user?.role !== "user") return "";
  return user.content.map((part) => (part.type === "text" ? part.text : `[${part.type}]`)).join("");
}

/** Every text of a prompt, `role: text`, for assertions on what the model was shown. */
export function promptLines(options: LanguageModelV4CallOptions): string[] {
  return options.prompt.map((message) =>
    message.role === "system"
      ? `system: ${message.content}`
      : `${message.role}: ${message.content
          .map((part) => {
            if (part.type === "text") return part.text;
            if (part.type === "tool-call" || part.type === "tool-result") {
              return `${part.type}(${part.toolCallId})`;
            }
            return `[${part.type}]`;
          })
          .join(" ")}`,
  );
}

/** The content of one model answer, given the call it answers. */
export type Script = (options: LanguageModelV4CallOptions) => LanguageModelV4Content[];

/** Answers `"<n> earlier, you said: <last user text>"`, n = messages before the last one. */
export const echo: Script = (options) => [
  {
    type: "text",
    text: `${options.prompt.filter((m) => m.role !== "system").length - 1} earlier, you said: ${lastUserText(options)}`,
  },
];

/** A mock model answering with `script`, for both generate and stream (text in 2 deltas). */
export function scriptedModel(script: Script = echo): MockLanguageModelV4 {
  return new MockLanguageModelV4({
    doGenerate: async (options) => {
      const content = script(options);
      const toolCalls = content.some((part) => part.type === "tool-call");
      return {
        content,
        finishReason: { unified: toolCalls ? "tool-calls" : "stop", raw: undefined },
        usage,
        warnings: [],
      };
    },
    doStream: async (options) => ({
      stream: convertArrayToReadableStream(streamParts(script(options))),
    }),
  });
}

/** A reply as the stream parts a provider would send. */
export function streamParts(content: LanguageModelV4Content[]): LanguageModelV4StreamPart[] {
  const parts: LanguageModelV4StreamPart[] = [{ type: "stream-start", warnings: [] }];
  content.forEach((part, index) => {
    if (part.type === "text") {
      const id = `t${index}`;
      const half = Math.ceil(part.text.length / 2);
      parts.push(
        { type: "text-start", id },
        { type: "text-delta", id, delta: part.text.slice(0, half) },
        { type: "text-delta", id, delta: part.text.slice(half) },
        { type: "text-end", id },
      );
    } else parts.push(part as LanguageModelV4StreamPart);
  });
  const toolCalls = content.some((part) => part.type === "tool-call");
  parts.push({
    type: "finish",
    usage,
    finishReason: { unified: toolCalls ? "tool-calls" : "stop", raw: undefined },
  });
  return parts;
}
