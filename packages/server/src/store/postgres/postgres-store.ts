import { type EntryKind, type KeyInfo, preconditionHolds } from "@botwire/core/protocol";
import pg from "pg";
import { type EntryRow, isLive, toKeyInfo, toStoredEntry } from "../entry-row.js";
import type {
  AppendResult,
  ListAppend,
  ListReplace,
  Precondition,
  PutResult,
  RangeResult,
  RangeWindow,
  ReplaceResult,
  Store,
  StoreBatchOp,
  StoreBatchResult,
  StoredEntry,
  StoreStats,
  ValueWrite,
} from "../store.js";
import { StoreConflictError } from "../store-errors.js";
import { isTransient, mapPostgresError } from "./postgres-errors.js";
import { migratePostgres } from "./postgres-schema.js";

/** Options of {@link PostgresStore}. */
export interface PostgresStoreOptions {
  /** `postgres://user@host:port/database`. */
  connectionString: string;
  /** Connections in this replica's pool. @default 10 */
  poolSize?: number;
  /** Schema holding the tables (created if missing). @default "botwire" */
  schema?: string;
  /** How long a request waits for a free or new connection before 503. @default 5000 */
  connectTimeoutMs?: number;
}

type Client = pg.PoolClient;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
// Sweeps from all replicas take this one lock, so only one sweeps at a time.
const SWEEP_LOCK = 0x73776570;
const BIGINT = 20;

/**
 * The PostgreSQL engine, for many stateless server replicas sharing one database. Writers to
 * one key queue on a per-key advisory lock, so appends from any replica get strictly increasing
 * seqs and preconditions hold; versions come from one SEQUENCE and are never reused.
 * Connection failures surface as `StoreUnavailableError` (503) and the pool heals by itself.
 */
export class PostgresStore implements Store {
  readonly #pool: pg.Pool;
  readonly #t: { entries: string; items: string; versions: string };
  readonly #schema: string;

  private constructor(options: PostgresStoreOptions) {
    this.#schema = options.schema ?? "botwire";
    if (!SCHEMA_NAME.test(this.#schema)) {
      throw new Error(
        `Invalid schema name "${this.#schema}": use lower-case letters, digits and _.`,
      );
    }
    this.#pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      types: {
        // bigint columns hold epoch ms, versions and seqs: all within 2^53.
        getTypeParser: ((oid: number, format?: string) =>
          oid === BIGINT
            ? Number
            : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
      },
    });
    // An idle client losing its connection (database restart) must not crash the process.
    this.#pool.on("error", () => {});
    const s = this.#schema;
    this.#t = { entries: `${s}.entries`, items: `${s}.list_items`, versions: `${s}.versions` };
  }

  /** Connects, migrates the schema, and returns a ready store. */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const store = new PostgresStore(options);
    try {
      await migratePostgres(store.#pool, store.#schema);
    } catch (error) {
      await store.#pool.end();
      throw mapPostgresError(error);
    }
    return store;
  }

  async get(namespace: string, key: string, now: number): Promise<StoredEntry | undefined> {
    const row = await this.#one(`SELECT * FROM ${this.#t.entries} WHERE ns = $1 AND key = $2`, [
      namespace,
      key,
    ]);
    return row && isLive(row, now) ? toStoredEntry(row) : undefined;
  }

  async put(namespace: string, key: string, write: ValueWrite, now: number): Promise<PutResult> {
    return this.#tx(async (c) => {
      await this.#lock(c, namespace, [key]);
      return this.#putValue(c, namespace, key, write, now);
    });
  }

  async delete(
    namespace: string,
    key: string,
    options: { expect?: Precondition; kind?: EntryKind },
    now: number,
  ): Promise<boolean> {
    return this.#tx(async (c) => {
      await this.#lock(c, namespace, [key]);
      return this.#deleteKey(c, namespace, key, options, now);
    });
  }

  async listKeys(
    namespace: string,
    options: { prefix?: string; after?: string; limit: number },
    now: number,
  ): Promise<KeyInfo[]> {
    const params: unknown[] = [namespace, options.after ?? "", now, options.limit];
    let prefix = "";
    if (options.prefix) {
      params.push(`${options.prefix.replace(/[\\%_]/g, "\\$&")}%`);
      prefix = `AND key LIKE $5 ESCAPE '\\'`;
    }
    const { rows } = await this.#query(
      `SELECT key, kind, bytes, version, updated_at, expires_at FROM ${this.#t.entries}
       WHERE ns = $1 AND key > $2 ${prefix} AND (expires_at IS NULL OR expires_at > $3)
       ORDER BY key LIMIT $4`,
      params,
    );
    return rows.map(toKeyInfo);
  }

  async listRecent(namespace: string, limit: number, now: number): Promise<KeyInfo[]> {
    const { rows } = await this.#query(
      `SELECT key, kind, bytes, version, updated_at, expires_at FROM ${this.#t.entries}
       WHERE ns = $1 AND (expires_at IS NULL OR expires_at > $2) ORDER BY updated_at DESC, key LIMIT $3`,
      [namespace, now, limit],
    );
    return rows.map(toKeyInfo);
  }

  async batch(namespace: string, ops: StoreBatchOp[], now: number): Promise<StoreBatchResult[]> {
    return this.#tx(async (c) => {
      await this.#lock(
        c,
        namespace,
        ops.filter((op) => op.op !== "get").map((op) => op.key),
      );
      const results: StoreBatchResult[] = [];
      for (const [index, op] of ops.entries()) {
        if (op.op === "set") {
          results.push({
            op: "set",
            key: op.key,
            ...(await this.#putValue(c, namespace, op.key, op, now, index)),
          });
        } else if (op.op === "delete") {
          const deleted = await this.#deleteKey(
            c,
            namespace,
            op.key,
            { ...op, kind: "value" },
            now,
            index,
          );
          results.push({ op: "delete", key: op.key, deleted });
        } else {
          const row = await this.#live(c, namespace, op.key, now);
          if (!row) results.push({ op: "get", key: op.key, found: false });
          else if (row.kind !== "value")
            throw new StoreConflictError("wrong_kind", row.version, index);
          else {
            const { version, expires_at: expiresAt } = row;
            results.push({
              op: "get",
              key: op.key,
              found: true,
              value: row.value ?? "null",
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
    return this.#tx(async (c) => {
      await this.#lock(c, namespace, [key]);
      const row = await this.#liveForWrite(c, namespace, key, now, "list");
      const firstSeq = row?.next_seq ?? 1;
      const lastSeq = await this.#insertItems(c, namespace, key, append.items, firstSeq);
      let length = (row?.length ?? 0) + append.items.length;
      let bytes = (row?.bytes ?? 0) + sumBytes(append.items);
      if (append.maxLength !== undefined && length > append.maxLength) {
        const { rows } = await c.query(
          `WITH gone AS (DELETE FROM ${this.#t.items} WHERE ns = $1 AND key = $2 AND seq <= $3 RETURNING bytes)
           SELECT coalesce(sum(bytes), 0)::bigint AS bytes FROM gone`,
          [namespace, key, lastSeq - append.maxLength],
        );
        bytes -= rows[0].bytes;
        length = append.maxLength;
      }
      const expiresAt =
        append.expiresAt !== undefined ? append.expiresAt : (row?.expires_at ?? null);
      const version = await this.#saveList(
        c,
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
    // One statement, one snapshot: the items and the length always agree.
    const items =
      "last" in window
        ? `SELECT seq, value FROM ${this.#t.items} WHERE ns = e.ns AND key = e.key ORDER BY seq DESC LIMIT $3`
        : `SELECT seq, value FROM ${this.#t.items} WHERE ns = e.ns AND key = e.key AND seq > $4 ORDER BY seq LIMIT $3`;
    const params =
      "last" in window
        ? [namespace, key, window.last]
        : [namespace, key, window.limit, window.after];
    const { rows } = await this.#query(
      `SELECT e.kind, e.length, e.version, e.expires_at, i.seq, i.value
       FROM ${this.#t.entries} e LEFT JOIN LATERAL (${items}) i ON e.kind = 'list'
       WHERE e.ns = $1 AND e.key = $2`,
      params,
    );
    const head = rows[0];
    if (!head || !isLive(head, now)) return undefined;
    if (head.kind !== "list") throw new StoreConflictError("wrong_kind", head.version);
    const found = rows
      .filter((r) => r.seq !== null)
      .map((r) => ({ seq: r.seq as number, value: r.value as string }));
    if ("last" in window) found.sort((a, b) => a.seq - b.seq);
    return { items: found, length: head.length, version: head.version };
  }

  async replaceList(
    namespace: string,
    key: string,
    replace: ListReplace,
    now: number,
  ): Promise<ReplaceResult> {
    return this.#tx(async (c) => {
      await this.#lock(c, namespace, [key]);
      const row = await this.#liveForWrite(c, namespace, key, now, "list");
      checkPrecondition(replace.expect, row);
      await c.query(`DELETE FROM ${this.#t.items} WHERE ns = $1 AND key = $2`, [namespace, key]);
      const lastSeq = await this.#insertItems(c, namespace, key, replace.items, row?.next_seq ?? 1);
      const list = {
        length: replace.items.length,
        bytes: sumBytes(replace.items),
        lastSeq,
        expiresAt: replace.expiresAt,
      };
      const version = await this.#saveList(c, namespace, key, row, list, now);
      return { length: list.length, version, created: row === undefined };
    });
  }

  async clearNamespace(namespace: string): Promise<number> {
    return this.#tx(async (c) => {
      await c.query(`DELETE FROM ${this.#t.items} WHERE ns = $1`, [namespace]);
      return (
        (await c.query(`DELETE FROM ${this.#t.entries} WHERE ns = $1`, [namespace])).rowCount ?? 0
      );
    });
  }

  async sweepExpired(now: number, limit: number): Promise<number> {
    return this.#tx(async (c) => {
      const { rows: lock } = await c.query("SELECT pg_try_advisory_xact_lock($1) AS ok", [
        SWEEP_LOCK,
      ]);
      if (!lock[0].ok) return 0; // another replica is sweeping
      const { rows } = await c.query(
        `DELETE FROM ${this.#t.entries} WHERE (ns, key) IN (
           SELECT ns, key FROM ${this.#t.entries} WHERE expires_at <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED)
         RETURNING ns, key`,
        [now, limit],
      );
      if (rows.length > 0) {
        await c.query(
          `DELETE FROM ${this.#t.items} i USING unnest($1::text[], $2::text[]) AS d(ns, key)
           WHERE i.ns = d.ns AND i.key = d.key`,
          [rows.map((r) => r.ns), rows.map((r) => r.key)],
        );
      }
      return rows.length;
    });
  }

  async stats(now: number): Promise<StoreStats> {
    const { rows } = await this.#query(
      `SELECT count(*)::bigint AS entries, count(DISTINCT ns)::bigint AS namespaces, coalesce(sum(bytes), 0)::bigint AS bytes
       FROM ${this.#t.entries} WHERE expires_at IS NULL OR expires_at > $1`,
      [now],
    );
    return {
      totalEntries: rows[0].entries,
      totalNamespaces: rows[0].namespaces,
      totalBytes: rows[0].bytes,
    };
  }

  async ping(): Promise<void> {
    await this.#query("SELECT 1");
  }

  async close(): Promise<void> {
    if (!this.#pool.ended) await this.#pool.end();
  }

  /** A query outside a transaction, with connection failures mapped to 503. */
  async #query(text: string, params: unknown[] = []) {
    try {
      return await this.#pool.query(text, params);
    } catch (error) {
      throw mapPostgresError(error);
    }
  }

  async #one(text: string, params: unknown[]): Promise<EntryRow | undefined> {
    return (await this.#query(text, params)).rows[0];
  }

  /** Runs `work` in one transaction, again after a deadlock or serialization failure. */
  async #tx<T>(work: (client: Client) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let client: Client;
      try {
        client = await this.#pool.connect();
      } catch (error) {
        throw mapPostgresError(error);
      }
      let broken = false;
      try {
        await client.query("BEGIN");
        const result = await work(client);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {
          broken = true;
        });
        if (isTransient(error) && attempt < 5) continue;
        throw mapPostgresError(error);
      } finally {
        client.release(broken);
      }
    }
  }

  /** Takes the per-key write locks, in a fixed order so concurrent batches cannot deadlock. */
  async #lock(c: Client, namespace: string, keys: string[]): Promise<void> {
    const unique = [...new Set(keys)].sort();
    if (unique.length === 0) return;
    await c.query(
      `SELECT pg_advisory_xact_lock(h) FROM (
         SELECT DISTINCT hashtextextended($1 || chr(1) || k, 0) AS h FROM unnest($2::text[]) AS k ORDER BY h) locks`,
      [namespace, unique],
    );
  }

  async #live(
    c: Client,
    namespace: string,
    key: string,
    now: number,
  ): Promise<EntryRow | undefined> {
    const row = (
      await c.query(`SELECT * FROM ${this.#t.entries} WHERE ns = $1 AND key = $2`, [namespace, key])
    ).rows[0];
    return row && isLive(row, now) ? row : undefined;
  }

  /** The live entry for a write of `kind` (caller holds the key's lock); purges an expired one. */
  async #liveForWrite(
    c: Client,
    namespace: string,
    key: string,
    now: number,
    kind: EntryKind,
    index?: number,
  ) {
    const row: EntryRow | undefined = (
      await c.query(`SELECT * FROM ${this.#t.entries} WHERE ns = $1 AND key = $2`, [namespace, key])
    ).rows[0];
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
    const { rows } = await c.query(
      `INSERT INTO ${this.#t.entries} (ns, key, kind, value, bytes, version, created_at, updated_at, expires_at)
       VALUES ($1, $2, 'value', $3, octet_length($3), nextval('${this.#t.versions}'), $4, $5, $6)
       ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value, bytes = excluded.bytes,
         version = excluded.version, updated_at = excluded.updated_at, expires_at = excluded.expires_at
       RETURNING version`,
      [namespace, key, write.value, createdAt, now, write.expiresAt],
    );
    return {
      version: rows[0].version,
      created: !row,
      createdAt,
      updatedAt: now,
      expiresAt: write.expiresAt,
    };
  }

  async #deleteKey(
    c: Client,
    namespace: string,
    key: string,
    options: { expect?: Precondition; kind?: EntryKind },
    now: number,
    index?: number,
  ): Promise<boolean> {
    const row = await this.#live(c, namespace, key, now);
    if (!row) {
      if (options.expect && !("absent" in options.expect))
        throw new StoreConflictError("version_mismatch", null, index);
      return false;
    }
    if (options.kind && row.kind !== options.kind)
      throw new StoreConflictError("wrong_kind", row.version, index);
    checkPrecondition(options.expect, row, index);
    await this.#purge(c, namespace, key);
    return true;
  }

  async #purge(c: Client, namespace: string, key: string): Promise<void> {
    await c.query(`DELETE FROM ${this.#t.items} WHERE ns = $1 AND key = $2`, [namespace, key]);
    await c.query(`DELETE FROM ${this.#t.entries} WHERE ns = $1 AND key = $2`, [namespace, key]);
  }

  /** Inserts items with consecutive seqs from `firstSeq` in one statement; returns the last seq. */
  async #insertItems(
    c: Client,
    namespace: string,
    key: string,
    items: string[],
    firstSeq: number,
  ): Promise<number> {
    if (items.length > 0) {
      await c.query(
        `INSERT INTO ${this.#t.items} (ns, key, seq, value, bytes)
         SELECT $1, $2, $3 + ord - 1, v, octet_length(v) FROM unnest($4::text[]) WITH ORDINALITY AS t(v, ord)`,
        [namespace, key, firstSeq, items],
      );
    }
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
    const { rows } = await c.query(
      `INSERT INTO ${this.#t.entries} (ns, key, kind, value, bytes, version, created_at, updated_at, expires_at, length, next_seq)
       VALUES ($1, $2, 'list', NULL, $3, nextval('${this.#t.versions}'), $4, $5, $6, $7, $8)
       ON CONFLICT (ns, key) DO UPDATE SET bytes = excluded.bytes, version = excluded.version,
         updated_at = excluded.updated_at, expires_at = excluded.expires_at, length = excluded.length,
         next_seq = excluded.next_seq
       RETURNING version`,
      [
        namespace,
        key,
        list.bytes,
        row?.created_at ?? now,
        now,
        list.expiresAt,
        list.length,
        Math.max(list.lastSeq + 1, row?.next_seq ?? 1),
      ],
    );
    return rows[0].version;
  }
}

function checkPrecondition(expect: Precondition | undefined, row?: EntryRow, index?: number): void {
  if (expect && !preconditionHolds(expect, row?.version)) {
    throw new StoreConflictError("version_mismatch", row?.version ?? null, index);
  }
}

function sumBytes(items: string[]): number {
  let total = 0;
  for (const item of items) total += Buffer.byteLength(item, "utf8");
  return total;
}
