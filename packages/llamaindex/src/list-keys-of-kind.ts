import type { EntryKind, Memory } from "@botwire/core";

/**
 * Every key under `prefix` that holds `kind` (values or lists), without the prefix, in UTF-8
 * byte order; one call per 1000 keys.
 */
export async function listKeysOfKind(
  memory: Memory,
  prefix: string,
  kind: EntryKind,
): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await memory.listPage({ prefix: prefix || undefined, limit: 1000, cursor });
    for (const item of page.items) {
      if (item.kind === kind) keys.push(item.key.slice(prefix.length));
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return keys;
}
