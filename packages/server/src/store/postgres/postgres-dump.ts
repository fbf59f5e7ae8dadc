import type pg from "pg";
import type * as dump from "../dump-store.js";
import { DUMP_PAGE_ROWS } from "../dump-store.js";
import type { PostgresPool } from "./postgres-pool.js";
import type { PostgresStatements } from "./postgres-statements.js";

const COLUMNS = [
  "ns",
  "key",
  "kind",
  "value",
  "bytes",
  "version",
  "created_at",
  "updated_at",
  "expires_at",
  "length",
  "next_seq",
] as const;
const TYPES = ["text", "text", "text", "text", ...Array(7).fill("bigint")] as string[];

/**
 * Export and import of a PostgreSQL schema. The dump reads in one REPEATABLE READ, READ ONLY
 * transaction (a snapshot, while replicas keep writing); the load writes in one transaction
 * holding a lock on the tables that makes the replicas' writes wait for it.
 */
export class PostgresDump implements dump.DumpStore {
  readonly #pool: PostgresPool;
  readonly #schema: string;
  readonly #sql: PostgresStatements;

  constructor(pool: PostgresPool, schema: string, sql: PostgresStatements) {
    this.#pool = pool;
    this.#schema = schema;
    this.#sql = sql;
  }

  dump({ now, namespaces }: dump.DumpOptions, visit: dump.DumpVisitor): Promise<void> {
    const s = this.#schema;
    return this.#pool.transaction(async (c) => {
      await c.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      let after = ["", ""];
      for (;;) {
        const { rows: page } = await c.query<dump.DumpedEntry>(
          `SELECT * FROM ${s}.entries WHERE (ns, key) > ($1, $2)
             AND (expires_at IS NULL OR expires_at > $3) ORDER BY ns, key LIMIT ${DUMP_PAGE_ROWS}`,
          [...after, now],
        );
        for (const entry of page) {
          if (namespaces && !namespaces(entry.ns)) continue;
          await visit.entry(entry);
          if (entry.kind === "list") await this.#dumpItems(c, entry, visit);
        }
        if (page.length < DUMP_PAGE_ROWS) return;
        const last = page.at(-1) as dump.DumpedEntry;
        after = [last.ns, last.key];
      }
    }, 1);
  }

  async #dumpItems(
    c: pg.PoolClient,
    entry: dump.DumpedEntry,
    visit: dump.DumpVisitor,
  ): Promise<void> {
    for (let seq = 0; ; ) {
      const { rows } = await c.query<{ seq: number; value: string }>(
        `SELECT seq, value FROM ${this.#schema}.list_items WHERE ns = $1 AND key = $2 AND seq > $3
         ORDER BY seq LIMIT ${DUMP_PAGE_ROWS}`,
        [entry.ns, entry.key, seq],
      );
      for (const item of rows) await visit.item(item);
      if (rows.length < DUMP_PAGE_ROWS) return;
      seq = (rows.at(-1) as { seq: number }).seq;
    }
  }

  load<T>(work: (loader: dump.DumpLoader) => Promise<T>): Promise<T> {
    return this.#pool.transaction(async (c) => {
      // Writers wait until the import commits (readers do not): what it claimed stays free,
      // and one table lock holds however many keys, where a lock per key would run out of
      // lock slots (max_locks_per_transaction) on a large dump.
      await c.query(
        `LOCK TABLE ${this.#schema}.entries, ${this.#schema}.list_items IN SHARE ROW EXCLUSIVE MODE`,
      );
      return work(this.#loader(c));
    }, 1);
  }

  #loader(c: pg.PoolClient): dump.DumpLoader {
    const s = this.#schema;
    const sql = this.#sql;
    return {
      async claim(keys, now, replace) {
        if (keys.length === 0) return -1;
        const ns = keys.map((k) => k.ns);
        const names = keys.map((k) => k.key);
        const { rows: gone } = await c.query(
          `DELETE FROM ${s}.entries e USING unnest($1::text[], $2::text[]) AS d(ns, key)
           WHERE e.ns = d.ns AND e.key = d.key AND ($3 OR e.expires_at <= $4) RETURNING e.ns, e.key`,
          [ns, names, replace, now],
        );
        if (gone.length > 0) {
          await c.query(sql.sweepItems, [gone.map((r) => r.ns), gone.map((r) => r.key)]);
        }
        const { rows: held } = await c.query(
          `SELECT d.ord FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS d(ns, key, ord)
           JOIN ${s}.entries e ON e.ns = d.ns AND e.key = d.key ORDER BY d.ord LIMIT 1`,
          [ns, names],
        );
        return held.length === 0 ? -1 : Number(held[0].ord) - 1;
      },
      async insertItems(items) {
        if (items.length === 0) return;
        await c.query(
          `INSERT INTO ${s}.list_items (ns, key, seq, value, bytes)
           SELECT ns, key, seq, value, octet_length(value)
           FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[]) AS t(ns, key, seq, value)`,
          [
            items.map((i) => i.ns),
            items.map((i) => i.key),
            items.map((i) => i.seq),
            items.map((i) => i.value),
          ],
        );
      },
      async insertEntries(entries) {
        if (entries.length === 0) return;
        const casts = COLUMNS.map((_, i) => `$${i + 1}::${TYPES[i]}[]`).join(", ");
        await c.query(
          `INSERT INTO ${s}.entries (${COLUMNS.join(", ")}) SELECT * FROM unnest(${casts})`,
          COLUMNS.map((column) => entries.map((e) => e[column])),
        );
      },
      async keepVersion(version) {
        await c.query(
          `SELECT setval('${s}.versions', greatest($1::bigint, last_value)) FROM ${s}.versions`,
          [version],
        );
      },
    };
  }
}
