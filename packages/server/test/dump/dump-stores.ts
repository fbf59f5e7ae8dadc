import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { afterEach } from "vitest";
import { exportDump } from "../../src/dump/export-dump.js";
import { PostgresStore } from "../../src/store/postgres/postgres-store.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { dropSchema, randomSchema, TEST_POSTGRES_URL } from "../../src/testing/index.js";

/** A clock reading for store calls. */
export const T0 = 1_800_000_000_000;

export type DumpEngine = "sqlite" | "postgres";

/** Fresh stores of either engine (SQLite on a temp file), closed and removed after each test. */
export function useDumpStores() {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return async function open(engine: DumpEngine): Promise<SqliteStore | PostgresStore> {
    if (engine === "sqlite") {
      const directory = await mkdtemp(join(tmpdir(), "botwire-dump-"));
      const store = new SqliteStore({ path: join(directory, "botwire.db") });
      cleanups.push(async () => {
        await store.close();
        await rm(directory, { recursive: true, force: true });
      });
      return store;
    }
    const schema = randomSchema();
    const store = await PostgresStore.open({
      connectionString: TEST_POSTGRES_URL,
      schema,
      poolSize: 2,
    });
    cleanups.push(async () => {
      await store.close();
      await dropSchema(schema);
    });
    return store;
  };
}

/** The dump of `store` at `now`, as text. */
export async function dumpText(
  store: SqliteStore | PostgresStore,
  now = T0,
  namespaces?: string[],
): Promise<string> {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  await exportDump(store, sink, { now, namespaces });
  return chunks.join("");
}

/** A readable stream of `text`, in small chunks so lines straddle them. */
export function textStream(text: string): Readable {
  const chunks: string[] = [];
  for (let at = 0; at < text.length; at += 7) chunks.push(text.slice(at, at + 7));
  return Readable.from(chunks);
}
