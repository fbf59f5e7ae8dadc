import type { KeyInfo } from "@botwire/core/protocol";
import { type EntryRow, isLive, toStoredEntry } from "../entry-row.js";
import { nextAfterOf } from "../plan/plan-reads.js";
import { type RecentKeyRow, type StatsRow, toRecentKey, toStoreStats } from "../recency-row.js";
import type {
  AccessStore,
  AppendResult,
  BatchOptions,
  DeleteOptions,
  ListAppend,
  ListKeysOptions,
  ListReplace,
  PutResult,
  QuotaUse,
  RangeResult,
  RangeWindow,
  RecencyStore,
  RecentKey,
  ReplaceResult,
  Store,
  StoreBatchOp,
  StoreBatchResult,
  StoredEntry,
  StoreStats,
  TokenRecord,
  ValueWrite,
} from "../store.js";
import { StoreConflictError } from "../store-errors.js";
import type { Program } from "./program.js";
import {
  appendItems,
  batchOps,
  deleteKey,
  putValue,
  replaceItems,
  writeTransaction,
} from "./write-programs.js";

/** A list read: the entry and the window's items, oldest first. */
export interface ListRead {
  entry: Pick<EntryRow, "kind" | "length" | "version" | "expires_at" | "next_seq">;
  items: { seq: number; value: string }[];
}

/**
 * What both SQL engines share: every write is one of the shared programs, run in one
 * transaction by the engine's {@link ProgramStore.execute}; list reads are checked alike; recency rows are converted alike; token and quota calls go to the
 * engine's {@link AccessStore}. An engine adds its reads, maintenance and SQL.
 */
export abstract class ProgramStore implements Store, AccessStore, RecencyStore {
  /** The engine's tokens and quota counters. */
  protected abstract readonly access: AccessStore;

  /**
   * Runs the program `make` returns in one write transaction. `make` may be called again
   * when the engine retries the transaction (a lock, a deadlock): a program runs only once.
   */
  protected abstract execute<T>(make: () => Program<T>): Promise<T>;

  /** The key's row, live or not, outside any write transaction. */
  protected abstract readEntry(namespace: string, key: string): Promise<EntryRow | undefined>;
  abstract listKeys(namespace: string, options: ListKeysOptions, now: number): Promise<KeyInfo[]>;
  /** Rows of the BotWire-compatible listing (`LISTED_CHARS_SQL` counts their `chars`). */
  protected abstract readRecent(
    namespace: string,
    limit: number,
    now: number,
  ): Promise<RecentKeyRow[]>;
  /** The totals row over live keys. */
  protected abstract readStats(now: number): Promise<StatsRow>;
  /**
   * The key's entry (live or not) and the items of `window` up to its byte budget, read in
   * one snapshot; undefined when the key is absent. Items may be left out when the entry is
   * not a live list at `now`.
   */
  protected abstract readList(
    namespace: string,
    key: string,
    window: RangeWindow,
    now: number,
  ): Promise<ListRead | undefined>;
  abstract clearNamespace(namespace: string): Promise<number>;
  abstract sweepExpired(now: number, limit: number): Promise<number>;
  abstract ping(): Promise<void>;
  abstract close(): Promise<void>;

  async get(namespace: string, key: string, now: number): Promise<StoredEntry | undefined> {
    const row = await this.readEntry(namespace, key);
    return row && isLive(row, now) ? toStoredEntry(row) : undefined;
  }

  put(namespace: string, key: string, write: ValueWrite, now: number): Promise<PutResult> {
    return this.execute(() =>
      writeTransaction(namespace, [key], write, now, (growth) =>
        putValue(namespace, key, write, now, growth),
      ),
    );
  }

  delete(namespace: string, key: string, options: DeleteOptions, now: number): Promise<boolean> {
    return this.execute(() =>
      writeTransaction(namespace, [key], undefined, now, (growth) =>
        deleteKey(namespace, key, options, now, growth),
      ),
    );
  }

  batch(
    namespace: string,
    ops: StoreBatchOp[],
    now: number,
    options: BatchOptions = {},
  ): Promise<StoreBatchResult[]> {
    const written = ops.filter((op) => op.op !== "get").map((op) => op.key);
    return this.execute(() =>
      writeTransaction(namespace, written, options, now, (growth) =>
        batchOps(namespace, ops, now, options, growth),
      ),
    );
  }

  append(namespace: string, key: string, append: ListAppend, now: number): Promise<AppendResult> {
    return this.execute(() =>
      writeTransaction(namespace, [key], append, now, (growth) =>
        appendItems(namespace, key, append, now, growth),
      ),
    );
  }

  replaceList(
    namespace: string,
    key: string,
    replace: ListReplace,
    now: number,
  ): Promise<ReplaceResult> {
    return this.execute(() =>
      writeTransaction(namespace, [key], replace, now, (growth) =>
        replaceItems(namespace, key, replace, now, growth),
      ),
    );
  }

  async range(
    namespace: string,
    key: string,
    window: RangeWindow,
    now: number,
  ): Promise<RangeResult | undefined> {
    const read = await this.readList(namespace, key, window, now);
    if (!read || !isLive(read.entry, now)) return undefined;
    const { entry, items } = read;
    if (entry.kind !== "list") throw new StoreConflictError("wrong_kind", entry.version);
    const nextAfter = nextAfterOf(items, entry.next_seq);
    return { items, length: entry.length, version: entry.version, nextAfter };
  }

  async listRecent(namespace: string, limit: number, now: number): Promise<RecentKey[]> {
    return (await this.readRecent(namespace, limit, now)).map(toRecentKey);
  }

  async stats(now: number): Promise<StoreStats> {
    return toStoreStats(await this.readStats(now));
  }

  putToken(token: TokenRecord): Promise<void> {
    return this.access.putToken(token);
  }

  findToken(hash: string, now: number): Promise<TokenRecord | undefined> {
    return this.access.findToken(hash, now);
  }

  listTokens(): Promise<TokenRecord[]> {
    return this.access.listTokens();
  }

  revokeToken(id: string, now: number): Promise<boolean> {
    return this.access.revokeToken(id, now);
  }

  consumeWrites(namespace: string, day: string, count: number, limit: number): Promise<QuotaUse> {
    return this.access.consumeWrites(namespace, day, count, limit);
  }
}
