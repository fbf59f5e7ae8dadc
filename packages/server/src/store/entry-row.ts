import {
  type EntryKind,
  type KeyInfo,
  type Precondition,
  preconditionHolds,
} from "@botwire/core/protocol";
import type { StoredEntry } from "./store.js";
import { StoreConflictError } from "./store-errors.js";

/** An `entries` row as both SQL stores keep it. */
export interface EntryRow {
  key: string;
  kind: EntryKind;
  value: string | null;
  bytes: number;
  version: number;
  created_at: number;
  updated_at: number;
  expires_at: number | null;
  length: number;
  next_seq: number;
}

/** Whether the row has not expired at `now`. */
export function isLive(row: Pick<EntryRow, "expires_at">, now: number): boolean {
  return row.expires_at === null || row.expires_at > now;
}

/** The store-level view of a row. */
export function toStoredEntry(row: EntryRow): StoredEntry {
  return {
    key: row.key,
    kind: row.kind,
    ...(row.kind === "value" ? { value: row.value ?? "null" } : {}),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at,
  };
}

/** The key-listing view of a row. */
export function toKeyInfo(
  row: Pick<EntryRow, "key" | "kind" | "bytes" | "version" | "updated_at" | "expires_at">,
): KeyInfo {
  return {
    key: row.key,
    kind: row.kind,
    bytes: row.bytes,
    version: row.version,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at,
  };
}

/** Throws `version_mismatch` (naming the batch op `index`) unless `expect` holds for `row`. */
export function checkPrecondition(
  expect: Precondition | undefined,
  row?: EntryRow,
  index?: number,
): void {
  if (expect && !preconditionHolds(expect, row?.version)) {
    throw new StoreConflictError("version_mismatch", row?.version ?? null, index);
  }
}

/** Total UTF-8 bytes of serialized list items: a list's `bytes`. */
export function sumBytes(items: string[]): number {
  let total = 0;
  for (const item of items) total += Buffer.byteLength(item, "utf8");
  return total;
}
