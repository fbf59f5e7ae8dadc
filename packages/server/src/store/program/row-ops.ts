import type { EntryRow } from "../entry-row.js";
import type { ItemsToInsert, ListEntry } from "../plan/plan-list-write.js";

/** The fields of a value write an engine stores. */
export interface ValueRow {
  value: string;
  bytes: number;
  createdAt: number;
  expiresAt: number | null;
}

/**
 * The row operations a SQL engine executes for the shared write programs: all it writes is
 * SQL behind these. SQLite implements them synchronously (better-sqlite3 transactions cannot
 * await), PostgreSQL as promises ({@link AsyncRowOps}); both run the same programs.
 */
export interface RowOps {
  /** The key's row, live or not; for a write, locked until the transaction ends. */
  row(namespace: string, key: string, forWrite: boolean): EntryRow | undefined;
  /** Deletes the key's entry and its list items. */
  purge(namespace: string, key: string): void;
  /** Deletes the key's list items, keeping the entry. */
  deleteItems(namespace: string, key: string): void;
  insertItems(namespace: string, key: string, items: ItemsToInsert): void;
  /** Deletes the items with seq up to `upTo`; returns their bytes. */
  trimItems(namespace: string, key: string, upTo: number): number;
  /** Writes a value entry with a new version; returns the version. */
  upsertValue(namespace: string, key: string, value: ValueRow, now: number): number;
  /** Writes a list entry with a new version; returns the version. */
  upsertList(namespace: string, key: string, list: ListEntry, now: number): number;
  /** Serializes writers of these keys (PostgreSQL replicas); a no-op for a single writer. */
  lockKeys(namespace: string, keys: string[]): void;
  /** Serializes writers that grow the namespace, for the storage-cap check. */
  lockNamespace(namespace: string): void;
  /** Bytes of the namespace's live entries, this transaction's writes included. */
  namespaceBytes(namespace: string, now: number): number;
}

/** {@link RowOps} as promises. */
export type AsyncRowOps = {
  [K in keyof RowOps]: (...args: Parameters<RowOps[K]>) => Promise<ReturnType<RowOps[K]>>;
};
