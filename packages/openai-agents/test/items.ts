import type { AgentInputItem } from "@openai/agents";

/** A user message. */
export function user(text: string): AgentInputItem {
  return { type: "message", role: "user", content: text };
}

/** One item of every shape a run stores: messages, a tool call and its result, reasoning. */
export const everyShape: AgentInputItem[] = [
  { type: "message", role: "system", content: "You are terse." },
  {
    type: "message",
    role: "user",
    content: [
      { type: "input_text", text: "What is in this picture?" },
      { type: "input_image", image: "data:image/png;base64,iVBORw0KGgo=", detail: "low" },
    ],
    providerData: { source: "web" },
  },
  {
    type: "reasoning",
    id: "rs_1",
    content: [{ type: "input_text", text: "The user wants the weather." }],
    providerData: { encryptedContent: "gAAAA" },
  },
  {
    type: "function_call",
    id: "fc_1",
    callId: "call_1",
    name: "weather",
    arguments: '{"city":"Paris"}',
    status: "completed",
  },
  {
    type: "function_call_result",
    callId: "call_1",
    name: "weather",
    status: "completed",
    output: {
      type: "image",
      image: { data: new Uint8Array([137, 80, 78, 71, 0, 255]), mediaType: "image/png" },
    },
  },
  {
    type: "message",
    role: "assistant",
    status: "completed",
    id: "msg_1",
    content: [{ type: "output_text", text: "Sunny, 21 °C. ☀️" }],
  },
];
