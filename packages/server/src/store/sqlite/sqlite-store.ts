import { type EntryKind, type KeyInfo, ReadBudget } from "@botwire/core/protocol";
import Database from "better-sqlite3";
import {
  checkPrecondition,
  type EntryRow,
  isLive,
  sumBytes,
  toKeyInfo,
  toStoredEntry,
} from "../entry-row.js";
import type {
  AppendResult,
  ListAppend,
  ListReplace,
  Precondition,
  PutResult,
  QuotaUse,
  RangeResult,
  RangeWindow,
  ReplaceResult,
  Store,
  StoreBatchOp,
  StoreBatchResult,
  StoredEntry,
  StoreStats,
  TokenRecord,
  ValueWrite,
} from "../store.js";
import {
  StoreConflictError,
  StoreLimitError,
  StoreReadLimitError,
  StoreUnavailableError,
} from "../store-errors.js";
import { utcDay } from "../utc-day.js";
import { createPrivateDatabaseFile } from "./create-private-database-file.js";
import { SqliteAccess } from "./sqlite-access.js";
import { migrateSqlite } from "./sqlite-schema.js";
import { prepareSqliteStatements, type SqliteStatements } from "./sqlite-statements.js";

/** Options of {@link SqliteStore}. */
export interface SqliteStoreOptions {
  /** Database file (its directory is created), or `":memory:"`. */
  path: string;
}

// SQLite result codes that mean "the engine cannot serve now", not "the request is wrong".
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|NOMEM|CORRUPT|NOTADB)/;

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
export class SqliteStore implements Store {
  readonly #db: Database.Database;
  readonly #sql: SqliteStatements;
  readonly #access: SqliteAccess;

  constructor(options: SqliteStoreOptions) {
    createPrivateDatabaseFile(options.path);
    this.#db = new Database(options.path);
    this.#db.pragma("journal_mode = WAL");
    this.#db.pragma("synchronous = NORMAL");
    this.#db.pragma("busy_timeout = 5000");
    // Truncate the WAL after checkpoints so a write burst does not leave a huge file behind.
    this.#db.pragma("journal_size_limit = 67108864");
    migrateSqlite(this.#db);
    this.#sql = prepareSqliteStatements(this.#db);
    this.#access = new SqliteAccess(this.#db);
  }

  async get(namespace: string, key: string, now: number): Promise<StoredEntry | undefined> {
    return this.#run(() => {
      const row = this.#live(namespace, key, now);
      return row && toStoredEntry(row);
    });
  }

  async put(namespace: string, key: string, write: ValueWrite, now: number): Promise<PutResult> {
    return this.#write(() => this.#putValue(namespace, key, write, now));
  }

  async delete(
    namespace: string,
    key: string,
    options: { expect?: Precondition; kind?: EntryKind },
    now: number,
  ): Promise<boolean> {
    return this.#write(() => this.#deleteKey(namespace, key, options, now));
  }

  async listKeys(
    namespace: string,
    options: { prefix?: string; after?: string; limit: number },
    now: number,
  ): Promise<KeyInfo[]> {
    return this.#run(() => {
      const params = { ns: namespace, after: options.after ?? "", now, limit: options.limit };
      const rows = options.prefix
        ? this.#sql.listKeysWithPrefix.all({ ...params, prefix: options.prefix })
        : this.#sql.listKeys.all(params);
      return (rows as EntryRow[]).map(toKeyInfo);
    });
  }

  async listRecent(namespace: string, limit: number, now: number): Promise<KeyInfo[]> {
    return this.#run(() =>
      (this.#sql.listRecent.all({ ns: namespace, now, limit }) as EntryRow[]).map(toKeyInfo),
    );
  }

  async batch(
    namespace: string,
    ops: StoreBatchOp[],
    now: number,
    maxReadBytes?: number,
  ): Promise<StoreBatchResult[]> {
    const budget = new ReadBudget(maxReadBytes);
    return this.#write(() =>
      ops.map((op, index): StoreBatchResult => {
        const at = { index };
        if (op.op === "set") {
          return { op: "set", key: op.key, ...this.#putValue(namespace, op.key, op, now, at) };
        }
        if (op.op === "delete") {
          const deleted = this.#deleteKey(namespace, op.key, { ...op, kind: "value" }, now, at);
          return { op: "delete", key: op.key, deleted };
        }
        const row = this.#live(namespace, op.key, now);
        if (!row) return { op: "get", key: op.key, found: false };
        if (row.kind !== "value") throw new StoreConflictError("wrong_kind", row.version, index);
        if (!budget.take(row.bytes)) throw new StoreReadLimitError(budget.maxBytes, index);
        const { value, version, expires_at: expiresAt } = row;
        return { op: "get", key: op.key, found: true, value: value ?? "null", version, expiresAt };
      }),
    );
  }

  async append(
    namespace: string,
    key: string,
    append: ListAppend,
    now: number,
  ): Promise<AppendResult> {
    return this.#write(() => {
      const row = this.#liveForWrite(namespace, key, now, "list");
      const firstSeq = row?.next_seq ?? 1;
      const lastSeq = this.#insertItems(namespace, key, append.items, firstSeq);
      let length = (row?.length ?? 0) + append.items.length;
      let bytes = (row?.bytes ?? 0) + sumBytes(append.items);
      if (append.maxLength !== undefined && length > append.maxLength) {
        const cut = { ns: namespace, key, upTo: lastSeq - append.maxLength };
        bytes -= (this.#sql.itemBytesUpTo.get(cut) as { bytes: number }).bytes;
        this.#sql.deleteItemsUpTo.run(cut);
        length = append.maxLength;
      }
      if (append.maxListLength !== undefined && length > append.maxListLength) {
        throw new StoreLimitError(append.maxListLength); // rolls the append back
      }
      const expiresAt =
        append.expiresAt !== undefined ? append.expiresAt : (row?.expires_at ?? null);
      const version = this.#saveList(
        namespace,
        key,
        row,
        { length, bytes, lastSeq, expiresAt },
        now,
      );
      return { length, firstSeq, lastSeq, version };
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
        const row = this.#live(namespace, key, now);
        if (!row) return undefined;
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
        const lastSeq = items.at(-1)?.seq;
        const nextAfter = lastSeq !== undefined && lastSeq < row.next_seq - 1 ? lastSeq : null;
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
    return this.#write(() => {
      const row = this.#liveForWrite(namespace, key, now, "list");
      checkPrecondition(replace.expect, row);
      this.#sql.deleteItems.run({ ns: namespace, key });
      const firstSeq = row?.next_seq ?? 1;
      const lastSeq = this.#insertItems(namespace, key, replace.items, firstSeq);
      const length = replace.items.length;
      const bytes = sumBytes(replace.items);
      const expiresAt = replace.expiresAt;
      const version = this.#saveList(
        namespace,
        key,
        row,
        { length, bytes, lastSeq, expiresAt },
        now,
      );
      return { length, version, created: row === undefined };
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
    return this.#run(() => {
      const row = this.#sql.stats.get({ now }) as Record<string, number>;
      return {
        totalEntries: row.entries ?? 0,
        totalNamespaces: row.namespaces ?? 0,
        totalBytes: row.bytes ?? 0,
      };
    });
  }

  async putToken(token: TokenRecord): Promise<void> {
    this.#run(() => this.#access.putToken(token));
  }

  async findToken(hash: string, now: number): Promise<TokenRecord | undefined> {
    return this.#run(() => this.#access.findToken(hash, now));
  }

  async listTokens(): Promise<TokenRecord[]> {
    return this.#run(() => this.#access.listTokens());
  }

  async revokeToken(id: string): Promise<boolean> {
    return this.#run(() => this.#access.revokeToken(id, Date.now()));
  }

  async consumeWrites(
    namespace: string,
    day: string,
    count: number,
    limit: number,
  ): Promise<QuotaUse> {
    return this.#run(() => this.#access.consumeWrites(namespace, day, count, limit));
  }

  async namespaceBytes(namespace: string, now: number): Promise<number> {
    return this.#run(() => this.#access.namespaceBytes(namespace, now));
  }

  async ping(): Promise<void> {
    this.#run(() => this.#sql.ping.get());
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }

  /** Runs `work`, turning engine failures into {@link StoreUnavailableError}. */
  #run<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (!this.#db.open || (typeof code === "string" && UNAVAILABLE.test(code))) {
        throw new StoreUnavailableError({ cause: error });
      }
      throw error;
    }
  }

  /** Runs `work` in one write transaction (taken at once, so writers queue on busy_timeout). */
  #write<T>(work: () => T): T {
    return this.#run(() => this.#db.transaction(work).immediate());
  }

  #live(namespace: string, key: string, now: number): EntryRow | undefined {
    const row = this.#sql.entry.get({ ns: namespace, key }) as EntryRow | undefined;
    return row && isLive(row, now) ? row : undefined;
  }

  /** The live entry for a write of `kind`; an expired one is purged so the write starts fresh. */
  #liveForWrite(
    namespace: string,
    key: string,
    now: number,
    kind: EntryKind,
    index?: number,
  ): EntryRow | undefined {
    const row = this.#sql.entry.get({ ns: namespace, key }) as EntryRow | undefined;
    if (!row) return undefined;
    if (!isLive(row, now)) {
      this.#purge(namespace, key);
      return undefined;
    }
    if (row.kind !== kind) throw new StoreConflictError("wrong_kind", row.version, index);
    return row;
  }

  #putValue(
    namespace: string,
    key: string,
    write: ValueWrite,
    now: number,
    at: { index?: number } = {},
  ): PutResult {
    const row = this.#liveForWrite(namespace, key, now, "value", at.index);
    checkPrecondition(write.expect, row, at.index);
    const version = this.#nextVersion();
    const createdAt = row?.created_at ?? now;
    this.#sql.upsertValue.run({
      ns: namespace,
      key,
      value: write.value,
      bytes: byteLength(write.value),
      version,
      createdAt,
      now,
      expiresAt: write.expiresAt,
    });
    return { version, created: !row, createdAt, updatedAt: now, expiresAt: write.expiresAt };
  }

  #deleteKey(
    namespace: string,
    key: string,
    options: { expect?: Precondition; kind?: EntryKind },
    now: number,
    at: { index?: number } = {},
  ): boolean {
    const row = this.#live(namespace, key, now);
    if (!row) {
      if (options.expect && !("absent" in options.expect)) {
        throw new StoreConflictError("version_mismatch", null, at.index);
      }
      return false;
    }
    if (options.kind && row.kind !== options.kind) {
      throw new StoreConflictError("wrong_kind", row.version, at.index);
    }
    checkPrecondition(options.expect, row, at.index);
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

  /** Inserts items with consecutive seqs from `firstSeq`; returns the last seq used. */
  #insertItems(namespace: string, key: string, items: string[], firstSeq: number): number {
    let seq = firstSeq - 1;
    for (const value of items) {
      this.#sql.insertItem.run({ ns: namespace, key, seq: ++seq, value, bytes: byteLength(value) });
    }
    return seq;
  }

  #saveList(
    namespace: string,
    key: string,
    row: EntryRow | undefined,
    list: { length: number; bytes: number; lastSeq: number; expiresAt: number | null },
    now: number,
  ): number {
    const version = this.#nextVersion();
    this.#sql.upsertList.run({
      ns: namespace,
      key,
      bytes: list.bytes,
      version,
      createdAt: row?.created_at ?? now,
      now,
      expiresAt: list.expiresAt,
      length: list.length,
      nextSeq: Math.max(list.lastSeq + 1, row?.next_seq ?? 1),
    });
    return version;
  }
}
