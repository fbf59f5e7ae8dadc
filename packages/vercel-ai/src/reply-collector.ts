import type { LanguageModelV4Content, LanguageModelV4StreamPart } from "@ai-sdk/provider";

type Text = Extract<LanguageModelV4Content, { type: "text" | "reasoning" }>;

/**
 * Rebuilds a streamed reply as the content `doGenerate` would have returned, in stream order:
 * text and reasoning from their deltas (by block id), tool calls, provider-executed results,
 * files and sources as they come. Tool input deltas are skipped: the complete `tool-call` part
 * follows them, and a call cut off before it is not a call.
 */
export class ReplyCollector {
  /** The reply so far. */
  readonly content: LanguageModelV4Content[] = [];
  /** Whether the stream carried an `error` part. */
  failed = false;
  readonly #blocks = new Map<string, Text>();

  /** Takes one stream part into account. */
  add(part: LanguageModelV4StreamPart): void {
    switch (part.type) {
      case "text-start":
      case "reasoning-start":
        this.#block(part.type === "text-start" ? "text" : "reasoning", part.id, part);
        break;
      case "text-delta":
      case "reasoning-delta":
        this.#block(part.type === "text-delta" ? "text" : "reasoning", part.id, part).text +=
          part.delta;
        break;
      case "text-end":
      case "reasoning-end":
        if (part.providerMetadata) {
          this.#block(part.type === "text-end" ? "text" : "reasoning", part.id, part);
        }
        break;
      case "tool-call":
      case "tool-result":
      case "file":
      case "reasoning-file":
      case "source":
      case "custom":
      case "tool-approval-request":
        this.content.push(part);
        break;
      case "error":
        this.failed = true;
        break;
    }
  }

  /** The block `id` of this kind, started on first sight; the latest provider metadata wins. */
  #block(type: Text["type"], id: string, part: { providerMetadata?: Text["providerMetadata"] }) {
    const key = `${type}:${id}`;
    let block = this.#blocks.get(key);
    if (block === undefined) {
      block = type === "text" ? { type: "text", text: "" } : { type: "reasoning", text: "" };
      this.#blocks.set(key, block);
      this.content.push(block);
    }
    if (part.providerMetadata) block.providerMetadata = part.providerMetadata;
    return block;
  }
}
