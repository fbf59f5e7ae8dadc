import type { EntryKind } from "@botwire/core/protocol";
import { type EntryRow, isLive } from "../entry-row.js";
import { StoreConflictError } from "../store-errors.js";

/** What a write of one kind finds at its key, as every engine decides it. */
export interface ExistingEntry {
  /** The live entry the write builds on; undefined when absent or expired. */
  row: EntryRow | undefined;
  /** An expired entry is there: delete it (and its items) so the write starts fresh. */
  purge: boolean;
}

/**
 * Decides what a write of `kind` finds in `row` (the key's row, live or not): throws
 * `wrong_kind` (naming the batch op `index`) when a live entry of the other kind holds the key.
 */
export function existingEntry(
  row: EntryRow | undefined,
  now: number,
  kind: EntryKind,
  index?: number,
): ExistingEntry {
  if (!row) return { row: undefined, purge: false };
  if (!isLive(row, now)) return { row: undefined, purge: true };
  if (row.kind !== kind) throw new StoreConflictError("wrong_kind", row.version, index);
  return { row, purge: false };
}
