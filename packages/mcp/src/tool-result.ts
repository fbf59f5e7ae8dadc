import type { CallToolResult } from "./sdk.js";

/**
 * A tool's answer: the structured result, and the same as JSON text for hosts that read only
 * `content` (the spec asks for both when a tool declares an `outputSchema`).
 */
export function toolResult(structured: Record<string, unknown>): CallToolResult {
  return {
    content: [{ type: "text", text: JSON.stringify(structured) }],
    structuredContent: structured,
  };
}

/** A failed call, reported to the model as a tool error it can act on (never thrown). */
export function toolError(message: string): CallToolResult {
  return { content: [{ type: "text", text: message }], isError: true };
}
