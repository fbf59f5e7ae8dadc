import Database from "better-sqlite3";
import {
  DUMP_PAGE_ROWS,
  type DumpedEntry,
  type DumpLoader,
  type DumpOptions,
  type DumpStore,
  type DumpVisitor,
} from "../dump-store.js";

const ITEMS_OF = "FROM list_items WHERE ns = :ns AND key = :key";

/**
 * Export and import of a SQLite database, each on a connection of its own: the dump holds one
 * read transaction (a snapshot, while the server keeps writing) and the load one write
 * transaction across many pages and awaits, which must not capture the server's own calls on
 * its shared connection.
 */
export class SqliteDump implements DumpStore {
  readonly #path: string;
  readonly #lockTimeoutMs: number;

  constructor(path: string, lockTimeoutMs: number) {
    if (path === ":memory:") {
      throw new Error("An in-memory SQLite database cannot be exported or imported: use a file.");
    }
    this.#path = path;
    this.#lockTimeoutMs = lockTimeoutMs;
  }

  async dump({ now, namespaces }: DumpOptions, visit: DumpVisitor): Promise<void> {
    const db = new Database(this.#path, { readonly: true });
    try {
      db.pragma(`busy_timeout = ${this.#lockTimeoutMs}`);
      const entries = db.prepare(`SELECT * FROM entries
        WHERE (ns, key) > (:ns, :key) AND (expires_at IS NULL OR expires_at > :now)
        ORDER BY ns, key LIMIT ${DUMP_PAGE_ROWS}`);
      const items = db.prepare(
        `SELECT seq, value ${ITEMS_OF} AND seq > :after ORDER BY seq LIMIT ${DUMP_PAGE_ROWS}`,
      );
      // The snapshot starts at the first read and lasts until COMMIT.
      db.exec("BEGIN");
      let after = { ns: "", key: "" };
      for (;;) {
        const page = entries.all({ ...after, now }) as DumpedEntry[];
        for (const entry of page) {
          if (namespaces && !namespaces(entry.ns)) continue;
          await visit.entry(entry);
          if (entry.kind !== "list") continue;
          for (let seq = 0; ; ) {
            const rows = items.all({ ns: entry.ns, key: entry.key, after: seq }) as {
              seq: number;
              value: string;
            }[];
            for (const item of rows) await visit.item(item);
            if (rows.length < DUMP_PAGE_ROWS) break;
            seq = (rows.at(-1) as { seq: number }).seq;
          }
        }
        if (page.length < DUMP_PAGE_ROWS) break;
        const last = page.at(-1) as DumpedEntry;
        after = { ns: last.ns, key: last.key };
      }
      db.exec("COMMIT");
    } finally {
      db.close();
    }
  }

  async load<T>(work: (loader: DumpLoader) => Promise<T>): Promise<T> {
    const db = new Database(this.#path);
    try {
      // Blocking is acceptable here: only the import command waits on this connection.
      db.pragma(`busy_timeout = ${this.#lockTimeoutMs}`);
      db.exec("BEGIN IMMEDIATE");
      try {
        const result = await work(sqliteLoader(db));
        db.exec("COMMIT");
        return result;
      } catch (error) {
        db.exec("ROLLBACK");
        throw error;
      }
    } finally {
      db.close();
    }
  }
}

function sqliteLoader(db: Database.Database): DumpLoader {
  const expiry = db.prepare("SELECT expires_at FROM entries WHERE ns = :ns AND key = :key");
  const deleteEntry = db.prepare("DELETE FROM entries WHERE ns = :ns AND key = :key");
  const deleteItems = db.prepare(`DELETE ${ITEMS_OF}`);
  const insertItem = db.prepare(
    "INSERT INTO list_items (ns, key, seq, value, bytes) VALUES (:ns, :key, :seq, :value, :bytes)",
  );
  const insertEntry = db.prepare(`INSERT INTO entries
    (ns, key, kind, value, bytes, version, created_at, updated_at, expires_at, length, next_seq)
    VALUES (:ns, :key, :kind, :value, :bytes, :version, :created_at, :updated_at, :expires_at, :length, :next_seq)`);
  const keepVersion = db.prepare(
    "UPDATE meta SET value = max(value, :version) WHERE name = 'version'",
  );
  return {
    async claim(keys, now, replace) {
      for (const [index, key] of keys.entries()) {
        const row = expiry.get(key) as { expires_at: number | null } | undefined;
        if (!row) continue;
        const live = row.expires_at === null || row.expires_at > now;
        if (live && !replace) return index;
        deleteItems.run(key);
        deleteEntry.run(key);
      }
      return -1;
    },
    async insertItems(items) {
      for (const item of items) {
        insertItem.run({ ...item, bytes: Buffer.byteLength(item.value, "utf8") });
      }
    },
    async insertEntries(entries) {
      for (const entry of entries) insertEntry.run(entry);
    },
    async keepVersion(version) {
      keepVersion.run({ version });
    },
  };
}
