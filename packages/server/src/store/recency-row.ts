import type { RecentKey, StoreStats } from "./store.js";

/** A row of the BotWire-compatible listing as both SQL stores select it. */
export interface RecentKeyRow {
  key: string;
  chars: number;
  updated_at: number;
}

/** The totals row of `GET /stats/memory` (sums of no rows are null in SQLite). */
export interface StatsRow {
  entries: number | null;
  namespaces: number | null;
  bytes: number | null;
}

/** The store-level view of a listing row. */
export function toRecentKey(row: RecentKeyRow): RecentKey {
  return { key: row.key, chars: row.chars, updatedAt: row.updated_at };
}

/** The store-level view of the totals row. */
export function toStoreStats(row: StatsRow): StoreStats {
  return {
    totalEntries: row.entries ?? 0,
    totalNamespaces: row.namespaces ?? 0,
    totalBytes: row.bytes ?? 0,
  };
}
