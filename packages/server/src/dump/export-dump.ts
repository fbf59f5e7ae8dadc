import { once } from "node:events";
import type { Writable } from "node:stream";
import { matchesNamespace } from "../auth/namespace-pattern.js";
import type { DumpStore } from "../store/dump-store.js";
import { DUMP_HEADER, formatEnd, formatEntry, formatItem } from "./dump-format.js";

/** Options of {@link exportDump}. */
export interface ExportDumpOptions {
  /** Namespace patterns (`*` = any run of characters, as in token scopes). @default ["*"] */
  namespaces?: string[];
  /** Entries expiring at or before this are left out. @default Date.now() */
  now?: number;
}

/** What a dump held. */
export interface DumpCounts {
  entries: number;
  items: number;
}

/**
 * Writes the store's live entries to `output` as a dump (NDJSON, see `docs/dump-format.md`).
 * Waits for `output` to drain whenever its buffer is full, so a slow reader (a pipe, a disk)
 * holds the export back instead of filling memory. Does not end `output`.
 */
export async function exportDump(
  store: DumpStore,
  output: Writable,
  options: ExportDumpOptions = {},
): Promise<DumpCounts> {
  const patterns = options.namespaces ?? ["*"];
  const counts: DumpCounts = { entries: 0, items: 0 };
  const write = async (line: string) => {
    if (!output.write(line)) await once(output, "drain");
  };
  await write(DUMP_HEADER);
  await store.dump(
    {
      now: options.now ?? Date.now(),
      namespaces: (ns) => patterns.some((pattern) => matchesNamespace(pattern, ns)),
    },
    {
      entry: (entry) => {
        counts.entries++;
        return write(formatEntry(entry));
      },
      item: (item) => {
        counts.items++;
        return write(formatItem(item));
      },
    },
  );
  await write(formatEnd(counts.entries, counts.items));
  return counts;
}
