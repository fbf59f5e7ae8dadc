import { z } from "zod";
import { OVERWRITES } from "./annotations.js";
import { keyField } from "./fields.js";
import type { MemoryTool } from "./memory-tool.js";

const input = z.object({ key: keyField });

const output = z.object({
  key: z.string(),
  deleted: z.boolean().describe("False when nothing was stored under the key"),
});

/** `forget`: deletes a key, a value or a whole history. */
export const forget: MemoryTool<typeof input, typeof output> = {
  name: "forget",
  title: "Forget",
  description:
    "Delete what is stored under a key: a remembered value or a whole chat history. It cannot be undone, so forget only what the user asked to forget or what is wrong or obsolete. Returns deleted: false when the key held nothing.",
  input,
  output,
  annotations: OVERWRITES,
  async run(memory, { key }) {
    return { key, deleted: await memory.delete(key) };
  },
};
