import { type EntryKind, type KeyInfo, ReadBudget } from "@botwire/core/protocol";
import type pg from "pg";
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
import { toRecentKey, toStoreStats } from "../recency-row.js";
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
import { StoreConflictError } from "../store-errors.js";
import { utcDay } from "../utc-day.js";
import { PostgresAccess } from "./postgres-access.js";
import type { PostgresPool, PostgresPoolOptions } from "./postgres-pool.js";
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
export class PostgresStore implements Store, AccessStore, RecencyStore {
  readonly #pool: PostgresPool;
  readonly #sql: PostgresStatements;
  readonly #access: PostgresAccess;

  private constructor(pool: PostgresPool, schema: string) {
    this.#pool = pool;
    this.#sql = postgresStatements(schema);
    this.#access = new PostgresAccess(pool, schema);
  }

  /**
   * Loads the driver (`pg`), connects, migrates the schema (safe when several replicas start at once) and returns a
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
    // Loaded here, not at import: servers on SQLite never load the PostgreSQL driver.
    const { PostgresPool } = await import("./postgres-pool.js");
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
    return this.#write(namespace, [key], write, now, (c, growth) =>
      this.#putValue(c, namespace, key, write, now, { growth }),
    );
  }

  async delete(
    namespace: string,
    key: string,
    options: DeleteOptions,
    now: number,
  ): Promise<boolean> {
    return this.#write(namespace, [key], undefined, now, (c, growth) =>
      this.#deleteKey(c, namespace, key, options, now, { growth }),
    );
  }

  async listKeys(namespace: string, options: ListKeysOptions, now: number): Promise<KeyInfo[]> {
    const params = [namespace, options.after ?? "", now, options.limit];
    const { rows } = options.prefix
      ? await this.#pool.query(this.#sql.listKeysWithPrefix, [...params, options.prefix])
      : await this.#pool.query(this.#sql.listKeys, params);
    return rows.map(toKeyInfo);
  }

  async listRecent(namespace: string, limit: number, now: number): Promise<RecentKey[]> {
    const { rows } = await this.#pool.query(this.#sql.listRecent, [namespace, now, limit]);
    return rows.map(toRecentKey);
  }

  async batch(
    namespace: string,
    ops: StoreBatchOp[],
    now: number,
    options: BatchOptions = {},
  ): Promise<StoreBatchResult[]> {
    const budget = new ReadBudget(options.maxReadBytes);
    const written = ops.filter((op) => op.op !== "get").map((op) => op.key);
    return this.#write(namespace, written, options, now, async (c, growth) => {
      const results: StoreBatchResult[] = [];
      for (const [index, op] of ops.entries()) {
        const at = { index, growth };
        if (op.op === "set") {
          const put = await this.#putValue(c, namespace, op.key, op, now, at);
          results.push({ op: "set", key: op.key, ...put });
        } else if (op.op === "delete") {
          const options = { ...op, kind: "value" as const };
          const deleted = await this.#deleteKey(c, namespace, op.key, options, now, at);
          results.push({ op: "delete", key: op.key, deleted });
        } else {
          const [row] = (await c.query(this.#sql.entry, [namespace, op.key])).rows;
          results.push(batchGetResult(op.key, row, now, budget, index));
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
    return this.#write(namespace, [key], append, now, async (c, growth) => {
      const row = await this.#existing(c, namespace, key, now, "list");
      const plan = planAppend(row, append);
      await this.#insertItems(c, namespace, key, plan);
      let bytes = plan.untrimmedBytes;
      if (plan.trimUpTo !== undefined) {
        bytes -= (await c.query(this.#sql.trimItems, [namespace, key, plan.trimUpTo])).rows[0]
          .bytes;
      }
      const version = await this.#saveList(c, namespace, key, row, plan, bytes, now, growth);
      return { length: plan.length, firstSeq: plan.firstSeq, lastSeq: plan.lastSeq, version };
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
    const nextAfter = nextAfterOf(items, head.next_seq);
    return { items, length: head.length, version: head.version, nextAfter };
  }

  async replaceList(
    namespace: string,
    key: string,
    replace: ListReplace,
    now: number,
  ): Promise<ReplaceResult> {
    return this.#write(namespace, [key], replace, now, async (c, growth) => {
      const row = await this.#existing(c, namespace, key, now, "list");
      const plan = planReplace(row, replace);
      await c.query(this.#sql.deleteItems, [namespace, key]);
      await this.#insertItems(c, namespace, key, plan);
      const version = await this.#saveList(c, namespace, key, row, plan, plan.bytes, now, growth);
      return { length: plan.length, version, created: row === undefined };
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
    return toStoreStats((await this.#pool.query(this.#sql.stats, [now])).rows[0]);
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

  revokeToken(id: string, now: number): Promise<boolean> {
    return this.#access.revokeToken(id, now);
  }

  consumeWrites(namespace: string, day: string, count: number, limit: number): Promise<QuotaUse> {
    return this.#access.consumeWrites(namespace, day, count, limit);
  }

  async ping(): Promise<void> {
    await this.#pool.query(this.#sql.ping);
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }

  /**
   * Runs `work` in one transaction holding the write locks of `keys`. When the work grew the
   * namespace and `cap` limits it, the transaction then takes the namespace's lock (waiting for
   * any other growing writer to commit, on any replica) and checks the cap against the live
   * bytes it now sees, its own writes included.
   */
  #write<T>(
    namespace: string,
    keys: string[],
    cap: StorageCap | undefined,
    now: number,
    work: (c: Client, growth: Growth) => Promise<T>,
  ): Promise<T> {
    return this.#pool.transaction(async (c) => {
      const unique = [...new Set(keys)];
      if (unique.length > 0) await c.query(this.#sql.lockKeys, [namespace, unique]);
      const growth = { bytes: 0 };
      const result = await work(c, growth);
      const limit = capToCheck(cap, growth);
      if (limit !== undefined) {
        // Taken last, after the key locks, so lock order stays the same in every transaction.
        await c.query(this.#sql.lockNamespace, [namespace]);
        enforceCap(
          limit,
          (await c.query(this.#sql.namespaceBytes, [namespace, now])).rows[0].bytes,
        );
      }
      return result;
    });
  }

  /** The key's row, live or not, locked until the transaction ends. */
  async #locked(c: Client, namespace: string, key: string): Promise<EntryRow | undefined> {
    return (await c.query(this.#sql.entryForWrite, [namespace, key])).rows[0];
  }

  /** The live entry a write of `kind` builds on (locked); an expired one is purged first. */
  async #existing(
    c: Client,
    namespace: string,
    key: string,
    now: number,
    kind: EntryKind,
    index?: number,
  ): Promise<EntryRow | undefined> {
    const found = existingEntry(await this.#locked(c, namespace, key), now, kind, index);
    if (found.purge) await this.#purge(c, namespace, key);
    return found.row;
  }

  async #putValue(
    c: Client,
    namespace: string,
    key: string,
    write: ValueWrite,
    now: number,
    { index, growth }: { index?: number; growth: Growth },
  ): Promise<PutResult> {
    const row = await this.#existing(c, namespace, key, now, "value", index);
    const plan = planValueWrite(row, write, now, index);
    growth.bytes += plan.growth;
    const params = [namespace, key, write.value, plan.createdAt, now, write.expiresAt];
    const { version } = (await c.query(this.#sql.upsertValue, params)).rows[0];
    return putResultOf(plan, write, version, now);
  }

  async #deleteKey(
    c: Client,
    namespace: string,
    key: string,
    options: DeleteOptions,
    now: number,
    { index, growth }: { index?: number; growth: Growth },
  ): Promise<boolean> {
    const plan = planDelete(await this.#locked(c, namespace, key), options, now, index);
    if (!plan) return false;
    growth.bytes -= plan.freed;
    await this.#purge(c, namespace, key);
    return true;
  }

  async #purge(c: Client, namespace: string, key: string): Promise<void> {
    await c.query(this.#sql.deleteEntry, [namespace, key]);
    await c.query(this.#sql.deleteItems, [namespace, key]);
  }

  /** Inserts the items in one statement. */
  async #insertItems(
    c: Client,
    namespace: string,
    key: string,
    { items, firstSeq }: ItemsToInsert,
  ): Promise<void> {
    if (items.length > 0) await c.query(this.#sql.insertItems, [namespace, key, firstSeq, items]);
  }

  /** Saves the list's entry after a write that left it holding `bytes`; returns its version. */
  async #saveList(
    c: Client,
    namespace: string,
    key: string,
    row: EntryRow | undefined,
    write: { length: number; lastSeq: number; expiresAt: number | null },
    bytes: number,
    now: number,
    growth: Growth,
  ): Promise<number> {
    const list = listEntryAfter(row, write, bytes, now);
    growth.bytes += list.growth;
    const { createdAt, expiresAt, length, nextSeq } = list;
    const params = [namespace, key, bytes, createdAt, now, expiresAt, length, nextSeq];
    return (await c.query(this.#sql.upsertList, params)).rows[0].version;
  }
}
