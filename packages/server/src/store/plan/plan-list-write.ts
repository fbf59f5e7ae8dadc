import { checkPrecondition, type EntryRow, sumBytes } from "../entry-row.js";
import type { ListAppend, ListReplace } from "../store.js";
import { StoreLimitError } from "../store-errors.js";

/** Items to insert into a list, with consecutive seqs from `firstSeq` to `lastSeq`. */
export interface ItemsToInsert {
  items: string[];
  firstSeq: number;
  lastSeq: number;
}

/** An append as every engine executes it: insert, maybe trim, then save the entry. */
export interface AppendPlan extends ItemsToInsert {
  /** Delete the items with seq up to this one (the oldest), or undefined to keep all. */
  trimUpTo: number | undefined;
  /** How many items the list holds afterwards. */
  length: number;
  /** The list's bytes before the trim: the trimmed items' bytes are subtracted by the engine. */
  untrimmedBytes: number;
  expiresAt: number | null;
}

/**
 * Plans appending to `row` (the key's live list, if any). Refuses ({@link StoreLimitError})
 * before anything is written when the list would hold more than `append.maxListLength`.
 */
export function planAppend(row: EntryRow | undefined, append: ListAppend): AppendPlan {
  const inserted = itemsAfter(row, append.items);
  const total = (row?.length ?? 0) + append.items.length;
  const trimmed = append.maxLength !== undefined && total > append.maxLength;
  const length = trimmed ? (append.maxLength as number) : total;
  if (append.maxListLength !== undefined && length > append.maxListLength) {
    throw new StoreLimitError(append.maxListLength);
  }
  return {
    ...inserted,
    trimUpTo: trimmed ? inserted.lastSeq - length : undefined,
    length,
    untrimmedBytes: (row?.bytes ?? 0) + sumBytes(append.items),
    // An append without an expiry keeps the list's.
    expiresAt: append.expiresAt ?? row?.expires_at ?? null,
  };
}

/** A whole-list replace: every old item goes, the new ones follow the old seqs (never reused). */
export interface ReplacePlan extends ItemsToInsert {
  length: number;
  bytes: number;
  expiresAt: number | null;
}

/** Plans replacing `row` (the key's live list, if any); checks the precondition first. */
export function planReplace(row: EntryRow | undefined, replace: ListReplace): ReplacePlan {
  checkPrecondition(replace.expect, row);
  return {
    ...itemsAfter(row, replace.items),
    length: replace.items.length,
    bytes: sumBytes(replace.items),
    expiresAt: replace.expiresAt,
  };
}

/** The `entries` row of a list after a write, and how much the namespace grew. */
export interface ListEntry {
  length: number;
  bytes: number;
  expiresAt: number | null;
  createdAt: number;
  nextSeq: number;
  growth: number;
}

/** The list's entry after inserting up to `lastSeq`, when it holds `bytes` bytes. */
export function listEntryAfter(
  row: EntryRow | undefined,
  write: { length: number; lastSeq: number; expiresAt: number | null },
  bytes: number,
  now: number,
): ListEntry {
  return {
    length: write.length,
    bytes,
    expiresAt: write.expiresAt,
    createdAt: row?.created_at ?? now,
    nextSeq: Math.max(write.lastSeq + 1, row?.next_seq ?? 1),
    growth: bytes - (row?.bytes ?? 0),
  };
}

function itemsAfter(row: EntryRow | undefined, items: string[]): ItemsToInsert {
  const firstSeq = row?.next_seq ?? 1;
  return { items, firstSeq, lastSeq: firstSeq + items.length - 1 };
}
