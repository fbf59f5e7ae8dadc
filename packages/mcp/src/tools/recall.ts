import { z } from "zod";
import { READS } from "./annotations.js";
import { expiryField, iso, isoOrNull, keyField, timeField } from "./fields.js";
import type { MemoryTool } from "./memory-tool.js";

const input = z.object({ key: keyField });

const output = z.object({
  key: z.string(),
  found: z.boolean().describe("False when nothing is stored under the key (or it expired)"),
  value: z.unknown().optional().describe("The remembered JSON value, when found"),
  updatedAt: timeField.optional(),
  expiresAt: expiryField.optional(),
});

/** `recall`: reads the value under a key. */
export const recall: MemoryTool<typeof input, typeof output> = {
  name: "recall",
  title: "Recall",
  description:
    "Read what was remembered under a key, in this or an earlier session. Returns found: false when nothing is stored there (never remembered, forgotten or expired). If you do not know the key, find it with list_memories. Chat histories are read with read_history.",
  input,
  output,
  annotations: READS,
  wrongKind: ({ key }) => `'${key}' holds a chat history, not a value: read it with read_history.`,
  async run(memory, { key }) {
    const entry = await memory.getEntry(key);
    if (entry === undefined) return { key, found: false };
    return {
      key,
      found: true,
      value: entry.value,
      updatedAt: iso(entry.updatedAt),
      expiresAt: isoOrNull(entry.expiresAt),
    };
  },
};
