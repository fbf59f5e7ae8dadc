import { LISTED_CHARS_SQL } from "../listed-chars-sql.js";

const KEY_INFO = "key, kind, bytes, version, updated_at, expires_at";
// First key of the namespace locks that serialize storage-cap checks (any fixed number).
const NAMESPACE_LOCKS = 0x6e73;

/**
 * The SQL a PostgreSQL store runs against the tables of `schema`. Values are always bound
 * parameters; only the schema name (validated by the store) is spliced in.
 */
export function postgresStatements(schema: string) {
  const entries = `${schema}.entries`;
  const items = `${schema}.list_items`;
  const live = (now: number) => `(expires_at IS NULL OR expires_at > $${now})`;
  return {
    entry: `SELECT * FROM ${entries} WHERE ns = $1 AND key = $2`,
    // Writers lock the row, so a sweep or a namespace clear never deletes it under them.
    entryForWrite: `SELECT * FROM ${entries} WHERE ns = $1 AND key = $2 FOR UPDATE`,
    // One advisory lock per key, in a fixed order so concurrent batches cannot deadlock. It
    // also serializes writers of a key that does not exist yet (no row to lock).
    lockKeys: `SELECT pg_advisory_xact_lock(h) FROM (
      SELECT DISTINCT hashtextextended($1 || chr(1) || k, 0) AS h FROM unnest($2::text[]) AS k
      ORDER BY h) locks`,
    // The two-key form is a lock space of its own, apart from the per-key locks above.
    lockNamespace: `SELECT pg_advisory_xact_lock(${NAMESPACE_LOCKS}, hashtext($1))`,
    namespaceBytes: `SELECT coalesce(sum(bytes), 0)::bigint AS bytes FROM ${entries}
      WHERE ns = $1 AND ${live(2)}`,
    upsertValue: `INSERT INTO ${entries} (ns, key, kind, value, bytes, version, created_at, updated_at, expires_at)
      VALUES ($1, $2, 'value', $3, octet_length($3), nextval('${schema}.versions'), $4, $5, $6)
      ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value, bytes = excluded.bytes,
        version = excluded.version, updated_at = excluded.updated_at, expires_at = excluded.expires_at
      RETURNING version`,
    upsertList: `INSERT INTO ${entries} (ns, key, kind, value, bytes, version, created_at, updated_at, expires_at, length, next_seq)
      VALUES ($1, $2, 'list', NULL, $3, nextval('${schema}.versions'), $4, $5, $6, $7, $8)
      ON CONFLICT (ns, key) DO UPDATE SET bytes = excluded.bytes, version = excluded.version,
        updated_at = excluded.updated_at, expires_at = excluded.expires_at,
        length = excluded.length, next_seq = excluded.next_seq
      RETURNING version`,
    deleteEntry: `DELETE FROM ${entries} WHERE ns = $1 AND key = $2`,
    deleteItems: `DELETE FROM ${items} WHERE ns = $1 AND key = $2`,
    insertItems: `INSERT INTO ${items} (ns, key, seq, value, bytes)
      SELECT $1, $2, $3 + ord - 1, v, octet_length(v) FROM unnest($4::text[]) WITH ORDINALITY AS t(v, ord)`,
    trimItems: `WITH gone AS (DELETE FROM ${items} WHERE ns = $1 AND key = $2 AND seq <= $3 RETURNING bytes)
      SELECT coalesce(sum(bytes), 0)::bigint AS bytes FROM gone`,
    range: rangeOf(entries, items),
    listKeys: `SELECT ${KEY_INFO} FROM ${entries}
      WHERE ns = $1 AND key > $2 AND ${live(3)} ORDER BY key LIMIT $4`,
    // starts_with has no wildcards to escape, and on a "C" column it becomes an index range.
    listKeysWithPrefix: `SELECT ${KEY_INFO} FROM ${entries}
      WHERE ns = $1 AND key > $2 AND starts_with(key, $5) AND ${live(3)} ORDER BY key LIMIT $4`,
    listRecent: `SELECT key, (${LISTED_CHARS_SQL})::bigint AS chars, updated_at FROM ${entries}
      WHERE ns = $1 AND ${live(2)} ORDER BY updated_at DESC, key LIMIT $3`,
    // Entries first (waiting for writers' row locks), then, in a later snapshot that sees what
    // those writers committed, the items of exactly the keys deleted.
    clearEntries: `DELETE FROM ${entries} WHERE ns = $1 RETURNING key`,
    deleteItemsOfKeys: `DELETE FROM ${items} WHERE ns = $1 AND key = ANY($2::text[])`,
    trySweepLock: "SELECT pg_try_advisory_xact_lock($1) AS ok",
    sweepEntries: `DELETE FROM ${entries} WHERE (ns, key) IN (
        SELECT ns, key FROM ${entries} WHERE expires_at <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED)
      RETURNING ns, key`,
    sweepItems: `DELETE FROM ${items} i USING unnest($1::text[], $2::text[]) AS d(ns, key)
      WHERE i.ns = d.ns AND i.key = d.key`,
    stats: `SELECT count(*)::bigint AS entries, count(DISTINCT ns)::bigint AS namespaces,
        coalesce(sum(bytes), 0)::bigint AS bytes
      FROM ${entries} WHERE ${live(1)}`,
    ping: "SELECT 1",
    listNamespaces: `SELECT ns AS namespace, count(*)::bigint AS keys,
        coalesce(sum(bytes), 0)::bigint AS bytes
      FROM ${entries} WHERE ns > $1 AND ${live(2)} GROUP BY ns ORDER BY ns LIMIT $3`,
  } as const;
}

/** The statements of one schema, by name. */
export type PostgresStatements = ReturnType<typeof postgresStatements>;

/**
 * A list read in one statement, so one snapshot: the entry, and the items of the window
 * (`$3` items after seq `$4`, or the newest `$5` when `$5` is set) up to the one that would
 * take the running total of their bytes past `$6` (the first always fits). Running totals are
 * taken over the window's `seq, bytes` only; values are fetched for the rows kept, one primary-key
 * lookup each (a scalar subquery: as a join, a freshly filled table without statistics got a
 * nested loop scanning the whole list per item, 12 000 items took over 5 s).
 */
function rangeOf(entries: string, items: string): string {
  const start = `CASE WHEN $5::bigint IS NULL THEN $4::bigint ELSE coalesce((
      SELECT seq - 1 FROM ${items} WHERE ns = e.ns AND key = e.key
      ORDER BY seq DESC OFFSET $5::bigint - 1 LIMIT 1), 0) END`;
  return `SELECT e.kind, e.length, e.version, e.expires_at, e.next_seq, i.seq, i.value
    FROM ${entries} e LEFT JOIN LATERAL (
      SELECT w.seq, (SELECT it.value FROM ${items} it
          WHERE it.ns = e.ns AND it.key = e.key AND it.seq = w.seq) AS value FROM (
        SELECT seq, sum(bytes) OVER (ORDER BY seq) AS running, row_number() OVER (ORDER BY seq) AS n
        FROM (SELECT seq, bytes FROM ${items} WHERE ns = e.ns AND key = e.key AND seq > ${start}
          ORDER BY seq LIMIT $3) page) w
      WHERE w.n = 1 OR w.running <= $6) i ON e.kind = 'list'
    WHERE e.ns = $1 AND e.key = $2
    ORDER BY i.seq`;
}
