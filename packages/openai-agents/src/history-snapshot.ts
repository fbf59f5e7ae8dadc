import type { JsonValue, Memory } from "@botwire/core";
import { readHeader, type SessionHeader } from "./session-header.js";

/** The most items one list read returns (the protocol's limit). */
export const MAX_READ = 10_000;

/** The whole list as of one version: what a version-guarded replace rewrites. */
export interface HistorySnapshot {
  /** The list's version; undefined when it does not exist. */
  version: number | undefined;
  /** Its bookkeeping item, when it has one. */
  header: SessionHeader | undefined;
  /** The stored history items, oldest first, without the header. */
  items: JsonValue[];
}

/**
 * Reads the whole list under `key` page by page and makes sure every page came from the same
 * version (any write changes it): a snapshot a replace with `ifVersion` may safely rewrite.
 * Starts over when a write landed between two pages.
 */
export async function readSnapshot(memory: Memory, key: string): Promise<HistorySnapshot> {
  for (;;) {
    const first = await memory.getList(key, { after: 0, limit: MAX_READ });
    if (!first) return { version: undefined, header: undefined, items: [] };
    const values = first.items.map((item) => item.value);
    let page = first;
    let consistent = true;
    // Pages end at MAX_READ items or at the server's byte cap; nextAfter continues them.
    while (page.nextAfter !== null && page.items.length > 0) {
      const next = await memory.getList(key, { after: page.nextAfter, limit: MAX_READ });
      if (next?.version !== first.version) {
        consistent = false;
        break;
      }
      values.push(...next.items.map((item) => item.value));
      page = next;
    }
    if (!consistent) continue;
    const header = readHeader(values[0]);
    return { version: first.version, header, items: header ? values.slice(1) : values };
  }
}
