import { type EntryKind, type KeyInfo, ReadBudget } from "@botwire/core/protocol";
import type pg from "pg";
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
import { StoreConflictError, StoreLimitError, StoreReadLimitError } from "../store-errors.js";
import { utcDay } from "../utc-day.js";
import { PostgresAccess } from "./postgres-access.js";
import { PostgresPool, type PostgresPoolOptions } from "./postgres-pool.js";
import { migratePostgres } from "./postgres-schema.js";
import { type PostgresStatements, postgresStatements } from "./postgres-statements.js";

/** Options of {@link PostgresStore}. */
export interface PostgresStoreOptions extends PostgresPoolOptions {
  /** Schema holding the tables (created if missing): lower-case letters, digits, `_`. @default "botwire" */
  schema?: string;
}

type Client = pg.PoolClient;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
// Sweeps from all replicas take this one lock, so only one sweeps at a time.
const SWEEP_LOCK = 0x73776570;

/**
 * The PostgreSQL engine, for many stateless server replicas sharing one database. Writers of a
 * key queue on a per-key advisory lock and hold its row lock, so appends from any replica get
 * strictly increasing seqs, preconditions hold, and sweeps never delete under a writer;
 * versions come from one SEQUENCE and are never reused. Connection failures surface as
 * `StoreUnavailableError` (503) and the pool heals by itself.
 */
export class PostgresStore implements Store {
  readonly #pool: PostgresPool;
  readonly #sql: PostgresStatements;
  readonly #access: PostgresAccess;

  private constructor(pool: PostgresPool, schema: string) {
    this.#pool = pool;
    this.#sql = postgresStatements(schema);
    this.#access = new PostgresAccess(pool, schema);
  }

  /**
   * Connects, migrates the schema (safe when several replicas start at once) and returns a
   * ready store.
   * @example const store = await PostgresStore.open({ connectionString: "postgres://db/app" });
   */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const schema = options.schema ?? "botwire";
    if (!SCHEMA_NAME.test(schema)) {
      throw new Error(
        `Invalid schema name "${schema}": use 1-63 lower-case letters, digits and _, not starting with a digit.`,
      );
    }
    const pool = new PostgresPool(options);
    try {
      await migratePostgres(pool, schema);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresStore(pool, schema);
  }

  async get(namespace: string, key: string, now: number): Promise<StoredEntry | undefined> {
    const row = (await this.#pool.query(this.#sql.entry, [namespace, key])).rows[0];
    return row && isLive(row, now) ? toStoredEntry(row) : undefined;
  }

  async put(namespace: string, key: string, write: ValueWrite, now: number): Promise<PutResult> {
    return this.#write(namespace, [key], (c) => this.#putValue(c, namespace, key, write, now));
  }

  async delete(
    namespace: string,
    key: string,
    options: { expect?: Precondition; kind?: EntryKind },
    now: number,
  ): Promise<boolean> {
    return this.#write(namespace, [key], (c) => this.#deleteKey(c, namespace, key, options, now));
  }

  async listKeys(
    namespace: string,
    options: { prefix?: string; after?: string; limit: number },
    now: number,
  ): Promise<KeyInfo[]> {
    const params = [namespace, options.after ?? "", now, options.limit];
    const { rows } = options.prefix
      ? await this.#pool.query(this.#sql.listKeysWithPrefix, [...params, options.prefix])
      : await this.#pool.query(this.#sql.listKeys, params);
    return rows.map(toKeyInfo);
  }

  async listRecent(namespace: string, limit: number, now: number): Promise<KeyInfo[]> {
    const { rows } = await this.#pool.query(this.#sql.listRecent, [namespace, now, limit]);
    return rows.map(toKeyInfo);
  }

  async batch(
    namespace: string,
    ops: StoreBatchOp[],
    now: number,
    maxReadBytes?: number,
  ): Promise<StoreBatchResult[]> {
    const budget = new ReadBudget(maxReadBytes);
    const written = ops.filter((op) => op.op !== "get").map((op) => op.key);
    return this.#write(namespace, written, async (c) => {
      const results: StoreBatchResult[] = [];
      for (const [index, op] of ops.entries()) {
        if (op.op === "set") {
          const put = await this.#putValue(c, namespace, op.key, op, now, index);
          results.push({ op: "set", key: op.key, ...put });
        } else if (op.op === "delete") {
          const options = { ...op, kind: "value" as const };
          const deleted = await this.#deleteKey(c, namespace, op.key, options, now, index);
          results.push({ op: "delete", key: op.key, deleted });
        } else {
          const row: EntryRow | undefined = (await c.query(this.#sql.entry, [namespace, op.key]))
            .rows[0];
          if (!row || !isLive(row, now)) results.push({ op: "get", key: op.key, found: false });
          else if (row.kind !== "value") {
            throw new StoreConflictError("wrong_kind", row.version, index);
          } else if (!budget.take(row.bytes)) {
            throw new StoreReadLimitError(budget.maxBytes, index);
          } else {
            const { value, version, expires_at: expiresAt } = row;
            results.push({
              op: "get",
              key: op.key,
              found: true,
              value: value ?? "null",
              version,
              expiresAt,
            });
          }
        }
      }
      return results;
    });
  }

  async append(
    namespace: string,
    key: string,
    append: ListAppend,
    now: number,
  ): Promise<AppendResult> {
    return this.#write(namespace, [key], async (c) => {
      const row = await this.#liveForWrite(c, namespace, key, now, "list");
      const firstSeq = row?.next_seq ?? 1;
      const lastSeq = await this.#insertItems(c, namespace, key, append.items, firstSeq);
      let length = (row?.length ?? 0) + append.items.length;
      let bytes = (row?.bytes ?? 0) + sumBytes(append.items);
      if (append.maxLength !== undefined && length > append.maxLength) {
        const cut = [namespace, key, lastSeq - append.maxLength];
        bytes -= (await c.query(this.#sql.trimItems, cut)).rows[0].bytes;
        length = append.maxLength;
      }
      if (append.maxListLength !== undefined && length > append.maxListLength) {
        throw new StoreLimitError(append.maxListLength); // rolls the append back
      }
      const expiresAt =
        append.expiresAt !== undefined ? append.expiresAt : (row?.expires_at ?? null);
      const list = { length, bytes, lastSeq, expiresAt };
      const version = await this.#saveList(c, namespace, key, row, list, now);
      return { length, firstSeq, lastSeq, version };
    });
  }

  async range(
    namespace: string,
    key: string,
    window: RangeWindow,
    now: number,
  ): Promise<RangeResult | undefined> {
    const last = "last" in window ? window.last : null;
    const { rows } = await this.#pool.query(this.#sql.range, [
      namespace,
      key,
      last ?? ("limit" in window ? window.limit : 0),
      "after" in window ? window.after : null,
      last,
      window.maxBytes ?? Number.MAX_SAFE_INTEGER,
    ]);
    const head = rows[0];
    if (!head || !isLive(head, now)) return undefined;
    if (head.kind !== "list") throw new StoreConflictError("wrong_kind", head.version);
    const items = rows
      .filter((r) => r.seq !== null)
      .map((r) => ({ seq: r.seq as number, value: r.value as string }));
    const lastSeq = items.at(-1)?.seq;
    const nextAfter = lastSeq !== undefined && lastSeq < head.next_seq - 1 ? lastSeq : null;
    return { items, length: head.length, version: head.version, nextAfter };
  }

  async replaceList(
    namespace: string,
    key: string,
    replace: ListReplace,
    now: number,
  ): Promise<ReplaceResult> {
    return this.#write(namespace, [key], async (c) => {
      const row = await this.#liveForWrite(c, namespace, key, now, "list");
      checkPrecondition(replace.expect, row);
      await c.query(this.#sql.deleteItems, [namespace, key]);
      const firstSeq = row?.next_seq ?? 1;
      const lastSeq = await this.#insertItems(c, namespace, key, replace.items, firstSeq);
      const length = replace.items.length;
      const list = {
        length,
        bytes: sumBytes(replace.items),
        lastSeq,
        expiresAt: replace.expiresAt,
      };
      const version = await this.#saveList(c, namespace, key, row, list, now);
      return { length, version, created: row === undefined };
    });
  }

  async clearNamespace(namespace: string): Promise<number> {
    return this.#pool.transaction(async (c) => {
      const { rows } = await c.query(this.#sql.clearEntries, [namespace]);
      await c.query(this.#sql.deleteItemsOfKeys, [namespace, rows.map((r) => r.key)]);
      return rows.length;
    });
  }

  async sweepExpired(now: number, limit: number): Promise<number> {
    return this.#pool.transaction(async (c) => {
      if (!(await c.query(this.#sql.trySweepLock, [SWEEP_LOCK])).rows[0].ok) {
        return 0; // another replica is sweeping right now
      }
      const { rows } = await c.query(this.#sql.sweepEntries, [now, limit]);
      if (rows.length > 0) {
        await c.query(this.#sql.sweepItems, [rows.map((r) => r.ns), rows.map((r) => r.key)]);
      }
      await this.#access.forgetUsageBefore(utcDay(now - 86_400_000));
      return rows.length;
    });
  }

  async stats(now: number): Promise<StoreStats> {
    const [row] = (await this.#pool.query(this.#sql.stats, [now])).rows;
    return { totalEntries: row.entries, totalNamespaces: row.namespaces, totalBytes: row.bytes };
  }

  putToken(token: TokenRecord): Promise<void> {
    return this.#access.putToken(token);
  }

  findToken(hash: string, now: number): Promise<TokenRecord | undefined> {
    return this.#access.findToken(hash, now);
  }

  listTokens(): Promise<TokenRecord[]> {
    return this.#access.listTokens();
  }

  revokeToken(id: string): Promise<boolean> {
    return this.#access.revokeToken(id, Date.now());
  }

  consumeWrites(namespace: string, day: string, count: number, limit: number): Promise<QuotaUse> {
    return this.#access.consumeWrites(namespace, day, count, limit);
  }

  namespaceBytes(namespace: string, now: number): Promise<number> {
    return this.#access.namespaceBytes(namespace, now);
  }

  async ping(): Promise<void> {
    await this.#pool.query(this.#sql.ping);
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }

  /** Runs `work` in one transaction holding the write locks of `keys`. */
  #write<T>(namespace: string, keys: string[], work: (c: Client) => Promise<T>): Promise<T> {
    return this.#pool.transaction(async (c) => {
      const unique = [...new Set(keys)];
      if (unique.length > 0) await c.query(this.#sql.lockKeys, [namespace, unique]);
      return work(c);
    });
  }

  /** The key's row, live or not, locked until the transaction ends. */
  async #locked(c: Client, namespace: string, key: string): Promise<EntryRow | undefined> {
    return (await c.query(this.#sql.entryForWrite, [namespace, key])).rows[0];
  }

  /** The live entry for a write of `kind`; an expired one is purged so the write starts fresh. */
  async #liveForWrite(
    c: Client,
    namespace: string,
    key: string,
    now: number,
    kind: EntryKind,
    index?: number,
  ): Promise<EntryRow | undefined> {
    const row = await this.#locked(c, namespace, key);
    if (!row) return undefined;
    if (!isLive(row, now)) {
      await this.#purge(c, namespace, key);
      return undefined;
    }
    if (row.kind !== kind) throw new StoreConflictError("wrong_kind", row.version, index);
    return row;
  }

  async #putValue(
    c: Client,
    namespace: string,
    key: string,
    write: ValueWrite,
    now: number,
    index?: number,
  ): Promise<PutResult> {
    const row = await this.#liveForWrite(c, namespace, key, now, "value", index);
    checkPrecondition(write.expect, row, index);
    const createdAt = row?.created_at ?? now;
    const params = [namespace, key, write.value, createdAt, now, write.expiresAt];
    const { version } = (await c.query(this.#sql.upsertValue, params)).rows[0];
    return { version, created: !row, createdAt, updatedAt: now, expiresAt: write.expiresAt };
  }

  async #deleteKey(
    c: Client,
    namespace: string,
    key: string,
    options: { expect?: Precondition; kind?: EntryKind },
    now: number,
    index?: number,
  ): Promise<boolean> {
    const row = await this.#locked(c, namespace, key);
    if (!row || !isLive(row, now)) {
      if (options.expect && !("absent" in options.expect)) {
        throw new StoreConflictError("version_mismatch", null, index);
      }
      return false;
    }
    if (options.kind && row.kind !== options.kind) {
      throw new StoreConflictError("wrong_kind", row.version, index);
    }
    checkPrecondition(options.expect, row, index);
    await this.#purge(c, namespace, key);
    return true;
  }

  async #purge(c: Client, namespace: string, key: string): Promise<void> {
    await c.query(this.#sql.deleteEntry, [namespace, key]);
    await c.query(this.#sql.deleteItems, [namespace, key]);
  }

  /** Inserts items with consecutive seqs from `firstSeq` in one statement; returns the last seq. */
  async #insertItems(
    c: Client,
    namespace: string,
    key: string,
    items: string[],
    firstSeq: number,
  ): Promise<number> {
    if (items.length > 0) await c.query(this.#sql.insertItems, [namespace, key, firstSeq, items]);
    return firstSeq + items.length - 1;
  }

  async #saveList(
    c: Client,
    namespace: string,
    key: string,
    row: EntryRow | undefined,
    list: { length: number; bytes: number; lastSeq: number; expiresAt: number | null },
    now: number,
  ): Promise<number> {
    const nextSeq = Math.max(list.lastSeq + 1, row?.next_seq ?? 1);
    const createdAt = row?.created_at ?? now;
    const params = [
      namespace,
      key,
      list.bytes,
      createdAt,
      now,
      list.expiresAt,
      list.length,
      nextSeq,
    ];
    return (await c.query(this.#sql.upsertList, params)).rows[0].version;
  }
}
