import { z } from "zod";
import { READS } from "./annotations.js";
import { keyField } from "./fields.js";
import type { MemoryTool } from "./memory-tool.js";

/** Messages per read unless the model asks for more: recent context, not the archive. */
const DEFAULT_LAST = 50;
/** Most messages per read, to keep one answer within a model's context. */
const MAX_LAST = 1000;

const input = z.object({
  key: keyField,
  last: z
    .number()
    .int()
    .min(1)
    .max(MAX_LAST)
    .optional()
    .describe(`How many of the newest messages to read (1–${MAX_LAST}, default ${DEFAULT_LAST}).`),
});

const output = z.object({
  key: z.string(),
  messages: z.array(z.unknown()).describe("The newest messages, oldest first"),
  total: z
    .number()
    .describe("Messages the history holds; more than returned means older ones exist"),
});

/** `read_history`: the newest messages of a chat history. */
export const readHistory: MemoryTool<typeof input, typeof output> = {
  name: "read_history",
  title: "Read history",
  description: `Read the newest messages of the chat history under a key, oldest first (default the last ${DEFAULT_LAST}). An absent history reads as no messages. total says how many the history holds.`,
  input,
  output,
  annotations: READS,
  wrongKind: ({ key }) => `'${key}' holds a remembered value, not a history: read it with recall.`,
  async run(memory, { key, last }) {
    const page = await memory.getList(key, { last: last ?? DEFAULT_LAST });
    return {
      key,
      messages: page?.items.map((item) => item.value) ?? [],
      total: page?.length ?? 0,
    };
  },
};
