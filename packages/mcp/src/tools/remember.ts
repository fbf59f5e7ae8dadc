import type { JsonValue } from "@botwire/core";
import { z } from "zod";
import { OVERWRITES } from "./annotations.js";
import { expiryField, isoOrNull, keyField } from "./fields.js";
import type { MemoryTool } from "./memory-tool.js";

const input = z.object({
  key: keyField,
  value: z
    .unknown()
    // zod's own words for a missing unknown ("expected nonoptional") tell a model nothing.
    .refine((value) => value !== undefined, "Required: pass the JSON to remember as value.")
    .describe("What to remember: any JSON (a string, number, boolean, null, object or array)."),
  ttl: z
    .number()
    .min(0.001)
    .optional()
    .describe("Seconds until it is forgotten by itself; omit to keep it until forgotten."),
});

const output = z.object({
  key: z.string(),
  version: z.number().describe("Changes on every write"),
  created: z.boolean().describe("True when nothing was stored under the key before"),
  expiresAt: expiryField,
});

/** `remember`: stores a JSON value under a key, replacing what was there. */
export const remember: MemoryTool<typeof input, typeof output> = {
  name: "remember",
  title: "Remember",
  description:
    "Store a fact, preference or piece of state under a key so that it survives this conversation: later sessions and other agents using the same memory can recall it. Replaces whatever value the key held. Use short, descriptive keys such as 'user:name' or 'project:deadline'; put related facts in one object when they change together. Pass ttl (seconds) for things that should be forgotten by themselves.",
  input,
  output,
  annotations: OVERWRITES,
  wrongKind: ({ key }) =>
    `'${key}' holds a chat history, not a value: use append_history to add to it, or forget it first to store a value there.`,
  async run(memory, { key, value, ttl }) {
    const written = await memory.set(key, value as JsonValue, { ttl });
    return {
      key,
      version: written.version,
      created: written.created,
      expiresAt: isoOrNull(written.expiresAt),
    };
  },
};
