import type { DumpedEntry, DumpedItem } from "../store/dump-store.js";

/**
 * The dump format's version, in its header line. Bump it for any change an older importer
 * would misread; importers refuse versions they do not know.
 */
export const DUMP_VERSION = 1;

/** The first line of every dump (deterministic, so equal stores give byte-identical dumps). */
export const DUMP_HEADER = `${JSON.stringify({ botwire: "dump", version: DUMP_VERSION })}\n`;

/** The line of an entry: a `value` record, or a `list` record its `item` lines follow. */
export function formatEntry(entry: DumpedEntry): string {
  const common = {
    ns: entry.ns,
    key: entry.key,
    version: entry.version,
    createdAt: entry.created_at,
    updatedAt: entry.updated_at,
    expiresAt: entry.expires_at,
  };
  if (entry.kind === "list") {
    const list = { type: "list", ...common, length: entry.length, nextSeq: entry.next_seq };
    return `${JSON.stringify(list)}\n`;
  }
  return withValue({ type: "value", ...common }, entry.value ?? "null");
}

/** The line of a list item (of the list line above it). */
export function formatItem(item: DumpedItem): string {
  return withValue({ type: "item", seq: item.seq }, item.value);
}

/** The last line: counts that tell a complete dump from a truncated one. */
export function formatEnd(entries: number, items: number): string {
  return `${JSON.stringify({ type: "end", entries, items })}\n`;
}

// The stored JSON text is spliced in as it is (never parsed and serialized again), unless it
// spans lines, which a line-per-record file cannot hold.
function withValue(record: object, value: string): string {
  const json = /[\r\n]/.test(value) ? JSON.stringify(JSON.parse(value)) : value;
  return `${JSON.stringify(record).slice(0, -1)},"value":${json}}\n`;
}
