import {
  type AgentOutputItem,
  type Model,
  type ModelRequest,
  type ModelResponse,
  Usage,
} from "@openai/agents";

/**
 * A scripted model, offline: each call answers with the next reply (one output item list) and
 * records the input it was sent, so a test can check what history reached the model.
 */
export class FakeModel implements Model {
  readonly inputs: ModelRequest["input"][] = [];
  readonly #replies: AgentOutputItem[][];

  constructor(replies: (string | AgentOutputItem[])[]) {
    this.#replies = replies.map((reply) => (typeof reply === "string" ? [message(reply)] : reply));
  }

  async getResponse(request: ModelRequest): Promise<ModelResponse> {
    this.inputs.push(structuredClone(request.input));
    const output = this.#replies.shift();
    if (!output) throw new Error("FakeModel: no scripted reply left");
    return { usage: new Usage(), output };
  }

  getStreamedResponse(): AsyncIterable<never> {
    throw new Error("FakeModel does not stream");
  }
}

/** An assistant message, as a model returns it. */
export function message(text: string): AgentOutputItem {
  return {
    type: "message",
    role: "assistant",
    status: "completed",
    content: [{ type: "output_text", text }],
  };
}

/** The text of every message in a model input, e.g. `["user: hi", "assistant: hello"]`. */
export function transcript(input: ModelRequest["input"]): string[] {
  if (typeof input === "string") return [`user: ${input}`];
  return input.flatMap((item) => {
    if (item.type !== undefined && item.type !== "message") return [`${item.type}`];
    if (!("role" in item)) return [];
    const content = item.content;
    const text =
      typeof content === "string"
        ? content
        : content.map((part) => ("text" in part ? part.text : part.type)).join("");
    return [`${item.role}: ${text}`];
  });
}
