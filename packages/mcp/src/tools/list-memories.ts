import { z } from "zod";
import { READS } from "./annotations.js";
import { expiryField, iso, isoOrNull, timeField } from "./fields.js";
import type { MemoryTool } from "./memory-tool.js";

/** Keys per call unless the model asks for fewer: enough to scan, small enough for a context. */
const DEFAULT_LIMIT = 50;
/** Most keys per call. */
const MAX_LIMIT = 200;

const input = z.object({
  prefix: z
    .string()
    .optional()
    .describe("Only keys starting with this, e.g. 'user:'; omit for every key."),
  cursor: z
    .string()
    .optional()
    .describe("The nextCursor of the previous call, to read the next page; omit for the first."),
  limit: z
    .number()
    .int()
    .min(1)
    .max(MAX_LIMIT)
    .optional()
    .describe(`Most keys to return (1–${MAX_LIMIT}, default ${DEFAULT_LIMIT}).`),
});

const output = z.object({
  memories: z.array(
    z.object({
      key: z.string(),
      kind: z
        .enum(["value", "history"])
        .describe("value: read with recall; history: read with read_history"),
      bytes: z.number().describe("Stored size"),
      updatedAt: timeField,
      expiresAt: expiryField,
    }),
  ),
  nextCursor: z
    .string()
    .nullable()
    .describe("Pass as cursor to get the next page; null when there are no more keys"),
});

/** `list_memories`: one bounded page of keys. */
export const listMemories: MemoryTool<typeof input, typeof output> = {
  name: "list_memories",
  title: "List memories",
  description: `List the keys stored in memory (remembered values and chat histories) in byte order, optionally only those starting with a prefix. Use it to find the right key before recall or read_history. Returns at most limit keys (default ${DEFAULT_LIMIT}); when nextCursor is not null, call again with it as cursor for more.`,
  input,
  output,
  annotations: READS,
  async run(memory, { prefix, cursor, limit }) {
    const page = await memory.listPage({ prefix, cursor, limit: limit ?? DEFAULT_LIMIT });
    return {
      memories: page.items.map((item) => ({
        key: item.key,
        kind: item.kind === "list" ? ("history" as const) : ("value" as const),
        bytes: item.bytes,
        updatedAt: iso(item.updatedAt),
        expiresAt: isoOrNull(item.expiresAt),
      })),
      nextCursor: page.nextCursor,
    };
  },
};
