import type { EntryRow } from "./entry-row.js";

/** Rows per page of a dump: memory holds one page of entries and one of items. */
export const DUMP_PAGE_ROWS = 256;

/**
 * Backup and restore: what `botwire-server export` and `import` need from an engine. Optional
 * and apart from {@link Store}: the HTTP layer never sees it, and an engine without it still
 * serves every route (`hasDump` tells). Both SQL engines implement it.
 */
export interface DumpStore {
  /**
   * Visits every entry live at `options.now`, in ascending (namespace, key) byte order, each
   * list followed by its items in seq order, all from one consistent snapshot. Rows are read
   * in pages by keyset and each `visit` is awaited before the next row, so memory stays
   * bounded by a page however large the store is.
   */
  dump(options: DumpOptions, visit: DumpVisitor): Promise<void>;

  /**
   * Runs `work` with a loader inside one write transaction: it commits when `work` resolves
   * and rolls back (writing nothing) when it throws. Never retried, since `work` may consume
   * a stream.
   */
  load<T>(work: (loader: DumpLoader) => Promise<T>): Promise<T>;
}

/** Which entries a dump visits. */
export interface DumpOptions {
  /** Entries expiring at or before this (epoch ms) are left out. */
  now: number;
  /** Only namespaces this accepts. @default every namespace */
  namespaces?: (namespace: string) => boolean;
}

/** Receives a dump, row by row. */
export interface DumpVisitor {
  entry(entry: DumpedEntry): Promise<void> | void;
  /** An item of the list last passed to `entry`. */
  item(item: DumpedItem): Promise<void> | void;
}

/** An entry row with its namespace. */
export interface DumpedEntry extends EntryRow {
  ns: string;
}

/** A list item as stored: `value` is serialized JSON. */
export interface DumpedItem {
  seq: number;
  value: string;
}

/** A list item with the key it belongs to. */
export interface LoadedItem extends DumpedItem {
  ns: string;
  key: string;
}

/** Writes inside the transaction of {@link DumpStore.load}. */
export interface DumpLoader {
  /**
   * Makes room for `keys` before their rows are inserted: removes those that have expired
   * (with their items), or every one of them when `replace`. Returns the index in `keys` of
   * the first key still held by a live entry, or -1 when all are free.
   */
  claim(keys: { ns: string; key: string }[], now: number, replace: boolean): Promise<number>;
  /** Inserts list items (their keys claimed already). */
  insertItems(items: LoadedItem[]): Promise<void>;
  /** Inserts entries (claimed already) exactly as given: versions, times, sizes. */
  insertEntries(entries: DumpedEntry[]): Promise<void>;
  /** Moves the engine's version counter to at least `version`, so no version is reused. */
  keepVersion(version: number): Promise<void>;
}

/** Whether `store` implements the optional {@link DumpStore}. */
export function hasDump<S extends object>(store: S): store is S & DumpStore {
  const candidate = store as Partial<DumpStore>;
  return typeof candidate.dump === "function" && typeof candidate.load === "function";
}
