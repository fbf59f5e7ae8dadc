import type { ReadBudget } from "@botwire/core/protocol";
import { type EntryRow, isLive } from "../entry-row.js";
import type { StoreBatchResult } from "../store.js";
import { StoreConflictError, StoreReadLimitError } from "../store-errors.js";

/**
 * The result of a batch `get` of `key` over its row (live or not), charged to `budget`:
 * throws `wrong_kind` on a list and {@link StoreReadLimitError} past the budget.
 */
export function batchGetResult(
  key: string,
  row: EntryRow | undefined,
  now: number,
  budget: ReadBudget,
  index: number,
): StoreBatchResult {
  if (!row || !isLive(row, now)) return { op: "get", key, found: false };
  if (row.kind !== "value") throw new StoreConflictError("wrong_kind", row.version, index);
  if (!budget.take(row.bytes)) throw new StoreReadLimitError(budget.maxBytes, index);
  const { value, version, expires_at: expiresAt } = row;
  return { op: "get", key, found: true, value: value ?? "null", version, expiresAt };
}

/** Where a list read continues: the last seq returned when items follow it, else null. */
export function nextAfterOf(items: { seq: number }[], nextSeq: number): number | null {
  const lastSeq = items.at(-1)?.seq;
  return lastSeq !== undefined && lastSeq < nextSeq - 1 ? lastSeq : null;
}
