import type { KeyInfo } from "@botwire/core/protocol";
import type pg from "pg";
import type { DumpLoader, DumpOptions, DumpStore, DumpVisitor } from "../dump-store.js";
import type { EngineGauges, EngineTelemetry } from "../engine-telemetry.js";
import { type EntryRow, toKeyInfo } from "../entry-row.js";
import type {
  ListNamespacesOptions,
  NamespaceInfo,
  NamespaceListing,
} from "../namespace-listing.js";
import { type Program, runAsync } from "../program/program.js";
import { type ListRead, ProgramStore } from "../program/program-store.js";
import type { AsyncRowOps } from "../program/row-ops.js";
import type { RecentKeyRow, StatsRow } from "../recency-row.js";
import type { ListKeysOptions, RangeWindow } from "../store.js";
import { utcDay } from "../utc-day.js";
import { PostgresAccess } from "./postgres-access.js";
import { PostgresDump } from "./postgres-dump.js";
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
export class PostgresStore
  extends ProgramStore
  implements DumpStore, NamespaceListing, EngineTelemetry
{
  readonly engine = "postgres";
  readonly #pool: PostgresPool;
  readonly #sql: PostgresStatements;
  readonly #dump: PostgresDump;
  protected readonly access: PostgresAccess;

  private constructor(pool: PostgresPool, schema: string) {
    super();
    this.#pool = pool;
    this.#sql = postgresStatements(schema);
    this.access = new PostgresAccess(pool, schema);
    this.#dump = new PostgresDump(pool, schema, this.#sql);
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

  protected async readEntry(namespace: string, key: string): Promise<EntryRow | undefined> {
    return (await this.#pool.query(this.#sql.entry, [namespace, key])).rows[0];
  }

  async listKeys(namespace: string, options: ListKeysOptions, now: number): Promise<KeyInfo[]> {
    const params = [namespace, options.after ?? "", now, options.limit];
    const { rows } = options.prefix
      ? await this.#pool.query(this.#sql.listKeysWithPrefix, [...params, options.prefix])
      : await this.#pool.query(this.#sql.listKeys, params);
    return rows.map(toKeyInfo);
  }

  protected async readRecent(
    namespace: string,
    limit: number,
    now: number,
  ): Promise<RecentKeyRow[]> {
    return (await this.#pool.query(this.#sql.listRecent, [namespace, now, limit])).rows;
  }

  protected async readList(
    namespace: string,
    key: string,
    window: RangeWindow,
  ): Promise<ListRead | undefined> {
    const last = "last" in window ? window.last : null;
    const { rows } = await this.#pool.query(this.#sql.range, [
      namespace,
      key,
      last ?? ("limit" in window ? window.limit : 0),
      "after" in window ? window.after : null,
      last,
      window.maxBytes ?? Number.MAX_SAFE_INTEGER,
    ]);
    const [entry] = rows;
    if (!entry) return undefined;
    const items = rows
      .filter((r) => r.seq !== null)
      .map((r) => ({ seq: r.seq as number, value: r.value as string }));
    return { entry, items };
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
      await this.access.forgetUsageBefore(utcDay(now - 86_400_000));
      return rows.length;
    });
  }

  protected async readStats(now: number): Promise<StatsRow> {
    return (await this.#pool.query(this.#sql.stats, [now])).rows[0];
  }

  dump(options: DumpOptions, visit: DumpVisitor): Promise<void> {
    return this.#dump.dump(options, visit);
  }

  load<T>(work: (loader: DumpLoader) => Promise<T>): Promise<T> {
    return this.#dump.load(work);
  }

  async ping(): Promise<void> {
    await this.#pool.query(this.#sql.ping);
  }

  async listNamespaces(options: ListNamespacesOptions, now: number): Promise<NamespaceInfo[]> {
    const params = [options.after ?? "", now, options.limit];
    return (await this.#pool.query(this.#sql.listNamespaces, params)).rows;
  }

  gauges(): EngineGauges {
    return this.#pool.usage();
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }

  /** Runs a write program in one transaction (retried whole after a deadlock). */
  protected execute<T>(make: () => Program<T>): Promise<T> {
    return this.#pool.transaction((client) => runAsync(make(), postgresRowOps(this.#sql, client)));
  }
}

/**
 * The row operations of the shared write programs, as statements on `c`. Writers of a key
 * queue on its advisory lock and hold its row lock, so appends from any replica get strictly
 * increasing seqs and sweeps never delete under a writer.
 */
function postgresRowOps(sql: PostgresStatements, c: Client): AsyncRowOps {
  const first = async (text: string, params: unknown[]) => (await c.query(text, params)).rows[0];
  return {
    row: (ns, key, forWrite) => first(forWrite ? sql.entryForWrite : sql.entry, [ns, key]),
    async purge(ns, key) {
      await c.query(sql.deleteEntry, [ns, key]);
      await c.query(sql.deleteItems, [ns, key]);
    },
    async deleteItems(ns, key) {
      await c.query(sql.deleteItems, [ns, key]);
    },
    // One statement for all the items.
    async insertItems(ns, key, { items, firstSeq }) {
      if (items.length > 0) await c.query(sql.insertItems, [ns, key, firstSeq, items]);
    },
    trimItems: async (ns, key, upTo) => (await first(sql.trimItems, [ns, key, upTo])).bytes,
    upsertValue: async (ns, key, { value, createdAt, expiresAt }, now) =>
      (await first(sql.upsertValue, [ns, key, value, createdAt, now, expiresAt])).version,
    upsertList: async (ns, key, { bytes, createdAt, expiresAt, length, nextSeq }, now) =>
      (await first(sql.upsertList, [ns, key, bytes, createdAt, now, expiresAt, length, nextSeq]))
        .version,
    async lockKeys(ns, keys) {
      await c.query(sql.lockKeys, [ns, keys]);
    },
    async lockNamespace(ns) {
      await c.query(sql.lockNamespace, [ns]);
    },
    namespaceBytes: async (ns, now) => (await first(sql.namespaceBytes, [ns, now])).bytes,
  };
}
