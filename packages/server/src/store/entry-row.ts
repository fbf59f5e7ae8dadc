import type { EntryKind, KeyInfo } from "@botwire/core/protocol";
import type { StoredEntry } from "./store.js";

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
