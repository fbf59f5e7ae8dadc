import { PostgresStore } from "../../src/store/postgres/postgres-store.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { ServerStore } from "../../src/store/store.js";
import { dropSchema, randomSchema, TEST_POSTGRES_URL } from "../../src/testing/index.js";

/** A freshly opened engine. */
export interface OpenedEngine {
  store: ServerStore;
  /** Another store over the same data, like a second server replica (PostgreSQL only). */
  replica?: () => Promise<ServerStore>;
  dispose(): Promise<void>;
}

/** Every engine, opened fresh per test: SQLite in memory, PostgreSQL on a random schema. */
export const engines: Record<string, () => Promise<OpenedEngine>> = {
  SqliteStore: async () => {
    const store = new SqliteStore({ path: ":memory:" });
    return { store, dispose: () => store.close() };
  },
  PostgresStore: async () => {
    const schema = randomSchema();
    const open = () =>
      PostgresStore.open({ connectionString: TEST_POSTGRES_URL, schema, poolSize: 4 });
    const opened: ServerStore[] = [await open()];
    return {
      store: opened[0] as ServerStore,
      replica: async () => {
        const store = await open();
        opened.push(store);
        return store;
      },
      dispose: async () => {
        await Promise.all(opened.map((s) => s.close()));
        await dropSchema(schema);
      },
    };
  },
};
