import { type EntryKind, type KeyInfo, ReadBudget } from "@botwire/core/protocol";
import Database from "better-sqlite3";
import { type EntryRow, isLive, toKeyInfo, toStoredEntry } from "../entry-row.js";
import { existingEntry } from "../plan/existing-entry.js";
import {
  type ItemsToInsert,
  listEntryAfter,
  planAppend,
  planReplace,
} from "../plan/plan-list-write.js";
import { batchGetResult, nextAfterOf } from "../plan/plan-reads.js";
import { planDelete, planValueWrite, putResultOf } from "../plan/plan-value-write.js";
import { type RecentKeyRow, type StatsRow, toRecentKey, toStoreStats } from "../recency-row.js";
import { capToCheck, enforceCap, type Growth } from "../storage-cap.js";
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
  StorageCap,
  Store,
  StoreBatchOp,
  StoreBatchResult,
  StoredEntry,
  StoreStats,
  TokenRecord,
  ValueWrite,
} from "../store.js";
import { StoreConflictError, StoreUnavailableError } from "../store-errors.js";
import { utcDay } from "../utc-day.js";
import { createPrivateDatabaseFile } from "./create-private-database-file.js";
import { SqliteAccess } from "./sqlite-access.js";
import { migrateSqlite } from "./sqlite-schema.js";
import { prepareSqliteStatements, type SqliteStatements } from "./sqlite-statements.js";

/** Options of {@link SqliteStore}. */
export interface SqliteStoreOptions {
  /** Database file (its directory is created), or `":memory:"`. */
  path: string;
  /**
   * How long a call waits for a lock another connection holds on the file (another process
   * writing, a backup) before it fails as unavailable (503). The wait never blocks the event
   * loop: the call retries with backoff while other requests are served. @default 5000
   */
  lockTimeoutMs?: number;
}

// SQLite result codes that mean "the engine cannot serve now", not "the request is wrong".
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|NOMEM|CORRUPT|NOTADB)/;
// The file is locked by another connection: worth trying again shortly.
const BUSY = /^SQLITE_BUSY/;
const MAX_BACKOFF_MS = 50;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const byteLength = (text: string) => Buffer.byteLength(text, "utf8");

/** A `list_items` row as a range read selects it. */
interface ItemRow {
  seq: number;
  value: string;
  bytes: number;
}

/**
 * The embedded SQLite engine (better-sqlite3): WAL journal with `synchronous=NORMAL`, so a
 * committed write survives a crash of the process; every call is one transaction.
 */
export class SqliteStore implements Store, AccessStore, RecencyStore {
  readonly #db: Database.Database;
  readonly #sql: SqliteStatements;
  readonly #access: SqliteAccess;
  readonly #lockTimeoutMs: number;

  constructor(options: SqliteStoreOptions) {
    createPrivateDatabaseFile(options.path);
    this.#lockTimeoutMs = options.lockTimeoutMs ?? 5000;
    this.#db = new Database(options.path);
    // Opening may wait for a lock the blocking way: nothing is being served yet.
    this.#db.pragma(`busy_timeout = ${this.#lockTimeoutMs}`);
    this.#db.pragma("journal_mode = WAL");
    this.#db.pragma("synchronous = NORMAL");
    // Truncate the WAL after checkpoints so a write burst does not leave a huge file behind.
    this.#db.pragma("journal_size_limit = 67108864");
    migrateSqlite(this.#db);
    // From now on SQLite never sleeps on a lock (that would freeze Node's only thread):
    // #run waits for it asynchronously instead.
    this.#db.pragma("busy_timeout = 0");
    this.#sql = prepareSqliteStatements(this.#db);
    this.#access = new SqliteAccess(this.#db);
  }

  async get(namespace: string, key: string, now: number): Promise<StoredEntry | undefined> {
    return this.#run(() => {
      const row = this.#row(namespace, key);
      return row && isLive(row, now) ? toStoredEntry(row) : undefined;
    });
  }

  async put(namespace: string, key: string, write: ValueWrite, now: number): Promise<PutResult> {
    return this.#grow(namespace, write, now, (growth) =>
      this.#putValue(namespace, key, write, now, { growth }),
    );
  }

  async delete(
    namespace: string,
    key: string,
    options: DeleteOptions,
    now: number,
  ): Promise<boolean> {
    return this.#write(() =>
      this.#deleteKey(namespace, key, options, now, { growth: { bytes: 0 } }),
    );
  }

  async listKeys(namespace: string, options: ListKeysOptions, now: number): Promise<KeyInfo[]> {
    return this.#run(() => {
      const params = { ns: namespace, after: options.after ?? "", now, limit: options.limit };
      const rows = options.prefix
        ? this.#sql.listKeysWithPrefix.all({ ...params, prefix: options.prefix })
        : this.#sql.listKeys.all(params);
      return (rows as EntryRow[]).map(toKeyInfo);
    });
  }

  async listRecent(namespace: string, limit: number, now: number): Promise<RecentKey[]> {
    return this.#run(() =>
      (this.#sql.listRecent.all({ ns: namespace, now, limit }) as RecentKeyRow[]).map(toRecentKey),
    );
  }

  async batch(
    namespace: string,
    ops: StoreBatchOp[],
    now: number,
    options: BatchOptions = {},
  ): Promise<StoreBatchResult[]> {
    const budget = new ReadBudget(options.maxReadBytes);
    return this.#grow(namespace, options, now, (growth) =>
      ops.map((op, index): StoreBatchResult => {
        const at = { index, growth };
        if (op.op === "set") {
          return { op: "set", key: op.key, ...this.#putValue(namespace, op.key, op, now, at) };
        }
        if (op.op === "delete") {
          const deleted = this.#deleteKey(namespace, op.key, { ...op, kind: "value" }, now, at);
          return { op: "delete", key: op.key, deleted };
        }
        return batchGetResult(op.key, this.#row(namespace, op.key), now, budget, index);
      }),
    );
  }

  async append(
    namespace: string,
    key: string,
    append: ListAppend,
    now: number,
  ): Promise<AppendResult> {
    return this.#grow(namespace, append, now, (growth) => {
      const row = this.#existing(namespace, key, now, "list");
      const plan = planAppend(row, append);
      this.#insertItems(namespace, key, plan);
      let bytes = plan.untrimmedBytes;
      if (plan.trimUpTo !== undefined) {
        const cut = { ns: namespace, key, upTo: plan.trimUpTo };
        bytes -= (this.#sql.itemBytesUpTo.get(cut) as { bytes: number }).bytes;
        this.#sql.deleteItemsUpTo.run(cut);
      }
      const version = this.#saveList(namespace, key, row, plan, bytes, now, growth);
      return { length: plan.length, firstSeq: plan.firstSeq, lastSeq: plan.lastSeq, version };
    });
  }

  async range(
    namespace: string,
    key: string,
    window: RangeWindow,
    now: number,
  ): Promise<RangeResult | undefined> {
    return this.#run(() =>
      this.#db.transaction(() => {
        const row = this.#row(namespace, key);
        if (!row || !isLive(row, now)) return undefined;
        if (row.kind !== "list") throw new StoreConflictError("wrong_kind", row.version);
        const start =
          "last" in window
            ? (this.#sql.lastWindowStart.get({ ns: namespace, key, offset: window.last - 1 }) as
                | { after: number }
                | undefined)
            : window;
        const limit = "last" in window ? window.last : window.limit;
        const budget = new ReadBudget(window.maxBytes);
        const items: { seq: number; value: string }[] = [];
        // Stepped through, not fetched whole: the read stops at the byte budget.
        const rows = this.#sql.itemsAfter.iterate({
          ns: namespace,
          key,
          after: start?.after ?? 0,
          limit,
        });
        for (const { seq, value, bytes } of rows as Iterable<ItemRow>) {
          if (!budget.take(bytes)) break;
          items.push({ seq, value });
        }
        const nextAfter = nextAfterOf(items, row.next_seq);
        return { items, length: row.length, version: row.version, nextAfter };
      })(),
    );
  }

  async replaceList(
    namespace: string,
    key: string,
    replace: ListReplace,
    now: number,
  ): Promise<ReplaceResult> {
    return this.#grow(namespace, replace, now, (growth) => {
      const row = this.#existing(namespace, key, now, "list");
      const plan = planReplace(row, replace);
      this.#sql.deleteItems.run({ ns: namespace, key });
      this.#insertItems(namespace, key, plan);
      const version = this.#saveList(namespace, key, row, plan, plan.bytes, now, growth);
      return { length: plan.length, version, created: row === undefined };
    });
  }

  async clearNamespace(namespace: string): Promise<number> {
    return this.#write(() => {
      this.#sql.clearItems.run({ ns: namespace });
      return this.#sql.clearEntries.run({ ns: namespace }).changes;
    });
  }

  async sweepExpired(now: number, limit: number): Promise<number> {
    return this.#write(() => {
      const expired = this.#sql.expired.all({ now, limit }) as { ns: string; key: string }[];
      for (const { ns, key } of expired) this.#purge(ns, key);
      this.#access.forgetUsageBefore(utcDay(now - 86_400_000));
      return expired.length;
    });
  }

  async stats(now: number): Promise<StoreStats> {
    return this.#run(() => toStoreStats(this.#sql.stats.get({ now }) as StatsRow));
  }

  async putToken(token: TokenRecord): Promise<void> {
    await this.#run(() => this.#access.putToken(token));
  }

  async findToken(hash: string, now: number): Promise<TokenRecord | undefined> {
    return this.#run(() => this.#access.findToken(hash, now));
  }

  async listTokens(): Promise<TokenRecord[]> {
    return this.#run(() => this.#access.listTokens());
  }

  async revokeToken(id: string, now: number): Promise<boolean> {
    return this.#run(() => this.#access.revokeToken(id, now));
  }

  async consumeWrites(
    namespace: string,
    day: string,
    count: number,
    limit: number,
  ): Promise<QuotaUse> {
    return this.#run(() => this.#access.consumeWrites(namespace, day, count, limit));
  }

  async ping(): Promise<void> {
    await this.#run(() => this.#sql.ping.get());
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }

  /**
   * Runs `work`; while the file is locked by another connection, runs it again after a growing
   * pause (the event loop keeps serving meanwhile) until `lockTimeoutMs` has passed. Engine
   * failures become {@link StoreUnavailableError}. `work` is one transaction, so a retry
   * never repeats half of it.
   */
  async #run<T>(work: () => T): Promise<T> {
    const deadline = Date.now() + this.#lockTimeoutMs;
    for (let pause = 1; ; pause = Math.min(pause * 2, MAX_BACKOFF_MS)) {
      try {
        return work();
      } catch (error) {
        const code = String((error as { code?: unknown }).code);
        const wait = Math.min(pause, deadline - Date.now());
        if (this.#db.open && BUSY.test(code) && wait > 0) {
          await sleep(wait);
          continue;
        }
        if (!this.#db.open || UNAVAILABLE.test(code)) {
          throw new StoreUnavailableError({ cause: error });
        }
        throw error;
      }
    }
  }

  /** Runs `work` in one write transaction, taking the write lock at once. */
  #write<T>(work: () => T): Promise<T> {
    return this.#run(() => this.#db.transaction(work).immediate());
  }

  /**
   * Runs a write that may grow the namespace, then checks its storage cap in the same
   * transaction (SQLite has one writer at a time, so the check sees every committed write).
   */
  #grow<T>(
    namespace: string,
    cap: StorageCap | undefined,
    now: number,
    work: (growth: Growth) => T,
  ): Promise<T> {
    return this.#write(() => {
      const growth = { bytes: 0 };
      const result = work(growth);
      const limit = capToCheck(cap, growth);
      if (limit !== undefined) {
        const { bytes } = this.#sql.namespaceBytes.get({ ns: namespace, now }) as { bytes: number };
        enforceCap(limit, bytes);
      }
      return result;
    });
  }

  #row(namespace: string, key: string): EntryRow | undefined {
    return this.#sql.entry.get({ ns: namespace, key }) as EntryRow | undefined;
  }

  /** The live entry a write of `kind` builds on; an expired one is purged first. */
  #existing(
    namespace: string,
    key: string,
    now: number,
    kind: EntryKind,
    index?: number,
  ): EntryRow | undefined {
    const { row, purge } = existingEntry(this.#row(namespace, key), now, kind, index);
    if (purge) this.#purge(namespace, key);
    return row;
  }

  #putValue(
    namespace: string,
    key: string,
    write: ValueWrite,
    now: number,
    at: { index?: number; growth: Growth },
  ): PutResult {
    const row = this.#existing(namespace, key, now, "value", at.index);
    const plan = planValueWrite(row, write, now, at.index);
    const version = this.#nextVersion();
    at.growth.bytes += plan.growth;
    this.#sql.upsertValue.run({
      ns: namespace,
      key,
      value: write.value,
      bytes: plan.bytes,
      version,
      createdAt: plan.createdAt,
      now,
      expiresAt: write.expiresAt,
    });
    return putResultOf(plan, write, version, now);
  }

  #deleteKey(
    namespace: string,
    key: string,
    options: DeleteOptions,
    now: number,
    at: { index?: number; growth: Growth },
  ): boolean {
    const plan = planDelete(this.#row(namespace, key), options, now, at.index);
    if (!plan) return false;
    at.growth.bytes -= plan.freed;
    this.#purge(namespace, key);
    return true;
  }

  #purge(namespace: string, key: string): void {
    this.#sql.deleteItems.run({ ns: namespace, key });
    this.#sql.deleteEntry.run({ ns: namespace, key });
  }

  #nextVersion(): number {
    this.#sql.bumpVersion.run();
    return (this.#sql.currentVersion.get() as { value: number }).value;
  }

  #insertItems(namespace: string, key: string, { items, firstSeq }: ItemsToInsert): void {
    for (const [offset, value] of items.entries()) {
      const seq = firstSeq + offset;
      this.#sql.insertItem.run({ ns: namespace, key, seq, value, bytes: byteLength(value) });
    }
  }

  /** Saves the list's entry after a write that left it holding `bytes`; returns its version. */
  #saveList(
    namespace: string,
    key: string,
    row: EntryRow | undefined,
    write: { length: number; lastSeq: number; expiresAt: number | null },
    bytes: number,
    now: number,
    growth: Growth,
  ): number {
    const list = listEntryAfter(row, write, bytes, now);
    growth.bytes += list.growth;
    const version = this.#nextVersion();
    this.#sql.upsertList.run({
      ns: namespace,
      key,
      bytes,
      version,
      createdAt: list.createdAt,
      now,
      expiresAt: list.expiresAt,
      length: list.length,
      nextSeq: list.nextSeq,
    });
    return version;
  }
}
