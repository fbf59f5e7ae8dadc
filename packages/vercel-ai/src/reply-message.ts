import type { LanguageModelV4Content, LanguageModelV4Message } from "@ai-sdk/provider";

type AssistantMessage = Extract<LanguageModelV4Message, { role: "assistant" }>;
type AssistantPart = AssistantMessage["content"][number];

/** Why a stored reply is incomplete: its stream was aborted, or failed part-way. */
export type IncompleteReason = "aborted" | "error";

/**
 * The model's reply as the assistant message the AI SDK itself would put in the next prompt
 * (its `toResponseMessages`): sources and approval requests left out, empty texts dropped,
 * tool inputs parsed, provider metadata as provider options. Provider-executed tool results
 * stay in the assistant message; the SDK's own tool results arrive as `tool` messages in the
 * next step's prompt. An incomplete reply is marked `providerOptions.botwire.incomplete`.
 *
 * @returns undefined when the reply has nothing to store
 */
export function replyMessage(
  content: LanguageModelV4Content[],
  incomplete?: IncompleteReason,
): AssistantMessage | undefined {
  const parts: AssistantPart[] = [];
  for (const part of content) {
    const providerOptions = part.providerMetadata;
    switch (part.type) {
      case "text":
      case "reasoning":
        if (part.text !== "") parts.push({ type: part.type, text: part.text, providerOptions });
        break;
      case "file":
      case "reasoning-file":
        parts.push({
          type: part.type,
          data: part.data,
          mediaType: part.mediaType,
          providerOptions,
        });
        break;
      case "custom":
        parts.push({ type: "custom", kind: part.kind, providerOptions });
        break;
      case "tool-call":
        parts.push({
          type: "tool-call",
          toolCallId: part.toolCallId,
          toolName: part.toolName,
          input: parseInput(part.input),
          providerExecuted: part.providerExecuted,
          providerOptions,
        });
        break;
      case "tool-result":
        parts.push({
          type: "tool-result",
          toolCallId: part.toolCallId,
          toolName: part.toolName,
          output: { type: part.isError ? "error-json" : "json", value: part.result },
          providerOptions,
        });
        break;
    }
  }
  if (parts.length === 0) return undefined;
  const message: AssistantMessage = { role: "assistant", content: parts };
  if (incomplete) message.providerOptions = { botwire: { incomplete } };
  return message;
}

/** Tool input arrives as JSON text; the prompt carries it parsed (raw text if it is not JSON). */
function parseInput(input: string): unknown {
  try {
    return JSON.parse(input);
  } catch {
    return input;
  }
}
