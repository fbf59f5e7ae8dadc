import type Database from "better-sqlite3";
import { LISTED_CHARS_SQL } from "../listed-chars-sql.js";

const LIVE = "(expires_at IS NULL OR expires_at > :now)";
const KEY_INFO = "key, kind, bytes, version, updated_at, expires_at";
// No valid UTF-8 contains byte 0xF5, so `prefix || 0xF5` is just above every key that starts
// with the prefix (SQLite compares TEXT byte-wise): an exact, index-friendly prefix range.
const PREFIX_RANGE = "key >= :prefix AND key < (:prefix || CAST(X'F5' AS TEXT))";
const ITEMS_OF = "FROM list_items WHERE ns = :ns AND key = :key";

const STATEMENTS = {
  entry: "SELECT * FROM entries WHERE ns = :ns AND key = :key",
  upsertValue: `INSERT INTO entries (ns, key, kind, value, bytes, version, created_at, updated_at, expires_at)
    VALUES (:ns, :key, 'value', :value, :bytes, :version, :createdAt, :now, :expiresAt)
    ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value, bytes = excluded.bytes,
      version = excluded.version, updated_at = excluded.updated_at, expires_at = excluded.expires_at`,
  upsertList: `INSERT INTO entries (ns, key, kind, value, bytes, version, created_at, updated_at, expires_at, length, next_seq)
    VALUES (:ns, :key, 'list', NULL, :bytes, :version, :createdAt, :now, :expiresAt, :length, :nextSeq)
    ON CONFLICT (ns, key) DO UPDATE SET bytes = excluded.bytes, version = excluded.version,
      updated_at = excluded.updated_at, expires_at = excluded.expires_at,
      length = excluded.length, next_seq = excluded.next_seq`,
  deleteEntry: "DELETE FROM entries WHERE ns = :ns AND key = :key",
  deleteItems: `DELETE ${ITEMS_OF}`,
  insertItem:
    "INSERT INTO list_items (ns, key, seq, value, bytes) VALUES (:ns, :key, :seq, :value, :bytes)",
  itemBytesUpTo: `SELECT coalesce(sum(bytes), 0) AS bytes ${ITEMS_OF} AND seq <= :upTo`,
  deleteItemsUpTo: `DELETE ${ITEMS_OF} AND seq <= :upTo`,
  // Where a `last` window starts: just before the newest items' oldest (0: the whole list).
  lastWindowStart: `SELECT seq - 1 AS after ${ITEMS_OF} ORDER BY seq DESC LIMIT 1 OFFSET :offset`,
  itemsAfter: `SELECT seq, value, bytes ${ITEMS_OF} AND seq > :after ORDER BY seq LIMIT :limit`,
  listKeys: `SELECT ${KEY_INFO} FROM entries
    WHERE ns = :ns AND key > :after AND ${LIVE} ORDER BY key LIMIT :limit`,
  listKeysWithPrefix: `SELECT ${KEY_INFO} FROM entries
    WHERE ns = :ns AND key > :after AND ${PREFIX_RANGE} AND ${LIVE} ORDER BY key LIMIT :limit`,
  listRecent: `SELECT key, ${LISTED_CHARS_SQL} AS chars, updated_at FROM entries
    WHERE ns = :ns AND ${LIVE} ORDER BY updated_at DESC, key LIMIT :limit`,
  clearItems: "DELETE FROM list_items WHERE ns = :ns",
  clearEntries: "DELETE FROM entries WHERE ns = :ns",
  expired:
    "SELECT ns, key FROM entries WHERE expires_at IS NOT NULL AND expires_at <= :now LIMIT :limit",
  namespaceBytes: `SELECT coalesce(sum(bytes), 0) AS bytes FROM entries WHERE ns = :ns AND ${LIVE}`,
  stats: `SELECT count(*) AS entries, count(DISTINCT ns) AS namespaces,
    coalesce(sum(bytes), 0) AS bytes FROM entries WHERE ${LIVE}`,
  bumpVersion: "UPDATE meta SET value = value + 1 WHERE name = 'version'",
  currentVersion: "SELECT value FROM meta WHERE name = 'version'",
  keepVersion: "UPDATE meta SET value = max(value, :version) WHERE name = 'version'",
  ping: "SELECT 1 AS ok",
  // Walks the primary key (ns, key) in order and stops after `limit` namespaces.
  listNamespaces: `SELECT ns AS namespace, count(*) AS keys, coalesce(sum(bytes), 0) AS bytes
    FROM entries WHERE ns > :after AND ${LIVE} GROUP BY ns ORDER BY ns LIMIT :limit`,
} as const;

/** The prepared statements of a SQLite store, by name. */
export type SqliteStatements = Record<keyof typeof STATEMENTS, Database.Statement>;

/** Prepares every statement the SQLite store runs, once. */
export function prepareSqliteStatements(db: Database.Database): SqliteStatements {
  const entries = Object.entries(STATEMENTS).map(([name, text]) => [name, db.prepare(text)]);
  return Object.fromEntries(entries) as SqliteStatements;
}
