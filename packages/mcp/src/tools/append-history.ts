import type { JsonValue } from "@botwire/core";
import { z } from "zod";
import { ADDS } from "./annotations.js";
import { keyField } from "./fields.js";
import type { MemoryTool } from "./memory-tool.js";

const input = z.object({
  key: keyField,
  messages: z
    .array(z.unknown())
    .min(1)
    .max(1000)
    .describe(
      "The messages to add, oldest first (1–1000): any JSON each, e.g. {role: 'user', content: '...'}.",
    ),
  ttl: z
    .number()
    .min(0.001)
    .optional()
    .describe(
      "Seconds until the whole history is forgotten, counted from this append; omit to keep its current expiry.",
    ),
});

const output = z.object({
  key: z.string(),
  appended: z.number().describe("Messages added by this call"),
  length: z.number().describe("Messages the history holds now"),
  firstSeq: z.number().describe("Sequence number of the first message added"),
  lastSeq: z.number().describe("Sequence number of the last message added"),
});

/** `append_history`: one atomic append to a chat history. */
export const appendHistory: MemoryTool<typeof input, typeof output> = {
  name: "append_history",
  title: "Append to history",
  description:
    "Add messages to the end of the chat history (an ordered log) under a key, creating it if needed. All messages of one call are added in one atomic step: other sessions appending at the same time never lose or interleave them. Use it to keep a conversation, a journal or a task log across sessions. Not idempotent: if a call fails with a timeout or network error, read_history before appending again, or the messages may be stored twice.",
  input,
  output,
  annotations: ADDS,
  wrongKind: ({ key }) =>
    `'${key}' holds a remembered value, not a history: use another key for the history, or forget '${key}' first.`,
  async run(memory, { key, messages, ttl }) {
    const appended = await memory.append(key, messages as JsonValue[], { ttl });
    return {
      key,
      appended: messages.length,
      length: appended.length,
      firstSeq: appended.firstSeq,
      lastSeq: appended.lastSeq,
    };
  },
};
