import { statSync } from "node:fs";
import type { KeyInfo } from "@botwire/core/protocol";
import { ReadBudget } from "@botwire/core/protocol";
import Database from "better-sqlite3";
import type { DumpLoader, DumpOptions, DumpStore, DumpVisitor } from "../dump-store.js";
import type { EngineGauges, EngineTelemetry } from "../engine-telemetry.js";
import { type EntryRow, isLive, toKeyInfo } from "../entry-row.js";
import type {
  ListNamespacesOptions,
  NamespaceInfo,
  NamespaceListing,
} from "../namespace-listing.js";
import { type Program, runSync } from "../program/program.js";
import { type ListRead, ProgramStore } from "../program/program-store.js";
import type { RowOps } from "../program/row-ops.js";
import type { RecentKeyRow, StatsRow } from "../recency-row.js";
import type { ListKeysOptions, RangeWindow } from "../store.js";
import { StoreUnavailableError } from "../store-errors.js";
import { utcDay } from "../utc-day.js";
import { createPrivateDatabaseFile } from "./create-private-database-file.js";
import { SqliteAccess } from "./sqlite-access.js";
import { SqliteDump } from "./sqlite-dump.js";
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

/** A `list_items` row as a range read selects it. */
interface ItemRow {
  seq: number;
  value: string;
  bytes: number;
}

/**
 * The embedded SQLite engine (better-sqlite3): WAL journal with `synchronous=NORMAL`, so a
 * committed write survives a crash of the process; every call is one transaction. Writes run
 * the shared programs on synchronous row operations; SQLite has one writer at a time, so the
 * key and namespace locks they ask for are already held.
 */
export class SqliteStore
  extends ProgramStore
  implements DumpStore, NamespaceListing, EngineTelemetry
{
  readonly engine = "sqlite";
  readonly #db: Database.Database;
  readonly #path: string;
  readonly #sql: SqliteStatements;
  readonly #lockTimeoutMs: number;
  readonly #ops: RowOps;
  // The highest version handed out, committed or not (see execute()).
  #issuedVersion = 0;
  protected readonly access: SqliteAccess;

  constructor(options: SqliteStoreOptions) {
    super();
    createPrivateDatabaseFile(options.path);
    this.#path = options.path;
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
    this.#ops = sqliteRowOps(this.#sql, (version) => {
      this.#issuedVersion = version;
    });
    this.access = new SqliteAccess(this.#db, (work) => this.#run(work));
  }

  protected readEntry(namespace: string, key: string): Promise<EntryRow | undefined> {
    return this.#run(() => this.#ops.row(namespace, key, false));
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

  protected readRecent(namespace: string, limit: number, now: number): Promise<RecentKeyRow[]> {
    return this.#run(
      () => this.#sql.listRecent.all({ ns: namespace, now, limit }) as RecentKeyRow[],
    );
  }

  protected readList(
    namespace: string,
    key: string,
    window: RangeWindow,
    now: number,
  ): Promise<ListRead | undefined> {
    return this.#run(() =>
      this.#db.transaction(() => {
        const entry = this.#ops.row(namespace, key, false);
        if (!entry || !isLive(entry, now) || entry.kind !== "list")
          return entry && { entry, items: [] };
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
        return { entry, items };
      })(),
    );
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
      for (const { ns, key } of expired) this.#ops.purge(ns, key);
      this.access.forgetUsageBefore(utcDay(now - 86_400_000));
      return expired.length;
    });
  }

  protected readStats(now: number): Promise<StatsRow> {
    return this.#run(() => this.#sql.stats.get({ now }) as StatsRow);
  }

  dump(options: DumpOptions, visit: DumpVisitor): Promise<void> {
    return new SqliteDump(this.#path, this.#lockTimeoutMs).dump(options, visit);
  }

  load<T>(work: (loader: DumpLoader) => Promise<T>): Promise<T> {
    return new SqliteDump(this.#path, this.#lockTimeoutMs).load(work);
  }

  async ping(): Promise<void> {
    await this.#run(() => this.#sql.ping.get());
  }

  listNamespaces(options: ListNamespacesOptions, now: number): Promise<NamespaceInfo[]> {
    const params = { after: options.after ?? "", now, limit: options.limit };
    return this.#run(() => this.#sql.listNamespaces.all(params) as NamespaceInfo[]);
  }

  gauges(): EngineGauges {
    if (this.#path === ":memory:") return { walBytes: 0 };
    // No WAL file yet (or just checkpointed away) is an empty log.
    return { walBytes: statSync(`${this.#path}-wal`, { throwIfNoEntry: false })?.size ?? 0 };
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }

  /** Runs a write program in one transaction. */
  protected async execute<T>(make: () => Program<T>): Promise<T> {
    try {
      return await this.#write(() => runSync(make(), this.#ops));
    } catch (error) {
      // The counter rolled back with the write, but a refusal may already have shown one of
      // its versions (a batch's 412 names the version its own earlier op wrote): move the
      // counter past it, as a PostgreSQL sequence does, so no version is ever given twice.
      const version = this.#issuedVersion;
      await this.#run(() => this.#sql.keepVersion.run({ version })).catch(() => {});
      throw error;
    }
  }

  /** Runs `work` in one write transaction, taking the write lock at once. */
  #write<T>(work: () => T): Promise<T> {
    return this.#run(() => this.#db.transaction(work).immediate());
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
}

/** The row operations of the shared write programs, as SQLite statements. */
function sqliteRowOps(sql: SqliteStatements, issued: (version: number) => void): RowOps {
  const nextVersion = (): number => {
    sql.bumpVersion.run();
    const { value } = sql.currentVersion.get() as { value: number };
    issued(value);
    return value;
  };
  const purge = (ns: string, key: string) => {
    sql.deleteItems.run({ ns, key });
    sql.deleteEntry.run({ ns, key });
  };
  return {
    row: (ns, key) => sql.entry.get({ ns, key }) as EntryRow | undefined,
    purge,
    deleteItems: (ns, key) => sql.deleteItems.run({ ns, key }),
    insertItems(ns, key, { items, firstSeq }) {
      for (const [offset, value] of items.entries()) {
        const bytes = Buffer.byteLength(value, "utf8");
        sql.insertItem.run({ ns, key, seq: firstSeq + offset, value, bytes });
      }
    },
    trimItems(ns, key, upTo) {
      const { bytes } = sql.itemBytesUpTo.get({ ns, key, upTo }) as { bytes: number };
      sql.deleteItemsUpTo.run({ ns, key, upTo });
      return bytes;
    },
    upsertValue(ns, key, value, now) {
      const version = nextVersion();
      sql.upsertValue.run({ ns, key, ...value, version, now });
      return version;
    },
    upsertList(ns, key, list, now) {
      const version = nextVersion();
      const { bytes, createdAt, expiresAt, length, nextSeq } = list;
      sql.upsertList.run({ ns, key, bytes, version, createdAt, now, expiresAt, length, nextSeq });
      return version;
    },
    // One writer at a time: the transaction holds the database's write lock already.
    lockKeys() {},
    lockNamespace() {},
    namespaceBytes: (ns, now) => (sql.namespaceBytes.get({ ns, now }) as { bytes: number }).bytes,
  };
}
